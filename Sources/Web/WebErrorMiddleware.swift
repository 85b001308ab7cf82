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
        } catch let problem as PluginProblem where problem.status == .notFound {
            return notFound(request, context)
        } catch let error as AccessError {
            switch error {
            case .notFound: return notFound(request, context)
            case .unauthenticated:
                let chrome = web.chrome(for: request, context: context)
                let t = chrome.localizer
                return web.renderer.message(
                    heading: t("Please sign in"), t("This page is for signed-in staff. Ask for a sign-in link."),
                    link: ("/sign-in", t("How to sign in")), chrome: chrome, status: .unauthorized)
            case .forbidden(let reason):
                let chrome = web.chrome(for: request, context: context)
                let t = chrome.localizer
                // The kernel words its reasons in English (they name ids, never people); other languages get the
                // general sentence.
                let message =
                    t.language == .english
                    ? reason
                    : t("Your sign-in does not allow this. Ask an administrator of the organization.")
                return web.renderer.message(
                    heading: t("Not allowed"), message, chrome: chrome, status: .forbidden)
            }
        } catch let error as HTTPError where error.status == .contentTooLarge {
            return tooLarge(request, context)
        } catch let problem as PluginProblem where problem.status == .contentTooLarge {
            return tooLarge(request, context)
        } catch is NIOTooManyBytesError {
            return tooLarge(request, context)
        } catch let error as HTTPError where error.status.kind == .clientError {
            // Our own refusals of what the browser sent (such as a multipart body that does not parse); their
            // messages are written by the program and hold no personal data.
            let chrome = web.chrome(for: request, context: context)
            let t = chrome.localizer
            // The refusals' own sentences are English; other languages get the general one.
            let message =
                t.language == .english
                ? (error.body ?? "Please go back, reload the page and send the form again.")
                : t("Please go back, reload the page and send the form again.")
            return web.renderer.message(
                heading: t("The request could not be read"), message, chrome: chrome, status: error.status)
        } catch let problem as PluginProblem where problem.status.kind == .clientError {
            // A plugin's refusal (or PluginKit's), worded in the page's language from its catalogues.
            let chrome = web.chrome(for: request, context: context)
            let t = chrome.localizer
            return web.renderer.message(
                heading: t("The request could not be read"), problem.wording(t.preferring(module: problem.module)),
                chrome: chrome, status: problem.status)
        } catch {
            context.logger.error(
                "Web page failed", metadata: ["request.id": "\(context.requestId)", "error.type": "\(type(of: error))"])
            // A bare frame (no cookies, no form token), in the visitor's language.
            var chrome = Chrome()
            chrome.localizer = web.localizer(request, context)
            let t = chrome.localizer
            return web.renderer.message(
                heading: t("Something went wrong"),
                t(
                    "The page could not be shown. Please try again; if it keeps happening, tell the organizers "
                        + "(reference {reference}).", ["reference": "\(context.requestId)"]),
                chrome: chrome, status: .internalServerError)
        }
    }

    private func tooLarge(_ request: Request, _ context: Context) -> Response {
        let chrome = web.chrome(for: request, context: context)
        let t = chrome.localizer
        return web.renderer.message(
            heading: t("Too much data"), t("The form sent more than this page accepts."), chrome: chrome,
            status: .contentTooLarge)
    }

    private func notFound(_ request: Request, _ context: Context) -> Response {
        web.notFoundPage(request, context)
    }
}
