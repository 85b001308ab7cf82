import Foundation
import GRDB
import Hummingbird
import Kernel
import PluginKit

/// Participants sign in to their own pages with a one-time link mailed to their address on record:
/// `POST /me/sign-in` asks for one (the answer is the same whether the address is known or not), `GET
/// /me/sign-in/{secret}` shows a button (mail scanners open every link, so only the `POST` uses it up), and
/// `POST /me/sign-out` ends the session.
struct ParticipantSignInPages {
    let web: WebInterface

    func add(to router: RouterGroup<IndabaRequestContext>) {
        router.post("/me/sign-in") { request, context in try await requestLink(request, context) }
        router.get("/me/sign-in/:secret") { request, context in
            let secret = context.parameters.get("secret") ?? ""
            var chrome = web.chrome(for: request, context: context)
            let t = chrome.localizer
            let action = "/me/sign-in/\(secret)"
            let field = web.formTokenField(request, into: &chrome)(action)
            let lead = t("Press the button to sign in to your own pages: your sessions, your certificates, your data.")
            let body: HTML = """
                <p>\(lead)</p>
                <form method="post" action="\(action)">\(field)\
                <button type="submit">\(t("Sign in"))</button></form>
                """
            return web.renderer.participantPage(title: t("Sign in to My Indaba"), body: body, chrome: chrome)
        }
        router.post("/me/sign-in/:secret") { request, context in try await signIn(request, context) }
        router.post("/me/sign-out") { request, context in
            let form = try await FormData.read(request, context: context)
            if (try? web.checkForm(form, purpose: "/me/sign-out", request: request)) != nil,
                let secret = Cookies.value(Cookies.participant, in: request)
            {
                try await web.workspace.write(as: AuditActor("web:participant-sign-out")) {
                    try $0.endParticipantSession(secret)
                }
            }
            return web.redirect(to: "/me", cookies: [web.cookies.clear(Cookies.participant)])
        }
    }

    /// Queues a sign-in link to the address, if it is a participant's; says the same either way.
    private func requestLink(_ request: Request, _ context: IndabaRequestContext) async throws -> Response {
        let chrome = web.chrome(for: request, context: context)
        let t = chrome.localizer
        let form = try await FormData.read(request, context: context)
        do {
            try web.checkForm(form, purpose: "/me/sign-in", request: request)
        } catch {
            return web.renderer.message(
                heading: t("No link sent"), error.message(in: t), link: ("/me", t("Try again")), chrome: chrome,
                status: .forbidden)
        }
        let email = form["email"].trimmingCharacters(in: .whitespacesAndNewlines)
        if let problem = FieldRules.emailProblem(email) {
            return MyIndabaPage(web: web).signInForm(
                request, context, email: email,
                error: problem.sentence(subject: t("The e-mail address"), t),
                status: .unprocessableContent)
        }
        // Counted per client address once the form is genuine: one browser cannot fill someone's inbox.
        guard await web.enrolmentLimit.allow(web.client(context), at: web.workspace.now()) else {
            return web.renderer.message(
                heading: t("Too many requests"),
                t("Too many sign-in links were asked for from your network. Please wait ten minutes."), chrome: chrome,
                status: .tooManyRequests)
        }
        let base = web.configuration.baseURL
        try await web.workspace.write(as: AuditActor("web:participant-sign-in")) { transaction in
            guard let person = try ParticipantRecord.person(withEmail: email, in: transaction.db),
                let organization = try Organization.fetchOne(transaction.db, key: person.organizationId)
            else { return }
            let secret = try transaction.createParticipantLink(for: person.id!)
            // In the person's language, else their organization's, like every other message to them.
            let t = web.translations.localizer(for: person.language ?? organization.language ?? .english)
            let body = [
                t("Hello {name},", ["name": person.displayName]), "",
                t(
                    "Sign in to your own pages on Indaba (your sessions, certificates and data) with this link. "
                        + "It works once, for one hour:"),
                "\(base)/me/sign-in/\(secret)", "",
                t("If you did not ask for it, ignore this message: nothing happens unless the link is used."),
            ]
            try transaction.queue(
                MessageDraft(
                    organizationId: organization.id!, personId: person.id!,
                    recipient: MailAddress(person.email, name: person.displayName),
                    sender: .indaba(at: base, name: organization.name), category: .transactional,
                    kind: OutboxWording.participantSignIn,
                    idempotencyKey: "\(OutboxWording.participantSignIn):\(Digest.sha256Hex(secret))",
                    subject: t("Your sign-in link for My Indaba"),
                    textBody: t.language.directingLines(of: body.joined(separator: "\n"))))
        }
        return web.renderer.message(
            heading: t("Check your e-mail"),
            t(
                "If this address belongs to someone who enrolled in a series here, a sign-in link is on its way to "
                    + "it. It works once, for one hour."), chrome: chrome, status: .ok)
    }

    private func signIn(_ request: Request, _ context: IndabaRequestContext) async throws -> Response {
        let chrome = web.chrome(for: request, context: context)
        let t = chrome.localizer
        let client = web.client(context)
        guard await web.signInLimit.hasRoom(client, at: web.workspace.now()) else {
            return web.renderer.message(
                heading: t("Too many attempts"),
                t("Too many sign-in attempts came from your network. Wait ten minutes."),
                chrome: chrome, status: .tooManyRequests)
        }
        let secret = context.parameters.get("secret") ?? ""
        let form = try await FormData.read(request, context: context)
        do {
            try web.checkForm(form, purpose: "/me/sign-in/\(secret)", request: request)
        } catch {
            return web.renderer.message(
                heading: t("Not signed in"), error.message(in: t), link: ("/me/sign-in/\(secret)", t("Try again")),
                chrome: chrome, status: .forbidden)
        }
        do {
            let previous = Cookies.value(Cookies.participant, in: request)
            let (_, sessionSecret) = try await web.workspace.write(as: AuditActor("web:participant-sign-in")) {
                transaction in
                if let previous { try transaction.endParticipantSession(previous) }
                return try transaction.signInParticipant(with: secret)
            }
            let cookie = web.cookies.set(Cookies.participant, sessionSecret, maxAge: Int(ParticipantSession.lifetime))
            return web.redirect(to: "/me", cookies: [cookie])
        } catch is SignInError {
            await web.signInLimit.record(client, at: web.workspace.now())
            return web.renderer.message(
                heading: t("Not signed in"),
                t("This sign-in link is unknown, already used or expired. Ask for a new one."),
                link: ("/me", t("Ask for a new link")), chrome: chrome, status: .badRequest)
        }
    }
}
