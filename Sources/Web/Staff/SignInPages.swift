import Foundation
import Hummingbird
import Kernel
import PluginKit

/// `GET|POST /sign-in` and `POST /sign-out`: staff sign in with a one-time link and leave again.
///
/// Opening the link shows a button rather than signing in at once, so link scanners in mail systems (which fetch
/// every URL with GET) cannot use up the link. Failed attempts are rate-limited per client address.
struct SignInPages {
    let web: WebInterface

    struct Model {
        let hasLink: Bool
        let link: String
        let token: String
    }

    func add(to router: RouterGroup<IndabaRequestContext>) {
        router.get("sign-in") { request, context in
            var chrome = web.chrome(for: request, context: context)
            let nonce = web.formNonce(request, into: &chrome)
            let link = request.uri.queryParameters.get("link") ?? ""
            let model = Model(
                hasLink: !link.isEmpty, link: link,
                token: web.forms.issue(purpose: "sign-in", nonce: nonce, at: web.workspace.now()))
            return web.renderer.page("sign-in", title: chrome.localizer("Sign in"), model: model, chrome: chrome)
        }
        router.post("sign-in") { request, context in
            try await signIn(request, context: context)
        }
        router.post("sign-out") { request, context in
            let form = try await FormData.read(request, context: context)
            do {
                try web.checkForm(form, purpose: "sign-out", request: request)
            } catch let error as FormTokens.Refusal {
                let chrome = web.chrome(for: request, context: context)
                let t = chrome.localizer
                return web.renderer.message(
                    heading: t("Not signed out"), error.message(in: t),
                    link: ("/workspace", t("Back to the workspace")),
                    chrome: chrome, status: .forbidden)
            }
            if let secret = Cookies.value(Cookies.session, in: request) {
                try await web.workspace.write(as: AuditActor("web:sign-out")) { try $0.endBrowserSession(secret) }
            }
            return web.redirect(to: "/", cookies: [web.cookies.clear(Cookies.session)])
        }
    }

    private func signIn(_ request: Request, context: IndabaRequestContext) async throws -> Response {
        let chrome = web.chrome(for: request, context: context)
        let t = chrome.localizer
        // Only genuine failures count (a real form token, a link that does not work), per client address: forged
        // posts are refused below without touching anyone's allowance, and behind a trusted proxy each client is
        // counted on its own, so nobody can lock out the staff.
        let client = web.client(context)
        guard await web.signInLimit.hasRoom(client, at: web.workspace.now()) else {
            return web.renderer.message(
                heading: t("Too many attempts"),
                t("Too many sign-in attempts came from your network. Wait ten minutes."),
                chrome: chrome, status: .tooManyRequests)
        }
        let form = try await FormData.read(request, context: context)
        do {
            try web.checkForm(form, purpose: "sign-in", request: request)
        } catch {
            return web.renderer.message(
                heading: t("Not signed in"), error.message(in: t),
                link: ("/sign-in?link=\(form["link"])", t("Try again")),
                chrome: chrome, status: .forbidden)
        }
        let secret = form["link"]
        do {
            let previous = Cookies.value(Cookies.session, in: request)
            let (_, sessionSecret) = try await web.workspace.write(as: AuditActor("web:sign-in")) { transaction in
                // Signing in again replaces the browser's session rather than leaving the old one usable.
                if let previous { try transaction.endBrowserSession(previous) }
                return try transaction.signIn(with: secret)
            }
            let cookie = web.cookies.set(Cookies.session, sessionSecret, maxAge: Int(BrowserSession.lifetime))
            return web.redirect(to: "/workspace", cookies: [cookie])
        } catch let error as SignInError {
            await web.signInLimit.record(client, at: web.workspace.now())
            let message =
                t.language == .english
                ? error.description
                : t("This sign-in link is unknown, already used or expired; ask for a new one.")
            return web.renderer.message(heading: t("Not signed in"), message, chrome: chrome, status: .badRequest)
        }
    }
}
