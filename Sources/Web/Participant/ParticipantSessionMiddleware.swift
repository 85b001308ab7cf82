import HTTPTypes
import Hummingbird
import Kernel
import PluginKit

/// Signs a participant in from their own cookie on their pages (`/me…`); an unusable cookie is cleared.
///
/// A participant session is not staff access: it sets ``PluginKit/IndabaRequestContext/participant`` only, so no
/// staff page, API route or scope ever sees more for it.
struct ParticipantSessionMiddleware: RouterMiddleware {
    typealias Context = IndabaRequestContext

    let web: WebInterface

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let secret = Cookies.value(Cookies.participant, in: request), !secret.isEmpty else {
            return try await next(request, context)
        }
        let now = web.workspace.now()
        let person = try await web.workspace.read { db in
            try ParticipantSession.person(signedInBy: secret, at: now, in: db)
                .flatMap { try ParticipantRecord.person($0, in: db) }
        }
        guard let person, let id = person.id else {
            var response = try await next(request, context)
            response.headers.append(HTTPField(name: .setCookie, value: web.cookies.clear(Cookies.participant)))
            return response
        }
        var context = context
        context.participant = id
        context.language = person.language
        context.trace.principal = "participant:\(id.rawValue)"
        return try await next(request, context)
    }
}
