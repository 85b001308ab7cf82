import Foundation
import GRDB
import Hummingbird
import Kernel
import Logging
import PluginKit

/// The feed URLs of one organization, and the private endpoint that lists them.
struct FeedRoutes {
    let plugin: FeedsPlugin

    /// `organization/…`, `network/…` and `series/{series}/…`, each in every format, for GET and HEAD.
    func addPublic(to routes: RouteCollection<IndabaRequestContext>) {
        for format in FeedFormat.allCases {
            for method in [HTTPRequest.Method.get, .head] {
                routes.on("organization/\(format.fileName)", method: method) { request, context in
                    try await serve(.organization(context.organization!.id!), format, request, context)
                }
                routes.on("network/\(format.fileName)", method: method) { request, context in
                    try await serve(.network(context.organization!.id!), format, request, context)
                }
                routes.on("series/:series/\(format.fileName)", method: method) { request, context in
                    guard let series = context.parameters.get("series", as: Int64.self) else {
                        throw PluginProblem(.notFound, of: FeedsPlugin.id) { t in t("There is no such feed here.") }
                    }
                    return try await serve(.series(WebinarSeries.ID(series)), format, request, context)
                }
                routes.on("personal/:token/\(format.fileName)", method: method) { request, context in
                    let token = try context.parameters.require("token")
                    let organization = context.organization!.id!
                    let person = try await plugin.context.store.read { db in
                        try PersonalFeeds.person(for: token, organization: organization, in: db)
                    }
                    // Unknown and revoked tokens look the same: there is nothing at this address.
                    guard let person else {
                        throw PluginProblem(.notFound, of: FeedsPlugin.id) { t in t("There is no such feed here.") }
                    }
                    return try await serve(
                        .person(person), format, request, context,
                        folder: personalFolder(token: token, organization: organization))
                }
            }
        }
    }

    func addPrivate(to routes: RouteCollection<IndabaRequestContext>) {
        routes.post("personal/:person") { _, context in
            let (person, organization) = try await personalTarget(context)
            let now = plugin.context.now()
            let token = try await plugin.context.store.writer.write { db in
                try PersonalFeeds.rotate(for: person, organization: organization, now: now, in: db)
            }
            let link = FeedLink(
                title: "Personal calendar",
                folder: context.baseURL + personalFolder(token: token, organization: organization))
            return try JSONResponse.make(link, status: .created)
        }
        routes.delete("personal/:person") { _, context in
            let (person, _) = try await personalTarget(context)
            let now = plugin.context.now()
            let revoked = try await plugin.context.store.writer.write { db in
                try PersonalFeeds.revoke(for: person, now: now, in: db)
            }
            guard revoked else {
                throw PluginProblem(.notFound, of: FeedsPlugin.id) { t in t("This person has no personal feed.") }
            }
            return Response(status: .noContent)
        }
        routes.get("urls") { _, context in
            let organization = context.organization!
            let links = try await plugin.context.store.read { db in
                try FeedLinks.all(for: organization, baseURL: context.baseURL, scope: context.scope, in: db)
            }
            return try JSONResponse.make(links, status: .ok)
        }
    }

    /// The person whose personal feed a request manages: administrators of the organization may manage anyone's
    /// they can see; a facilitator may manage their own.
    private func personalTarget(_ context: IndabaRequestContext) async throws -> (Person.ID, Organization.ID) {
        let id = try context.parameters.require("person", as: Int64.self)
        let organization = context.organization!.id!
        let scope = context.scope
        let person = try await plugin.context.store.read { db in
            try scope.one(scope.people(), id: id, entity: "person", in: db)
        }
        if scope.access.person != person.id { try scope.requireAdministration(of: organization) }
        return (person.id!, organization)
    }

