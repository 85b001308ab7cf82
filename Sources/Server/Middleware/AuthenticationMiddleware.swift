import Foundation
import Hummingbird
import Kernel
import PluginKit

/// Reads `Authorization: Bearer <token>` and sets the caller's ``Access``; no header means anonymous.
///
/// A header that is present but wrong (unknown, revoked or expired token, or another scheme) is a 401: a client
/// that meant to authenticate must not silently get anonymous answers.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = IndabaRequestContext

    let workspace: Workspace

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let header = request.headers[.authorization] else { return try await next(request, context) }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw Problem(.unauthorized) { t in
                t("Use '{header}'; other schemes are not supported.", ["header": "Authorization: Bearer <token>"])
            }
        }
        let secret = String(parts[1]).trimmingCharacters(in: .whitespaces)
        let now = workspace.now()
        guard let access = try await workspace.read({ db in try Access.resolve(secret: secret, at: now, in: db) })
        else {
            throw Problem(.unauthorized) { t in t("The token is unknown, revoked or expired; ask for a new one.") }
        }
        var context = context
        context.access = access
        context.trace.principal = access.principal
        return try await next(request, context)
    }
}
