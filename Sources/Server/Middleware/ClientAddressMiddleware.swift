import Hummingbird
import Kernel
import PluginKit

/// Sets the request's client address: the TCP peer, or what a trusted reverse proxy says the client was.
struct ClientAddressMiddleware: RouterMiddleware {
    typealias Context = IndabaRequestContext

    let proxies: TrustedProxies

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard !proxies.networks.isEmpty else { return try await next(request, context) }
        var context = context
        context.clientAddress = proxies.client(peer: context.remoteAddress, headers: request.headers)
        return try await next(request, context)
    }
}
