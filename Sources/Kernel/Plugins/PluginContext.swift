public import Foundation
public import GRDB
public import Logging
import Synchronization

/// What a plugin receives when it is built.
public struct PluginContext: Sendable {
    /// The plugin being built.
    public let pluginId: PluginID
    /// The shared database.
    public let store: Store
    /// A logger whose metadata carries `plugin.id`.
    public let logger: Logger
    /// The clock; tests inject a fixed one.
    public let now: @Sendable () -> Date
    /// Counts the writes the workspace commits, for caches (see ``RecentCache``).
    public let writes: WriteCounter
    /// The gate every surface goes through; site routes (``Plugin/addSiteRoutes(to:)``) ask it themselves.
    public let gate: PluginGate
    /// The server's public address, for absolute links in messages and documents (``Workspace/baseURL``).
    public let baseURL: String
    private let settingsType: any PluginSettings.Type
    private let link: BusLink
    private let decodedSettings = DecodedSettings()

    init(
        pluginId: PluginID, store: Store, logger: Logger, now: @escaping @Sendable () -> Date, writes: WriteCounter,
        settingsType: any PluginSettings.Type, bus: BusLink, gate: PluginGate, baseURL: String
    ) {
        self.baseURL = baseURL
        self.gate = gate
        self.link = bus
        self.pluginId = pluginId
        self.store = store
        var logger = logger
        logger[metadataKey: "plugin.id"] = "\(pluginId)"
        self.logger = logger
        self.now = now
        self.writes = writes
        self.settingsType = settingsType
    }

    /// Runs `body` as one kernel write transaction, exactly as ``Workspace/write(as:_:)`` does: the kernel's change
    /// methods raise their events, before-commit handlers can veto, and after-commit handlers run after the commit.
    @discardableResult
    public func write<T: Sendable>(
        as actor: AuditActor, _ body: @escaping @Sendable (WriteTransaction) throws -> T
    ) async throws -> T {
        guard let bus = link.bus.withLock({ $0 }) else {
            preconditionFailure("A plugin wrote before the workspace finished opening")
        }
        return try await Workspace.write(
            as: actor, store: store, bus: bus, writes: writes, logger: logger, now: now(), body)
    }

    /// Reads this plugin's settings for `organization` (the defaults if it never changed them).
    public func settings<S: PluginSettings>(_ type: S.Type, for organization: Organization.ID) async throws -> S {
        try await store.read { db in try settings(type, for: organization, in: db) }
    }

    /// The organization's settings, read inside a transaction (an event handler's, a public enrolment's).
    public func settings<S: PluginSettings>(_ type: S.Type, for organization: Organization.ID, in db: Database)
        throws -> S
    {
        // A cached statement, prepared once per connection (the query interface built and prepared it on every call).
        let stored = try String.fetchOne(
            db.cachedStatement(sql: "SELECT settings FROM pluginEnablement WHERE organizationId = ? AND pluginId = ?"),
            arguments: [organization, pluginId.rawValue])
        return try decodedSettings.settings(S.self, storedAs: stored) {
            let object = try SettingsCodec.merge(
                [:], onto: stored.map(PluginEnablementRecord.object(fromSettings:)), for: S.self, plugin: pluginId)
            return try SettingsCodec.decode(S.self, from: object, plugin: pluginId)
        }
    }
}
