public import GRDB

/// Networks and their member organizations: the two levels organizations form.
public enum OrganizationTree {
    /// The members of `network` (not the network itself), by id.
    public static func members(of network: Organization.ID, in db: Database) throws -> [Organization.ID] {
        try Organization.ID.fetchAll(
            db, sql: "SELECT id FROM organization WHERE parentId = ? ORDER BY id", arguments: [network])
    }

    /// The networks `organizations` belong to (a network belongs to itself); unknown ids are left out.
    public static func networks(of organizations: Set<Organization.ID>, in db: Database) throws
        -> Set<Organization.ID>
    {
        guard !organizations.isEmpty else { return [] }
        // The ids as one JSON argument to a cached statement: a coordinator's set names every member, and a statement
        // with the ids written into it was prepared afresh on every request.
        let list = "[" + organizations.map { String($0.rawValue) }.joined(separator: ",") + "]"
        return Set(
            try Organization.ID.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT DISTINCT coalesce(parentId, id) FROM organization
                        WHERE id IN (SELECT value FROM json_each(?))
                        """),
                arguments: [list]))
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
