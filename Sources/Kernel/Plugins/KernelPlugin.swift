public import Foundation
internal import GRDB
public import Logging
import Synchronization

/// What the kernel itself needs of a plugin: its identity, its tables, its settings, and its reactions to kernel
/// events. The kernel builds, migrates and runs plugins through this protocol and never names one.
///
/// Plugins conform to `PluginKit`'s `Plugin`, which refines this protocol with everything a plugin contributes to
/// the surfaces people use (API routes, pages, commands); the kernel knows nothing of those.
public protocol KernelPlugin: Sendable {
    /// The permanent identity; every other name derives from it.
    static var id: PluginID { get }
    /// The plugin's version, checked against the requirements of plugins that depend on it.
    static var version: SemanticVersion { get }
    /// Plugins that must be installed, and enabled for an organization before this one can be.
    static var dependencies: [PluginRequirement] { get }
    /// The per-organization settings type (strict, with defaults).
    static var settings: any PluginSettings.Type { get }
    /// SQL migrations for the plugin's own prefixed tables, in order. Run for every installed plugin.
    static var migrations: [PluginMigration] { get }

    /// Builds the plugin with everything it may use; no plugin looks anything up globally.
    init(context: PluginContext) throws

    /// Reactions to kernel events, run only for organizations that enabled the plugin.
    var eventHandlers: [EventHandler] { get }

    /// Sections of the post-series report (``SeriesReportDocument``) for a series of an organization that enabled
    /// the plugin.
    func seriesReportSections(for report: SeriesReportRequest) async throws -> [ReportSection]
}

extension KernelPlugin {
    public static var dependencies: [PluginRequirement] { [] }
    public static var settings: any PluginSettings.Type { NoSettings.self }
    public static var migrations: [PluginMigration] { [] }
    public var eventHandlers: [EventHandler] { [] }
    public func seriesReportSections(for report: SeriesReportRequest) async throws -> [ReportSection] { [] }
}

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
    private let settingsType: any PluginSettings.Type
    private let link: BusLink

    init(
        pluginId: PluginID, store: Store, logger: Logger, now: @escaping @Sendable () -> Date, writes: WriteCounter,
        settingsType: any PluginSettings.Type, bus: BusLink, gate: PluginGate
    ) {
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
        let pluginId = pluginId
        let stored = try await store.writer.read { db in
            try PluginEnablementRecord.fetchOne(
                db, key: ["organizationId": organization, "pluginId": pluginId.rawValue])
        }
        let object = try SettingsCodec.merge([:], onto: stored?.settingsObject, for: S.self, plugin: pluginId)
        return try SettingsCodec.decode(S.self, from: object, plugin: pluginId)
    }
}
