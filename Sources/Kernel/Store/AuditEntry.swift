public import Foundation
public import GRDB

/// One line of the audit log: who changed what in an organization, and when.
public struct AuditEntry: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public typealias ID = Identifier<AuditEntry>
    public static let databaseTableName = "auditLog"

    public var id: ID?
    public var occurredAt: Date
    public var actor: String
    public var organizationId: Organization.ID
    /// What kind of change, as `area.verb`: `plugin.enabled`, `series.created`, `person.erased`, ...
    public var action: String
    /// What the change was about, as ``AuditSubject`` text (`person:12`), when it was about one object.
    public var subject: String?
    public var pluginId: String?
    /// What changed, as canonical JSON (for settings: the keys and their new values).
    public var detail: String

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = ID(inserted.rowID)
    }
}
