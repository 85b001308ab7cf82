import Foundation
import GRDB
import Hummingbird
import Kernel

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
                    let series = try context.parameters.require("series", as: Int64.self)
                    return try await serve(.series(WebinarSeries.ID(series)), format, request, context)
                }
            }
        }
    }

    func addPrivate(to routes: RouteCollection<IndabaRequestContext>) {
        routes.get("urls") { _, context in
            let organization = context.organization!
            let links = try await plugin.context.store.writer.read { db in
                try FeedLinks.all(for: organization, baseURL: context.baseURL, scope: context.scope, in: db)
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return Response(
                status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(links))))
        }
    }

    private func serve(
        _ scope: FeedScope, _ format: FeedFormat, _ request: Request, _ context: IndabaRequestContext
    ) async throws -> Response {
        let organization = context.organization!
        let settings = try await plugin.context.settings(FeedsSettings.self, for: organization.id!)
        let options = FeedOptions(
            baseURL: context.baseURL, feedPath: FeedLinks.folder(of: scope, in: organization), format: format,
            settings: settings, includeJoinLinks: settings.publicJoinLinks, spansSeries: !isSeries(scope))
        let key = FeedCache.Key(
            scope: scope, format: format, variant: "\(context.baseURL)|\(SettingsCodec.object(of: settings))")
        let store = plugin.context.store
        let (selection, version) = try await store.writer.read { db -> (FeedContent.Selection?, String) in
            guard let selection = try FeedContent.selection(scope, organization: organization, in: db) else {
                return (nil, "")
            }
            return (selection, try FeedContent.version(of: selection, organization: organization, in: db))
        }
        guard let selection else { throw HTTPError(.notFound, message: "There is no such feed here.") }
        if let cached = await plugin.cache.entry(for: key, version: version) {
            return cached.response(to: request)
        }
        let content = try await store.writer.read { db in
            try FeedContent.load(selection, organization: organization, in: db)
        }
        let representation = try FeedRepresentation(
            text: format.render(content, options: options), contentType: format.contentType,
            lastModified: content.lastModified, maxAge: settings.refreshMinutes * 60)
        await plugin.cache.store(representation, for: key, version: version)
        return representation.response(to: request)
    }

    private func isSeries(_ scope: FeedScope) -> Bool {
        if case .series = scope { return true }
        return false
    }
}
