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
    public var settingsObject: [String: JSONValue] { Self.object(fromSettings: settings) }

    /// Stored settings text as a JSON object (empty when it is not one).
    static func object(fromSettings settings: String) -> [String: JSONValue] {
        guard let data = settings.data(using: .utf8),
            case let .object(object)? = try? JSONDecoder().decode(JSONValue.self, from: data)
        else { return [:] }
        return object
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
