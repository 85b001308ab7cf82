import Foundation
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
        response.headers[.init("X-Request-Id")!] = context.requestId
        let elapsed = ContinuousClock.now - start
        // Tenths of a millisecond, formatted by hand: this runs for every request.
        let tenths =
            Int(elapsed.components.seconds) * 10_000 + Int(elapsed.components.attoseconds / 100_000_000_000_000)
        context.logger.info(
            "Request",
            metadata: [
                "request.id": "\(context.requestId)", "http.method": "\(request.method)",
                "http.route": "\(context.endpointPath ?? "(no route)")", "http.status": "\(response.status.code)",
                "duration.ms": "\(tenths / 10).\(tenths % 10)", "principal": "\(context.trace.principal)",
            ])
        return response
    }
}