    /// Serves one feed. A personal feed (with its `folder`) carries join links: its address is the person's secret.
    private func serve(
        _ scope: FeedScope, _ format: FeedFormat, _ request: Request, _ context: IndabaRequestContext,
        folder: String? = nil
    ) async throws -> Response {
        let organization = context.organization!
        let store = plugin.context.store
        let stateKey = FeedStateKey(scope: scope, organization: organization.id!)
        let state = try await plugin.states.value(for: stateKey) {
            let settings = try await plugin.context.settings(FeedsSettings.self, for: organization.id!)
            return try await store.read { db in
                guard let selection = try FeedContent.selection(scope, organization: organization, in: db) else {
                    return FeedState(settings: settings, selection: nil, version: "")
                }
                return FeedState(
                    settings: settings, selection: selection,
                    version: try FeedContent.version(of: selection, organization: organization, in: db)
                        + "|" + JSONValue.object(SettingsCodec.object(of: settings)).canonicalJSON)
            }
        }
        let (settings, version) = (state.settings, state.version)
        guard let selection = state.selection else {
            throw PluginProblem(.notFound, of: FeedsPlugin.id) { t in t("There is no such feed here.") }
        }
        // The version covers the data and the settings; the variant, what else changes the bytes.
        let key = FeedCache.Key(
            scope: scope, format: format,
            variant: FeedOptions.feedURL(
                baseURL: context.baseURL, scope: scope, organization: organization, format: format,
                personalFolder: folder))
        // Taken before the lookup: a replay of what the lookup finds stays good while the cache is unchanged.
        let mark = plugin.cache.mark
        if let cached = plugin.cache.entry(for: key, version: version) {
            return answer(
                cached, request, context, replayable: folder == nil, mark: mark, state: stateKey, version: version)
        }
        let options = FeedOptions(
            scope: scope, organization: organization, format: format, settings: settings, baseURL: context.baseURL,
            identity: try await plugin.identity.identity(baseURL: context.baseURL, context: plugin.context),
            personalFolder: folder, language: selection.language)
        let content = try await store.read { db in
            try FeedContent.load(selection, organization: organization, in: db)
        }
        if format == .frab {
            let tooLong = content.items.filter { $0.session.kind.isLive && !FrabSchedule.fits($0) }
            if !tooLong.isEmpty {
                // Said once per render (a cache miss), not per poll.
                plugin.context.logger.notice(
                    "Sessions longer than 99:59 left out of a frab schedule",
                    metadata: ["session.ids": "\(tooLong.map { $0.session.id!.rawValue })"])
            }
        }
        let representation = try FeedRepresentation(
            text: format.render(content, options: options), contentType: format.contentType,
            lastModified: content.lastModified, maxAge: settings.refreshMinutes * 60, isPrivate: folder != nil)
        plugin.cache.store(representation, for: key, version: version)
        return answer(
            representation, request, context, replayable: folder == nil, mark: mark, state: stateKey, version: version)
    }

    /// Answers `request` from `representation` and, for a public feed, offers the server to send the same answer
    /// again without asking (a ``ReplayOffer``) while the feed's cached state and rendered bytes are those it came
    /// from: a write in this process, any change to the feed cache since `mark` (a kernel event evicting a feed, a
    /// feed stored), or the end of the remembered state ends it. Personal feeds
    /// are not offered (their token is checked in the database on every request), nor are answers that depend on
    /// the clock (`If-Modified-Since` alone) or on a query other than `?download`.
    private func answer(
        _ representation: FeedRepresentation, _ request: Request, _ context: IndabaRequestContext, replayable: Bool,
        mark: UInt64, state: FeedStateKey, version: String
    ) -> Response {
        let (response, body) = representation.answer(to: request, now: plugin.context.now())
        let query = request.uri.query
        if replayable, request.method == .get, query == nil || query == "download",
            request.headers[.ifModifiedSince] == nil || request.headers[.ifNoneMatch] != nil,
            let until = plugin.states.reusedUntil(state, where: { $0.version == version && $0.selection != nil })
        {
            let cache = plugin.cache
            context.trace.offerReplay(
                ReplayOffer(
                    body: body, varyingOn: [.acceptEncoding, .ifNoneMatch, .ifModifiedSince], until: until,
                    isCurrent: { cache.isUnchanged(since: mark) }))
        }
        return response
    }
}

/// What a feed's cached state depends on.
struct FeedStateKey: Hashable, Sendable {
    let scope: FeedScope
    let organization: Organization.ID
}

/// A feed's settings and content version, remembered briefly between polls (see ``RecentCache``).
struct FeedState: Sendable {
    let settings: FeedsSettings
    let selection: FeedContent.Selection?
    let version: String
}
