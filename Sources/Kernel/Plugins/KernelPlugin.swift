public import Foundation

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
    /// The plugin's translation catalogues: PO text by language code, as its module embedded them (see
    /// ``Translations``).
    static var translationCatalogues: [String: String] { get }
    /// The audit actions the plugin writes, and their areas, as the audit log page names them (see
    /// ``AuditActionName``).
    static var auditActions: [AuditActionName] { get }
    /// The kinds of message the plugin sends through the outbox, as the outbox page names them (see
    /// ``MessageKindName``).
    static var messageKinds: [MessageKindName] { get }

    /// Builds the plugin with everything it may use; no plugin looks anything up globally.
    init(context: PluginContext) throws

    /// Reactions to kernel events, run only for organizations that enabled the plugin.
    var eventHandlers: [EventHandler] { get }

    /// Sections of the post-series report (``SeriesReportDocument``) for a series of an organization that enabled
    /// the plugin.
    func seriesReportSections(for report: SeriesReportRequest) async throws -> [ReportSection]

    /// Work that falls due with time (reminders before a session, follow-ups after it), run by the outbox's
    /// delivery worker before each pass and by `indaba outbox deliver`, with the workspace's clock. It must be
    /// safe to run as often as anyone likes: whatever it queues carries an idempotency key.
    func runScheduledWork(at now: Date) async throws
}

extension KernelPlugin {
    public static var dependencies: [PluginRequirement] { [] }
    public static var settings: any PluginSettings.Type { NoSettings.self }
    public static var migrations: [PluginMigration] { [] }
    public static var translationCatalogues: [String: String] { [:] }
    public static var auditActions: [AuditActionName] { [] }
    public static var messageKinds: [MessageKindName] { [] }
    public var eventHandlers: [EventHandler] { [] }
    public func seriesReportSections(for report: SeriesReportRequest) async throws -> [ReportSection] { [] }
    public func runScheduledWork(at now: Date) async throws {}
}
