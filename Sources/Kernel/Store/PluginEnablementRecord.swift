public import Foundation
public import GRDB

/// Whether a plugin is enabled for an organization, with that organization's settings for it.
public struct PluginEnablementRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "pluginEnablement"

    public var organizationId: Organization.ID
    public var pluginId: String
    public var enabled: Bool
    /// The complete settings as canonical JSON (defaults included).
    public var settings: String
    public var createdAt: Date
    public var updatedAt: Date

    /// The settings as a JSON object.
    public var settingsObject: [String: JSONValue] {
        guard let data = settings.data(using: .utf8),
            case let .object(object)? = try? JSONDecoder().decode(JSONValue.self, from: data)
        else { return [:] }
        return object
    }
}

/// Who made a change, as written to the audit log. Never personal data: a role or token id, not a name.
public struct AuditActor: Sendable, Hashable, CustomStringConvertible {
    public let name: String

    public init(_ name: String) {
        self.name = name
    }

    /// The command line, run by the operating-system user named (an operator account, not a participant).
    public static func commandLine(user: String) -> AuditActor { AuditActor("cli:\(user)") }
    /// A network definition file being imported.
    public static let importFile = AuditActor("import")

    public var description: String { name }
}

/// One line of the audit log: who changed what about an organization's plugins, and when.
public struct AuditEntry: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public typealias ID = Identifier<AuditEntry>
    public static let databaseTableName = "auditLog"

    public var id: ID?
    public var occurredAt: Date
    public var actor: String
    public var organizationId: Organization.ID
    /// `plugin.enabled`, `plugin.disabled` or `plugin.settingsChanged`.
    public var action: String
    public var pluginId: String?
    /// What changed, as canonical JSON (for settings: the keys and their new values).
    public var detail: String

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = ID(inserted.rowID)
    }
}

extension PluginEnablementRecord {
    /// The ids of the plugins enabled for `organization`, as the database says now (within a transaction, its own
    /// changes included).
    public static func enabledPlugins(of organization: Organization.ID, in db: Database) throws -> Set<PluginID> {
        let ids = try String.fetchAll(
            db, sql: "SELECT pluginId FROM pluginEnablement WHERE organizationId = ? AND enabled",
            arguments: [organization])
        return Set(ids.map { PluginID($0) })
    }
}
