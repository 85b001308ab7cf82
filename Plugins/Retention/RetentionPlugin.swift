public import ArgumentParser
import Foundation
import GRDB
public import Hummingbird
public import Kernel
public import PluginKit

/// Recruitment and retention: attendance imported from Zoom, Teams and Meet exports, series funnels with drop-out
/// points, privacy-safe breakdowns by gender and channel, targets, follow-up lists and programme retention.
///
/// See the plugin's README for commands, API, settings and the suppression rule.
public struct RetentionPlugin: Plugin {
    public static let id: PluginID = "retention"
    public static let name = PluginName("Recruitment and retention")
    /// The plugin's translation catalogues (its `Locales/*.po`, compiled in): the web interface and `indaba report`
    /// add them to what speaks each page and report.
    public static var translationCatalogues: [String: String] { EmbeddedCatalogues.byLanguage }
    public static let version: SemanticVersion = "1.0.0"
    public static let settings: any PluginSettings.Type = RetentionSettings.self
    public static let migrations = RetentionSchema.migrations
    public static let commands: [any PluginCommand.Type] = [
        RetentionReportCommand.self, FollowUpCommand.self, TargetCommand.self, NetworkFunnelCommand.self,
        ProgrammeRetentionCommand.self,
    ]
    public static let commandGroups: [any ParsableCommand.Type] = [AttendanceCommands.self]
    public static let apiDescription = RetentionAPIDescription.description

    let context: PluginContext

    public init(context: PluginContext) {
        self.context = context
    }

    public var eventHandlers: [EventHandler] { TallyKeeper.handlers + PersonErasure.handlers }

    public func addRoutes(to routes: RouteCollection<IndabaRequestContext>) {
        RetentionRoutes(plugin: self).add(to: routes)
    }

    func settings(for organization: Organization.ID) async throws -> RetentionSettings {
        try await context.settings(RetentionSettings.self, for: organization)
    }
}

/// `indaba attendance …`: importing meeting exports and resolving the rows nobody was found for.
struct AttendanceCommands: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attendance",
        abstract: "Import attendance from Zoom, Teams or Meet exports and resolve unmatched rows (retention plugin).",
        subcommands: [
            AttendanceImportCommand.self, UnmatchedCommand.self, ResolveCommand.self, AttendanceLoadCommand.self,
        ])
}
