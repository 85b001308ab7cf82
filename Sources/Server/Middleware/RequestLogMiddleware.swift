import Foundation
import Hummingbird
import Kernel
import Logging

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
        let milliseconds = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
        context.logger.info(
            "Request",
            metadata: [
                "request.id": "\(context.requestId)", "http.method": "\(request.method)",
                "http.route": "\(context.endpointPath ?? "(no route)")", "http.status": "\(response.status.code)",
                "duration.ms": "\(String(format: "%.1f", milliseconds))", "principal": "\(context.trace.principal)",
            ])
        return response
    }
}
