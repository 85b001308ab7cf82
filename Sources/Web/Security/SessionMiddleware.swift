import HTTPTypes
import Hummingbird
import Kernel
import PluginKit

/// Signs the request in from the session cookie (web pages only); an unusable cookie is cleared.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = IndabaRequestContext

    let web: WebInterface

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let secret = Cookies.value(Cookies.session, in: request), !secret.isEmpty else {
            return try await next(request, context)
        }
        let now = web.workspace.now()
        let access = try await web.workspace.read { db in
            try Access.resolve(browserSession: secret, at: now, in: db)
        }
        guard let access else {
            var response = try await next(request, context)
            response.headers.append(HTTPField(name: .setCookie, value: web.cookies.clear(Cookies.session)))
            return response
        }
        var context = context
        context.access = access
        context.trace.principal = access.principal
        return try await next(request, context)
    }
}
