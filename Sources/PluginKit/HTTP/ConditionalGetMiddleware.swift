public import Hummingbird

/// Answers a GET or HEAD whose `If-None-Match` names the ETag of the 200 the route gave with 304 and no body, so
/// clients can poll cheaply. Routes only set `ETag`; this middleware does the rest.
public struct ConditionalGetMiddleware: RouterMiddleware {
    public typealias Context = IndabaRequestContext

    public init() {}

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let response = try await next(request, context)
        guard [.get, .head].contains(request.method), response.status == .ok,
            let etag = response.headers[.eTag], let header = request.headers[.ifNoneMatch],
            ConditionalGet.ifNoneMatch(header, matchesAnyOf: [etag])
        else { return response }
        return ConditionalGet.notModified(etag: etag)
    }
}
