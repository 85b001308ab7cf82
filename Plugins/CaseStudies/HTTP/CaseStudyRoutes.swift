import Foundation
import GRDB
import Hummingbird
import Kernel
import PluginKit

/// The library's routes. Private ones (`/api/v1/orgs/{org}/case-studies/…`) answer with what the caller's token
/// may see; public ones (`/public/orgs/{org}/case-studies/…`) with what anyone may: public studies whose people
/// consented. Both serve the library of `{org}`'s network.
struct CaseStudyRoutes {
    let plugin: CaseStudiesPlugin
    let isPublic: Bool

    func add(to routes: RouteCollection<IndabaRequestContext>) {
        routes.get("studies") { request, context in
            try await answering { try await studies(request, context) }
        }
        routes.get("studies/:study") { request, context in
            try await answering {
                try refuseParameters(request, allowed: [])
                let (network, reader, reference) = try await library(context, parameter: "study")
                let scope = Scope(isPublic ? .anonymous : context.access)
                let view = try await plugin.context.store.read { db in
                    let study = try CaseStudyLibrary.visibleStudy(reference, network: network, reader: reader, in: db)
                    // Only the sessions the caller may see: a linked series can go back to draft or be cancelled.
                    let sessions = try scope.visible(CaseStudyLibrary.sessions(of: study.id!, in: db), in: db)
                    return (
                        StudyView(study, sessions: sessions),
                        Self.etag(of: study)
                    )
                }
                return try JSONResponse.make(view.0, etag: view.1)
            }
        }
        routes.get("series/:series/presented") { request, context in
            try await answering {
                try refuseParameters(request, allowed: [])
                let (_, reader, reference) = try await library(context, parameter: "series")
                guard let series = Int64(reference) else {
                    throw PluginProblem(.notFound, of: CaseStudiesPlugin.id) { t in t("No such series here.") }
                }
                let scope = Scope(isPublic ? .anonymous : context.access)
                let items = try await plugin.context.store.read { db in
                    // A series the caller may not see answers 404, like one that does not exist.
                    _ = try scope.one(scope.series(), id: series, entity: "series", in: db)
                    return try CaseStudyLibrary.presented(inSeries: WebinarSeries.ID(series), reader: reader, in: db)
                        .map { PresentedView(sessionId: $0.session.rawValue, study: StudySummaryView($0.study)) }
                }
                return try JSONResponse.make(ItemsView(items: items))
            }
        }
        if !isPublic {
            addWrites(to: routes)
            routes.get("studies/:study/versions") { request, context in
                try await answering {
                    try refuseParameters(request, allowed: [])
                    let (network, reader, reference) = try await library(context, parameter: "study")
                    let items = try await plugin.context.store.read { db in
                        let study = try CaseStudyLibrary.visibleStudy(
                            reference, network: network, reader: reader, in: db)
                        return try CaseStudyLibrary.history(of: study.id!, in: db).map {
                            VersionView(
                                version: $0.version, actor: $0.actor, createdAt: $0.createdAt, document: $0.document)
                        }
                    }
                    return try JSONResponse.make(ItemsView(items: items))
                }
            }
        }
    }

    /// `GET studies`: a ranked search with `q`, otherwise the list by title; both filtered.
    private func studies(_ request: Request, _ context: IndabaRequestContext) async throws -> Response {
        let query = try refuseParameters(request, allowed: ["q", "topic", "sector", "country", "origin", "limit"])
        var filters = SearchFilters(topic: query["topic"], sector: query["sector"], country: query["country"])
        if let origin = query["origin"] {
            guard let value = CaseStudy.Origin(rawValue: origin) else {
                throw PluginProblem(.badRequest, of: CaseStudiesPlugin.id) { t in
                    t("origin must be network or outside.")
                }
            }
            filters.origin = value
        }
        let organization = context.organization!.id!
        let access = isPublic ? Access.anonymous : context.access
        let (q, limitText, chosen) = (query["q"], query["limit"], filters)
        let pluginContext = plugin.context
        // One read for the settings, the reader and the search: each read is a hop to a database thread and back.
        let answer = try await pluginContext.store.read { db -> StudiesAnswer in
            let settings = try pluginContext.settings(CaseStudiesSettings.self, for: organization, in: db)
            let limit = try Self.limit(limitText, searching: q != nil, settings: settings)
            let (network, reader) = try Self.library(of: organization, for: access, in: db)
            guard let q else {
                return .studies(
                    try CaseStudyLibrary.summaries(
                        network: network, reader: reader, filters: chosen, limit: limit, in: db
                    ).map(StudySummaryView.init))
            }
            return .hits(
                try CaseStudySearch.search(
                    q, network: network, reader: reader, filters: chosen, limit: limit,
                    snippetWords: settings.snippetWords, in: db
                ).map(SearchHitView.init))
        }
        switch answer {
        case .hits(let hits): return JSONResponse.make(bytes: StudiesAnswerJSON.encode(hits))
        case .studies(let studies): return JSONResponse.make(bytes: StudiesAnswerJSON.encode(studies))
        }
    }

