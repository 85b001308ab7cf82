public import GRDB

/// Networks and their member organizations: the two levels organizations form.
public enum OrganizationTree {
    /// The members of `network` (not the network itself), by id.
    public static func members(of network: Organization.ID, in db: Database) throws -> [Organization.ID] {
        try Organization.ID.fetchAll(
            db, sql: "SELECT id FROM organization WHERE parentId = ? ORDER BY id", arguments: [network])
    }

    /// The network `organization` belongs to (itself for a network), or `nil` when there is no such organization.
    public static func network(of organization: Organization.ID, in db: Database) throws -> Organization.ID? {
        // Every authenticated request asks this (``Access/granted(role:organization:person:principal:in:)``).
        try Organization.ID.fetchOne(
            db.cachedStatement(sql: "SELECT coalesce(parentId, id) FROM organization WHERE id = ?"),
            arguments: [organization])
    }

    /// The organization `id`, or `nil` when there is none.
    public static func organization(_ id: Organization.ID, in db: Database) throws -> Organization? {
        try Organization.fetchOne(db, key: id)
    }
}
