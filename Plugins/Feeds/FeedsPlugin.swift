import GRDB
public import Hummingbird
public import Kernel
public import PluginKit

/// Calendar feeds of published series: per series, per organization and per network.
///
/// Feeds are public (mounted at `/public/orgs/{org}/feeds/…`) for organizations that enabled the plugin; see the
/// plugin's README for URLs, settings and caching.
public struct FeedsPlugin: Plugin {
    public static let id: PluginID = "feeds"
    public static let name = PluginName("Calendar feeds")
    public static var translationCatalogues: [String: String] { EmbeddedCatalogues.byLanguage }
    /// The plugin's wording in every shipped language, read once from the compiled-in catalogues (for invitations,
    /// which are written outside any page).
    static let translations = Translations.compiledIn(EmbeddedCatalogues.byLanguage, module: "Plugins/Feeds")

    /// The plugin's words in `language`. English, the source, reads no catalogue: a one-shot `feeds render`
    /// parses none.
    static func wording(in language: Language) -> Localizer {
        language == .english ? .english : translations.localizer(for: language)
    }
    public static let version: SemanticVersion = "1.0.0"
    public static let settings: any PluginSettings.Type = FeedsSettings.self
    public static let commands: [any PluginCommand.Type] = [
        FeedURLsCommand.self, PersonalFeedCommand.self, FeedRenderCommand.self,
    ]
    public static let migrations = [PersonalFeeds.migration]

    let context: PluginContext
    let cache = FeedCache()
    /// Where ids come from (see ``FeedIdentity``).
    let identity = FeedIdentity()
    /// Settings and content version of recently served feeds, so a poll that changes nothing reads no database.
    let states: RecentCache<FeedStateKey, FeedState>

    public init(context: PluginContext) {
        self.context = context
        states = RecentCache(counter: context.writes)
    }

    public func addPublicRoutes(to routes: RouteCollection<IndabaRequestContext>) {
        FeedRoutes(plugin: self).addPublic(to: routes)
    }

    public func addRoutes(to routes: RouteCollection<IndabaRequestContext>) {
        FeedRoutes(plugin: self).addPrivate(to: routes)
    }

    /// Every session change evicts exactly the feeds that show the session: its series', its organization's, its
    /// network's and the personal feeds of the people in its series.
    public var eventHandlers: [EventHandler] {
        [
            .afterCommit(SessionScheduled.self) { try await evict(series: $0.seriesId) },
            .afterCommit(SessionChanged.self) { try await evict(series: $0.seriesId) },
            .afterCommit(SessionCancelled.self) { try await evict(series: $0.seriesId) },
            .afterCommit(SeriesChanged.self) { try await evict(series: $0.seriesId) },
            .afterCommit(PersonWithdrew.self) { try await evict(series: $0.seriesId) },
            // An erased person's private calendars stop wherever they were issued, enabled or not.
            .maintaining(PersonErased.self) { event, db in try PersonalFeeds.erase(event.personId, in: db) },
        ]
    }

    private func evict(series: WebinarSeries.ID) async throws {
        let scopes = try await context.store.read { db -> Set<FeedScope> in
            guard let running = try ScheduleQueries.organizations(running: series, in: db) else {
                return [.series(series)]
            }
            let people = try SeriesFacilitation.people(in: series, in: db).map(FeedScope.person)
            return Set([.series(series), .organization(running.organization), .network(running.network)] + people)
        }
        cache.evict(scopes)
    }
}
