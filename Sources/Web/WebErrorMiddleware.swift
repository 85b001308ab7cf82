import Hummingbird
import Kernel
import Logging
import NIOCore
import PluginKit

/// Turns errors on web pages into HTML pages (the JSON API answers problems instead).
///
/// Unknown errors become a generic 500 page, logged with the request id only: messages may hold personal data.
struct WebErrorMiddleware: RouterMiddleware {
    typealias Context = IndabaRequestContext

    let web: WebInterface

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as CancellationError {
            // The server stopped this request (its client went away, or its deadline passed): it answers for it.
            throw error
        } catch let error as HTTPError where error.status == .notFound {
            return notFound(request, context)
        } catch let error as AccessError {
            switch error {
            case .notFound: return notFound(request, context)
            case .unauthenticated:
                return web.renderer.message(
                    heading: "Please sign in", "This page is for signed-in staff. Ask for a sign-in link.",
                    link: ("/sign-in", "How to sign in"), chrome: web.chrome(for: request, context: context),
                    status: .unauthorized)
            case .forbidden(let reason):
                return web.renderer.message(
                    heading: "Not allowed", reason, chrome: web.chrome(for: request, context: context),
                    status: .forbidden)
            }
        } catch let error as HTTPError where error.status == .contentTooLarge {
            return tooLarge(request, context)
        } catch is NIOTooManyBytesError {
            return tooLarge(request, context)
        } catch let error as HTTPError where error.status.kind == .clientError {
            // Our own refusals of what the browser sent (such as a multipart body that does not parse); their
            // messages are written by the program and hold no personal data.
            return web.renderer.message(
                heading: "The request could not be read",
                (error.body ?? "Please go back, reload the page and send the form again."),
                chrome: web.chrome(for: request, context: context), status: error.status)
        } catch {
            context.logger.error(
                "Web page failed", metadata: ["request.id": "\(context.requestId)", "error.type": "\(type(of: error))"])
            return web.renderer.message(
                heading: "Something went wrong",
                "The page could not be shown. Please try again; if it keeps happening, tell the organizers "
                    + "(reference \(context.requestId)).", chrome: Chrome(), status: .internalServerError)
        }
    }

    private func tooLarge(_ request: Request, _ context: Context) -> Response {
        web.renderer.message(
            heading: "Too much data", "The form sent more than this page accepts.",
            chrome: web.chrome(for: request, context: context), status: .contentTooLarge)
    }

    private func notFound(_ request: Request, _ context: Context) -> Response {
        web.renderer.message(
            heading: "Page not found", "There is nothing at this address.", link: ("/", "See all series"),
            chrome: web.chrome(for: request, context: context), status: .notFound)
    }
}
