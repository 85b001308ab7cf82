import Foundation
import GRDB
import Hummingbird
import Kernel
import PluginKit

/// `GET /workspace/orgs/{org}/outbox[?state=…]`: an organization's outgoing messages for its administrators, with
/// what failed and why; `POST` (`action=retry|cancel`, `id`) queues a failed or held message again, or cancels one
/// not sent yet.
struct OutboxPage {
    static let purpose = "outbox"

    let web: WebInterface

    struct Filter {
        let label: String
        let href: String
        let current: Bool
    }

    struct Line {
        let id: Int64
        let state: String
        let kind: String
        let person: String
        let subject: String
        let due: String
        let attempts: Int
        let lastError: String?
        let action: String?
        let actionLabel: String?
        let actionAriaLabel: String?
        let formAction: String
        let token: String
    }

    struct Model {
        let organization: String
        let delivery: String
        let filters: [Filter]
        let undeliverable: String?
        let messages: [Line]
        let hasMessages: Bool
    }

    func add(to router: RouterGroup<IndabaRequestContext>) {
        router.get("workspace/orgs/:org/outbox") { request, context in
            let organization = try await organization(context)
            let state = request.uri.queryParameters.get("state").flatMap(OutboxMessage.State.init(rawValue:))
            let scope = context.scope
            let (messages, undeliverable) = try await web.workspace.read { db in
                (
                    try scope.outbox(of: organization.id!, states: state.map { [$0] } ?? [], in: db),
                    try scope.undeliverableAddresses(of: organization.id!, in: db)
                )
            }
            var chrome = web.chrome(for: request, context: context)
            let t = chrome.localizer
            let nonce = web.formNonce(request, into: &chrome)
            let token = web.forms.issue(purpose: Self.purpose, nonce: nonce, at: web.workspace.now())
            let path = "/workspace/orgs/\(organization.id!.rawValue)/outbox"
            let format = ISO8601DateFormatter()
            let lines = messages.map { message in
                let id = t.number(Int(message.id!.rawValue))
                let action: (String, String, String)? =
                    switch message.state {
                    case .failed, .interrupted, .cancelled:
                        ("retry", t("Send again"), t("Send message {id} again", ["id": id]))
                    case .queued: ("cancel", t("Cancel"), t("Cancel message {id}", ["id": id]))
                    case .sending, .sent: nil
                    }
                return Line(
                    id: message.id!.rawValue, state: Self.stateName(message.state, t),
                    kind: web.messageKindLabels.kind(message.kind, t),
                    person: message.personId.map { "\($0)" } ?? "–", subject: message.subject,
                    due: format.string(from: message.dueAt), attempts: message.attempts, lastError: message.lastError,
                    action: action?.0, actionLabel: action?.1, actionAriaLabel: action?.2, formAction: path,
                    token: token)
            }
            let filters =
                [Filter(label: t("all"), href: path, current: state == nil)]
                + OutboxMessage.State.allCases.map {
                    Filter(label: Self.stateName($0, t), href: "\(path)?state=\($0.rawValue)", current: state == $0)
                }
            let model = Model(
                organization: organization.name,
                delivery: t(
                    "The server hands them to the mail program it was started with (see the README's mail "
                        + "section); temporary failures are retried for about seven hours."),
                filters: filters,
                undeliverable: undeliverable.isEmpty ? nil : undeliverable.map { "\($0)" }.joined(separator: ", "),
                messages: lines, hasMessages: !lines.isEmpty)
            return web.renderer.page(
                "outbox", title: t("Outbox of {organization}", ["organization": organization.name]), model: model,
                chrome: chrome)
        }
        router.post("workspace/orgs/:org/outbox") { request, context in
            let organization = try await organization(context)
            let form = try await FormData.read(request, context: context)
            let path = "/workspace/orgs/\(organization.id!.rawValue)/outbox"
            do throws(FormTokens.Refusal) {
                try web.checkForm(form, purpose: Self.purpose, request: request)
            } catch {
                let chrome = web.chrome(for: request, context: context)
                let t = chrome.localizer
                return web.renderer.message(
                    heading: t("Nothing changed"), error.message(in: t), link: (path, t("Back to the outbox")),
                    chrome: chrome, status: .forbidden)
            }
            guard let id = Int64(form["id"]), ["retry", "cancel"].contains(form["action"]) else {
                let chrome = web.chrome(for: request, context: context)
                let t = chrome.localizer
                return web.renderer.message(
                    heading: t("Nothing changed"), t("Choose a message and an action (retry or cancel)."),
                    link: (path, t("Back to the outbox")), chrome: chrome, status: .unprocessableContent)
            }
            let retry = form["action"] == "retry"
            let owner = organization.id!
            try await web.workspace.write(as: context.actor) { transaction in
                if retry {
                    _ = try transaction.retry([OutboxMessage.ID(id)], organization: owner)
                } else {
                    _ = try transaction.cancel([OutboxMessage.ID(id)], organization: owner)
                }
            }
            return web.redirect(to: path)
        }
    }

    /// What a message's state is called on the page.
    static func stateName(_ state: OutboxMessage.State, _ t: Localizer) -> String {
        switch state {
        case .queued: t("queued")
        case .sending: t("sending")
        case .sent: t("sent")
        case .failed: t("failed")
        // Translators: the state of an e-mail: cancelled before it was sent.
        case .cancelled: t("cancelled")
        case .interrupted: t("interrupted")
        }
    }

    /// The organization named in the path, for its administrators; 404 for anyone else, as for a missing one.
    private func organization(_ context: IndabaRequestContext) async throws -> Organization {
        try context.scope.requireAuthenticated()
        guard let id = context.parameters.get("org", as: Int64.self) else {
            throw AccessError.notFound(entity: "org", id: 0)
        }
        let scope = context.scope
        let organization = try await web.workspace.read { db in
            try scope.one(scope.organizations(), id: id, entity: "org", in: db)
        }
        guard context.access.administered.contains(organization.id!) else {
            throw AccessError.notFound(entity: "org", id: id)
        }
        return organization
    }
}
