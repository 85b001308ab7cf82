import Foundation
import Hummingbird
import Kernel
import PluginKit

/// Answers a GET or HEAD whose `If-None-Match` names the current ETag with 304 and no body (RFC 9110 §13.1.2), so
/// clients can poll objects cheaply.
struct ConditionalGetMiddleware: RouterMiddleware {
    typealias Context = IndabaRequestContext

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let response = try await next(request, context)
        guard [.get, .head].contains(request.method), response.status == .ok,
            let etag = response.headers[.eTag], let header = request.headers[.ifNoneMatch]
        else { return response }
        // Weak comparison: W/"x" matches "x".
        let opaque = { (tag: Substring) in tag.hasPrefix("W/") ? tag.dropFirst(2) : tag }
        let offered = header.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces)[...] }
        guard offered.contains("*") || offered.contains(where: { opaque($0) == opaque(etag[...]) }) else {
            return response
        }
        var headers = HTTPFields()
        headers[.eTag] = etag
        return Response(status: .notModified, headers: headers)
    }
}
