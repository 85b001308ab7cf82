import Hummingbird
import Kernel
import PluginKit

/// Puts the server's public URL into every request's context, for absolute links.
struct BaseURLMiddleware: RouterMiddleware {
    typealias Context = IndabaRequestContext

    let baseURL: String

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var context = context
        context.baseURL = baseURL
        return try await next(request, context)
    }
}
