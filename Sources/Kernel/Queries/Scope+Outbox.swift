import Foundation
public import GRDB

/// The outbox as staff may read it: an organization's messages, for its administrators.
extension Scope {
    /// The organization's messages, newest first, optionally only those in `states`.
    /// - Throws: ``AccessError`` unless the caller administers the organization.
    public func outbox(
        of organization: Organization.ID, states: [OutboxMessage.State] = [], limit: Int = 200, in db: Database
    ) throws -> [OutboxMessage] {
        try requireAdministration(of: organization)
        var request = OutboxMessage.filter(Column("organizationId") == organization)
        if !states.isEmpty { request = request.filter(states.contains(Column("state"))) }
        return try request.order(Column("createdAt").desc, Column("id").desc).limit(limit).fetchAll(db)
    }

    /// The organization's people whose address failed for good too often (see
    /// ``MessageRecipient/undeliverableAfter``).
    public func undeliverableAddresses(of organization: Organization.ID, in db: Database) throws -> [Person.ID] {
        try requireAdministration(of: organization)
        return try Person.ID.fetchAll(
            db,
            sql: """
                SELECT r.personId FROM messageRecipient r JOIN person p ON p.id = r.personId
                WHERE p.organizationId = ? AND r.permanentFailures >= ? ORDER BY r.personId
                """, arguments: [organization, MessageRecipient.undeliverableAfter])
    }
}