    /// What `GET studies` answers: ranked hits for a search, studies by title for a list.
    private enum StudiesAnswer: Sendable {
        case hits([SearchHitView])
        case studies([StudySummaryView])
    }

    /// How many studies to answer: `limit` if given, else 50 for a list (at most 200) and the setting's number of
    /// hits for a search (at most that too).
    private static func limit(_ text: String?, searching: Bool, settings: CaseStudiesSettings) throws -> Int {
        let maximum = searching ? settings.searchLimit : 200
        guard let text else { return searching ? maximum : min(50, maximum) }
        guard let value = Int(text), (1...maximum).contains(value) else {
            throw PluginProblem(.badRequest, of: CaseStudiesPlugin.id) { t in
                t("limit must be a whole number from 1 to {maximum}.", ["maximum": "\(maximum)"])
            }
        }
        return value
    }

    /// The network whose library the URL names, the reader the caller is, and the path parameter asked for.
    private func library(_ context: IndabaRequestContext, parameter: String?) async throws
        -> (Organization.ID, LibraryReader, String)
    {
        let organization = context.organization!.id!
        let access = isPublic ? Access.anonymous : context.access
        let value = try parameter.map { try context.parameters.require($0) } ?? ""
        let (network, reader) = try await plugin.context.store.read { db in
            try Self.library(of: organization, for: access, in: db)
        }
        return (network, reader, value)
    }

    /// The network whose library `organization` shares, and the reader `access` is in it.
    private static func library(of organization: Organization.ID, for access: Access, in db: Database) throws
        -> (Organization.ID, LibraryReader)
    {
        (try LibraryReader.network(of: organization, in: db), LibraryReader.of(access))
    }

    /// The query parameters, refusing any not in `allowed` (a misspelt filter must not silently match everything).
    @discardableResult
    func refuseParameters(_ request: Request, allowed: Set<String>) throws -> [String: String] {
        var values: [String: String] = [:]
        // As a form encodes them: `q=funnel+pibebo` is two words, not FTS5's phrase `funnel+pibebo`.
        for (name, value) in FormQuery.parameters(of: request) {
            guard allowed.contains(name) else {
                let known = allowed.sorted().joined(separator: ", ")
                throw PluginProblem(.badRequest, of: CaseStudiesPlugin.id) { t in
                    known.isEmpty
                        ? t("This address takes no query parameters (got '{name}').", ["name": name])
                        : t("Unknown query parameter '{name}'; known: {known}.", ["name": name, "known": known])
                }
            }
            values[name] = value
        }
        return values
    }

    /// Runs a handler, turning the library's errors into 404 and 400 problems.
    func answering(_ body: () async throws -> Response) async throws -> Response {
        do {
            return try await body()
        } catch let error as CaseStudyError {
            switch error {
            case .notFound: throw PluginProblem(.notFound, of: CaseStudiesPlugin.id) { error.worded($0) }
            case .emptyQuery: throw PluginProblem(.badRequest, of: CaseStudiesPlugin.id) { error.worded($0) }
            }
        } catch let error as LibraryImportError {
            throw PluginProblem(.unprocessableContent, of: CaseStudiesPlugin.id) { error.worded($0) }
        }
    }
}
