public import ArgumentParser
public import Foundation
internal import GRDB
public import Hummingbird
public import Logging
import Synchronization

/// An installable extension of Indaba, enabled per organization.
///
/// A minimal plugin declares only ``id``, ``version`` and ``init(context:)``; every other contribution has an empty
/// default. The kernel never names a plugin: the executable installs them through ``PluginRegistry``.
///
/// ```swift
/// struct GreeterPlugin: Plugin {
///     static let id: PluginID = "greeter"
///     static let version: SemanticVersion = "1.0.0"
///     init(context: PluginContext) {}
/// }
/// ```
///
/// HTTP routes are mounted by the server under the organization: private ones at `/api/v1/orgs/{org}/<id>/…`
/// (authenticated, the caller must see the organization) and public ones at `/public/orgs/{org}/<id>/…`, both
/// answering 404 wherever the plugin is not enabled.
public protocol Plugin: Sendable {
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
    /// Subcommands offered as `indaba <id> …`, run only for organizations that enabled the plugin.
    static var commands: [any PluginCommand.Type] { get }
    /// Further top-level command groups named for what they act on, such as `indaba attendance …`: plain
    /// `ParsableCommand`s whose subcommands are ``PluginCommand``s, gated like ``commands``.
    static var commandGroups: [any ParsableCommand.Type] { get }
    /// The OpenAPI description of the routes added by ``addRoutes(to:)`` and ``addPublicRoutes(to:)``.
    static var apiDescription: PluginAPIDescription { get }

    /// Builds the plugin with everything it may use; no plugin looks anything up globally.
    init(context: PluginContext) throws

    /// Reactions to kernel events, run only for organizations that enabled the plugin.
    var eventHandlers: [EventHandler] { get }

    /// Adds the plugin's private API, mounted at `/api/v1/orgs/{org}/<id>`; `context.organization` is set.
    func addRoutes(to routes: RouteCollection<IndabaRequestContext>)

    /// Adds public pages and feeds, mounted at `/public/orgs/{org}/<id>`; `context.organization` is set.
    func addPublicRoutes(to routes: RouteCollection<IndabaRequestContext>)

    /// Adds routes at the site root, such as a short public address printed on paper (`/verify/{code}`).
    ///
    /// They are mounted for everyone and are **not** gated per organization: `context.organization` is nil, and the
    /// plugin must itself check that the organization owning what a request names has enabled it (answering 404,
    /// like an unknown address, when it has not). Keep them few, and start their paths with a word that names what
    /// they serve; two plugins must not register the same path.
    func addSiteRoutes(to routes: RouteCollection<IndabaRequestContext>)

    // MARK: - Web pages

    /// Links in the staff workspace's navigation, relative to the plugin's pages (see ``PageRoutes``).
    static var navigation: [NavigationEntry] { get }

    /// Adds staff pages, mounted at `/orgs/{org}/<id>/…` for signed-in administrators where the plugin is enabled.
    func addPages(to pages: PageRoutes)

    /// Adds public pages (no sign-in), mounted at `/pages/orgs/{org}/<id>/…` where the plugin is enabled.
    func addPublicPages(to pages: PageRoutes)

    /// Sections for the public page of a series of an organization that enabled the plugin (may be empty).
    func seriesSections(for page: SeriesPageRequest) async throws -> [PageSection]

    /// The recruitment channels the public enrolment form offers ("how did you hear about it?") for an
    /// organization that enabled the plugin; empty when the plugin has no opinion.
    func recruitmentChannels(for organization: Organization.ID) async throws -> [String]

    /// Runs inside the transaction of a public enrolment, for an organization that enabled the plugin; the section
    /// returned (if any) is shown on the confirmation page. Throwing rolls the enrolment back.
    func didEnrol(_ enrolment: PublicEnrolment, in transaction: WriteTransaction) throws -> PageSection?

    /// Sections of the post-series report (``SeriesReportDocument``) for a series of an organization that enabled
    /// the plugin.
    func seriesReportSections(for report: SeriesReportRequest) async throws -> [ReportSection]
}

extension Plugin {
    public static var dependencies: [PluginRequirement] { [] }
    public static var settings: any PluginSettings.Type { NoSettings.self }
    public static var migrations: [PluginMigration] { [] }
    public static var commands: [any PluginCommand.Type] { [] }
    public static var commandGroups: [any ParsableCommand.Type] { [] }

    /// Every command the plugin contributes: ``commands`` and those inside ``commandGroups``, at any depth.
    public static var allCommands: [any PluginCommand.Type] {
        func leaves(_ command: any ParsableCommand.Type) -> [any PluginCommand.Type] {
            if let command = command as? any PluginCommand.Type { return [command] }
            return command.configuration.subcommands.flatMap(leaves)
        }
        return commands + commandGroups.flatMap(leaves)
    }
    public static var apiDescription: PluginAPIDescription { PluginAPIDescription() }
    public var eventHandlers: [EventHandler] { [] }
    public func addRoutes(to routes: RouteCollection<IndabaRequestContext>) {}
    public func addPublicRoutes(to routes: RouteCollection<IndabaRequestContext>) {}
    public func addSiteRoutes(to routes: RouteCollection<IndabaRequestContext>) {}
    public static var navigation: [NavigationEntry] { [] }
    public func addPages(to pages: PageRoutes) {}
    public func addPublicPages(to pages: PageRoutes) {}
    public func seriesSections(for page: SeriesPageRequest) async throws -> [PageSection] { [] }
    public func recruitmentChannels(for organization: Organization.ID) async throws -> [String] { [] }
    public func didEnrol(_ enrolment: PublicEnrolment, in transaction: WriteTransaction) throws -> PageSection? {
        nil
    }
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
    private let settingsType: any PluginSettings.Type
    private let link: BusLink

    init(
        pluginId: PluginID, store: Store, logger: Logger, now: @escaping @Sendable () -> Date, writes: WriteCounter,
        settingsType: any PluginSettings.Type, bus: BusLink
    ) {
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
