import HTTPTypes
import Hummingbird
import Kernel
import PluginKit

/// Puts every request through the server's ``RequestGuard``: it waits for a turn, reads are stopped at their
/// deadline, and work for a client that has gone away stops.
///
/// A request that waited too long, or found the line full, gets 503 with `Retry-After`; so does a read stopped at its
/// deadline. A request whose client went away is logged with 499 (nobody reads the answer).
struct RequestGuardMiddleware: RouterMiddleware {
    typealias Context = IndabaRequestContext

    let requestGuard: RequestGuard

    /// nginx's code for "the client closed the connection before the answer": only the access log sees it.
    static let clientClosedRequest = HTTPResponse.Status(code: 499, reasonPhrase: "Client Closed Request")

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let connection = context.connection
        if let refusal = await requestGuard.admit(connection: connection) {
            return try answer(refusal, request, context)
        }
        defer { requestGuard.release() }
        // Reads may be cut off at their deadline; a change, once started, is left to finish (or roll back).
        let deadline =
            [.get, .head].contains(request.method) ? ContinuousClock.now + requestGuard.limits.deadline : nil
        do {
            return try await requestGuard.track(connection: connection, deadline: deadline) {
                try await next(request, context)
            }
        } catch let stopped as RequestGuard.Stopped {
            return try answer(stopped.reason, request, context)
        }
    }

    private func answer(_ reason: RequestGuard.Stop, _ request: Request, _ context: Context) throws -> Response {
        switch reason {
        case .clientGone:
            return Response(status: Self.clientClosedRequest)
        case .deadline, .overloaded:
            var response = try Problem(
                .serviceUnavailable, headers: [.retryAfter: String(requestGuard.limits.retryAfterSeconds)]
            ) { t in t("The server is busy; try again in a moment.") }
            .response(from: request, context: context)
            response.headers[.cacheControl] = "no-store"
            return response
        }
    }
}
