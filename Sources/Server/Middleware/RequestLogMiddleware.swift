import Foundation
import HTTPTypes
import Hummingbird
import Kernel
import Logging
import PluginKit

/// The access log: one structured line per request, with the route pattern instead of the raw path and no query
/// string, so no e-mail or name typed into a URL reaches the log.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = IndabaRequestContext

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let start = ContinuousClock.now
        var response = try await next(request, context)
        response.headers[Self.requestIdField] = context.requestId
        Self.log(
            to: context.logger, requestId: context.requestId, method: request.method,
            route: context.endpointPath ?? "(no route)", status: response.status,
            elapsed: ContinuousClock.now - start, principal: context.trace.principal)
        return response
    }

    /// Writes the access log line of one request (the server's fast answers write theirs here too, with the
    /// `hb.request.id` that Hummingbird puts on each request's logger: `hummingbirdRequestId`).
    static func log(
        to logger: Logger, requestId: String, method: HTTPRequest.Method, route: String, status: HTTPResponse.Status,
        elapsed: Duration, principal: String, hummingbirdRequestId: String? = nil
    ) {
        // Tenths of a millisecond, formatted by hand, and plain strings rather than interpolated descriptions: this
        // runs for every request.
        let tenths =
            Int(elapsed.components.seconds) * 10_000 + Int(elapsed.components.attoseconds / 100_000_000_000_000)
        // One dictionary, sized once: adding a field after a literal made it grow and hash every key again.
        var metadata = Logger.Metadata(minimumCapacity: 7)
        metadata["request.id"] = .string(requestId)
        metadata["http.method"] = .string(method.rawValue)
        metadata["http.route"] = .string(route)
        metadata["http.status"] = .string(String(status.code))
        metadata["duration.ms"] = .string(String(tenths / 10) + "." + String(tenths % 10))
        metadata["principal"] = .string(principal)
        if let hummingbirdRequestId { metadata["hb.request.id"] = .string(hummingbirdRequestId) }
        logger.info("Request", metadata: metadata)
    }

    static let requestIdField = HTTPField.Name("X-Request-Id")!
}
