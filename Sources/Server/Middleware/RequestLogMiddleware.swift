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
    /// `hb.request.id` that Hummingbird puts on each request's logger: `hummingbirdRequestId`). With `directly`,
    /// `logger`'s handler when it carries no metadata of its own, the line goes straight into its sink.
    static func log(
        to logger: Logger, directly handler: BufferedLogHandler? = nil, requestId: String,
        method: HTTPRequest.Method, route: String, status: HTTPResponse.Status, elapsed: Duration, principal: String,
        hummingbirdRequestId: String? = nil
    ) {
        if let handler {
            return log(
                into: handler, requestId: requestId, method: method, route: route, status: status, elapsed: elapsed,
                principal: principal, hummingbirdRequestId: hummingbirdRequestId)
        }
        // One dictionary, sized once: adding a field after a literal made it grow and hash every key again.
        var metadata = Logger.Metadata(minimumCapacity: 7)
        metadata["request.id"] = .string(requestId)
        metadata["http.method"] = .string(method.rawValue)
        metadata["http.route"] = .string(route)
        metadata["http.status"] = .string(String(status.code))
        metadata["duration.ms"] = .string(milliseconds(elapsed))
        metadata["principal"] = .string(principal)
        if let hummingbirdRequestId { metadata["hb.request.id"] = .string(hummingbirdRequestId) }
        logger.info("Request", metadata: metadata)
    }

    /// Writes the same line as ``log(to:directly:requestId:method:route:status:elapsed:principal:hummingbirdRequestId:)``
    /// straight into the sink of `handler` (a logger's handler that carries no metadata of its own), without
    /// swift-log's metadata dictionary and sorting: a fifth of a replayed poll's CPU went there.
    static func log(
        into handler: BufferedLogHandler, requestId: String, method: HTTPRequest.Method, route: String,
        status: HTTPResponse.Status, elapsed: Duration, principal: String, hummingbirdRequestId: String? = nil
    ) {
        guard handler.logLevel <= .info else { return }
        let duration = milliseconds(elapsed)
        handler.sink.writeLine(level: .info, label: handler.label, message: "Request") { line in
            // Sorted by key, as the handler sorts them.
            line.appendLogField("duration.ms", duration)
            if let hummingbirdRequestId { line.appendLogField("hb.request.id", hummingbirdRequestId) }
            line.appendLogField("http.method", method.rawValue)
            line.appendLogField("http.route", route)
            line.appendLogField("http.status", String(status.code))
            line.appendLogField("principal", principal)
            line.appendLogField("request.id", requestId)
        }
    }

    /// The duration in milliseconds with one decimal, formatted by hand: this runs for every request.
    private static func milliseconds(_ elapsed: Duration) -> String {
        let tenths =
            Int(elapsed.components.seconds) * 10_000 + Int(elapsed.components.attoseconds / 100_000_000_000_000)
        return String(tenths / 10) + "." + String(tenths % 10)
    }

    static let requestIdField = HTTPField.Name("X-Request-Id")!
}
