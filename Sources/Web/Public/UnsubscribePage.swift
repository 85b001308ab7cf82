import Foundation
import Hummingbird
import Kernel
import PluginKit

/// `/unsubscribe/{token}`: stops reminders and follow-ups for the person whose messages carry the token
/// (confirmations, invitations and certificates still go).
///
/// `GET` only shows a button, since mail scanners open every link; `POST` stops them. The mail client's one-click
/// `POST` (RFC 8058, body `List-Unsubscribe=One-Click`) carries no form token, and needs none: the secret in the
/// address is the only authority, and it can do nothing but stop or restart optional messages.
struct UnsubscribePage {
    let web: WebInterface

    struct Model {
        let token: String
        let stopped: Bool
    }

    func add(to router: RouterGroup<IndabaRequestContext>) {
        router.get("/unsubscribe/:token") { request, context in
            let token = context.parameters.get("token") ?? ""
            guard let recipient = try await web.workspace.read({ db in try MessageRecipient.withToken(token, in: db) })
            else { return notFound(request, context) }
            return page(token: token, stopped: recipient.remindersStoppedAt != nil, request, context)
        }
        router.post("/unsubscribe/:token") { request, context in
            let token = context.parameters.get("token") ?? ""
            let form = try await FormData.read(request, context: context)
            let restart = form["action"] == "restart"
            let person = try await web.workspace.write(as: AuditActor("web:unsubscribe")) { transaction in
                try transaction.setReminders(stopped: !restart, token: token)
            }
            guard person != nil else { return notFound(request, context) }
            return page(token: token, stopped: !restart, request, context)
        }
    }

    private func page(token: String, stopped: Bool, _ request: Request, _ context: IndabaRequestContext) -> Response {
        let chrome = web.chrome(for: request, context: context)
        let t = chrome.localizer
        return web.renderer.page(
            "unsubscribe", title: stopped ? t("Reminders stopped") : t("Stop reminders"),
            model: Model(token: token, stopped: stopped), chrome: chrome)
    }

    private func notFound(_ request: Request, _ context: IndabaRequestContext) -> Response {
        let chrome = web.chrome(for: request, context: context)
        let t = chrome.localizer
        return web.renderer.message(
            heading: t("This link does not work"),
            t(
                "It may have been mistyped or cut short. Use the link at the bottom of the latest message you "
                    + "received."),
            chrome: chrome, status: .notFound)
    }
}
