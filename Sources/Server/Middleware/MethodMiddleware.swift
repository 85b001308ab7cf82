import Hummingbird
import Kernel
import PluginKit
import Synchronization

/// The routes the server registered, by method and path pattern, filled in once the router is built.
final class RouteTable: Sendable {
    private let routes = Mutex<[(method: String, segments: [String])]>([])

    func fill(_ descriptions: [(method: String, path: String)]) {
        routes.withLock { routes in
            routes = descriptions.map { ($0.method, $0.path.split(separator: "/").map(String.init)) }
        }
    }

    /// The methods registered for a concrete path (`:param` segments match anything).
    func methods(for path: String) -> [String] {
        let segments = path.split(separator: "/")
        return routes.withLock { routes in
            Set(
                routes.filter { route in
                    route.segments.count == segments.count
                        && zip(route.segments, segments).allSatisfy {
                            $0.hasPrefix(":") || $0.hasPrefix("{") || $0 == $1
                        }
                }.map(\.method)
            ).sorted()
        }
    }
}

/// A known path asked with a method it does not take gets 405 with `Allow` (RFC 9110 §15.5.6), not 404. Every path
/// that takes `GET` also takes `HEAD` (the router generates it).
struct MethodMiddleware: RouterMiddleware {
    typealias Context = IndabaRequestContext

    let table: RouteTable

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound && context.endpointPath == "NotFound" {
            var allowed = table.methods(for: request.uri.path)
            if allowed.contains("GET"), !allowed.contains("HEAD") { allowed = (allowed + ["HEAD"]).sorted() }
            guard !allowed.isEmpty else { throw error }
            let (path, methods, method) = (request.uri.path, allowed.joined(separator: ", "), "\(request.method)")
            throw Problem(.methodNotAllowed, headers: [.allow: methods]) { t in
                t("{path} takes {methods}, not {method}.", ["path": path, "methods": methods, "method": method])
            }
        }
    }
}
