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
        let elapsed = ContinuousClock.now - start
        // Tenths of a millisecond, formatted by hand, and plain strings rather than interpolated descriptions: this
        // runs for every request.
        let tenths =
            Int(elapsed.components.seconds) * 10_000 + Int(elapsed.components.attoseconds / 100_000_000_000_000)
        context.logger.info(
            "Request",
            metadata: [
                "request.id": .string(context.requestId), "http.method": .string(request.method.rawValue),
                "http.route": .string(context.endpointPath ?? "(no route)"),
                "http.status": .string(String(response.status.code)),
                "duration.ms": .string(String(tenths / 10) + "." + String(tenths % 10)),
                "principal": .string(context.trace.principal),
            ])
        return response
    }

    private static let requestIdField = HTTPField.Name("X-Request-Id")!
}
