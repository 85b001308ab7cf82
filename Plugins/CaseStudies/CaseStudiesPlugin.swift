public import Hummingbird
public import Kernel
public import PluginKit

/// A network's library of case studies: what worked for women's participation, searchable, linked to the sessions
/// where it was presented. See the plugin's README for the file format, visibility rules, CLI and API.
public struct CaseStudiesPlugin: Plugin {
    public static let id: PluginID = "case-studies"
    public static let name = PluginName("Case-study library")
    public static var translationCatalogues: [String: String] { EmbeddedCatalogues.byLanguage }
    public static let version: SemanticVersion = "1.0.0"
    public static let settings: any PluginSettings.Type = CaseStudiesSettings.self
    public static let migrations = CaseStudyMigrations.all
    public static let commands: [any PluginCommand.Type] = [
        SearchCommand.self, ListCommand.self, ShowCommand.self, HistoryCommand.self, ImportCommand.self,
        ExportCommand.self, LinkCommand.self, BenchCommand.self,
    ]

    let context: PluginContext

    public init(context: PluginContext) {
        self.context = context
    }

    public func addRoutes(to routes: RouteCollection<IndabaRequestContext>) {
        CaseStudyRoutes(plugin: self, isPublic: false).add(to: routes)
    }

    public func addPublicRoutes(to routes: RouteCollection<IndabaRequestContext>) {
        CaseStudyRoutes(plugin: self, isPublic: true).add(to: routes)
    }
}
