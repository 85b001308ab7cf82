import Hummingbird
import Kernel
import PluginKit

/// Refuses every change to the kernel API from an anonymous caller with 401 before any lookup, so that anonymous
/// writes are told to authenticate rather than that something does not exist.
struct WritesNeedAuthentication: RouterMiddleware {
    typealias Context = IndabaRequestContext

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        if ![.get, .head].contains(request.method) { try context.scope.requireAuthenticated() }
        return try await next(request, context)
    }
}
