import Foundation
import HTTPTypes
import Hummingbird
import Kernel
import PluginKit

/// `/me`: a participant's own pages ("My Indaba"). Signed out, it asks for an address to mail a sign-in link to;
/// signed in, it shows their upcoming sessions in their zone with join links, their series (to leave or join
/// again), what enabled plugins add (their private calendar link, their certificates), their self-description and
/// consent, and their data: download it, or erase it.
///
/// Every action names the signed-in person only, through ``IndabaRequestContext/participant``: there is no person id
/// in any address, so nobody can reach another person's data by changing one.
struct MyIndabaPage {
    let web: WebInterface

    func add(to router: RouterGroup<IndabaRequestContext>) {
        router.get("/me") { request, context in
            guard let person = context.participant else {
                return signInForm(request, context, email: "", error: nil, status: .ok)
            }
            return try await home(person, request, context, notice: request.uri.queryParameters.get("done"))
        }
        router.post("/me/series/:series/withdraw") { request, context in
            try await change(request, context) { transaction, person, form in
                let reason = form["reason"].trimmingCharacters(in: .whitespacesAndNewlines)
                try transaction.withdraw(person, from: try seriesId(context), reason: reason)
                return "withdrawn"
            }
        }
        router.post("/me/series/:series/rejoin") { request, context in
            try await change(request, context) { transaction, person, _ in
                guard try transaction.rejoin(person, in: try seriesId(context)) else {
                    throw KernelError.notFound(entity: "enrolment", reference: "")
                }
                return "rejoined"
            }
        }
        router.post("/me/details") { request, context in
            try await change(request, context) { transaction, person, form in
                try MyIndabaDetails(form: form).save(for: person, in: transaction)
                return "details"
            }
        }
        router.get("/me/data.json") { request, context in
            guard let person = context.participant else { return web.redirect(to: "/me") }
            return try await MyIndabaData(web: web).download(person)
        }
        router.get("/me/erase") { request, context in
            guard context.participant != nil else { return web.redirect(to: "/me") }
            var chrome = web.chrome(for: request, context: context)
            let t = chrome.localizer
            return web.renderer.participantPage(
                title: t("Erase my data"),
                body: MyIndabaMarkup.erasePage(field: formField("/me/erase", request, &chrome), t), chrome: chrome)
        }
        router.post("/me/erase") { request, context in try await erase(request, context) }
    }

    /// The sign-in form: an address to mail a one-time link to.
    func signInForm(
        _ request: Request, _ context: IndabaRequestContext, email: String, error: String?,
        status: HTTPResponse.Status
    ) -> Response {
        var chrome = web.chrome(for: request, context: context)
        let t = chrome.localizer
        let body = MyIndabaMarkup.signInForm(
            email: email, error: error, field: formField("/me/sign-in", request, &chrome), t)
        return web.renderer.participantPage(title: t("My Indaba"), body: body, chrome: chrome, status: status)
    }

    private func home(
        _ person: Person.ID, _ request: Request, _ context: IndabaRequestContext, notice: String?
    ) async throws -> Response {
        var chrome = web.chrome(for: request, context: context)
        let now = web.workspace.now()
        let kernelField = web.formTokenField(request, into: &chrome)
        let pluginField = web.formTokenField(request, into: &chrome, purpose: PluginPagePresenter.purpose)
        let snapshot = try await web.workspace.read { db -> MyIndabaMarkup.Snapshot? in
            guard let record = try ParticipantRecord.person(person, in: db) else { return nil }
            return MyIndabaMarkup.Snapshot(
                person: record, enrolments: try ParticipantRecord.enrolments(of: person, in: db),
                timeZone: try ParticipantRecord.timeZone(of: person, in: db),
                organizations: try ParticipantRecord.organizations(of: person, in: db))
        }
        guard let snapshot else { return web.redirect(to: "/me", cookies: [web.cookies.clear(Cookies.participant)]) }
        let t = chrome.localizer
        let sections = try await pluginSections(
            person, organizations: snapshot.organizations, localizer: t, field: pluginField)
        let body = MyIndabaMarkup.home(
            snapshot, sections: sections, notice: notice, now: now, field: kernelField, t)
        return web.renderer.participantPage(title: t("My Indaba"), body: body, chrome: chrome)
    }

    /// What enabled plugins add, per organization the person takes part in, in the gate's order.
    private func pluginSections(
        _ person: Person.ID, organizations: Set<Organization.ID>, localizer: Localizer,
        field: @escaping @Sendable (String) -> HTML
    ) async throws -> [PageSection] {
        var sections: [PageSection] = []
        for (plugin, organization) in await web.participantPlugins(of: person, in: organizations) {
            let page = ParticipantPageRequest(
                person: person, organization: organization,
                basePath: "/me/orgs/\(organization.id!.rawValue)/\(type(of: plugin).id.rawValue)/",
                baseURL: web.configuration.baseURL, localizer: localizer.preferring(type(of: plugin).id),
                formField: field)
            sections += try await plugin.participantSections(for: page)
        }
        return sections.sorted { $0.order < $1.order }
    }

    /// Runs one change for the signed-in person after checking the form, then goes back to `/me` with a notice.
    private func change(
        _ request: Request, _ context: IndabaRequestContext,
        _ body: @escaping @Sendable (WriteTransaction, Person.ID, FormData) throws -> String
    ) async throws -> Response {
        guard let person = context.participant else { return web.redirect(to: "/me") }
        let form = try await FormData.read(request, context: context)
        do {
            try web.checkForm(form, purpose: request.uri.path, request: request)
        } catch {
            let chrome = web.chrome(for: request, context: context)
            let t = chrome.localizer
            return web.renderer.message(
                heading: t("Nothing changed"), error.message(in: t), link: ("/me", t("Back to My Indaba")),
                chrome: chrome, status: .forbidden)
        }
        do {
            let notice = try await web.workspace.write(as: AuditActor("participant:\(person.rawValue)")) {
                try body($0, person, form)
            }
            return web.redirect(to: "/me?done=\(notice)")
        } catch let error as KernelError {
            if case .notFound = error { throw HTTPError(.notFound, message: "There is nothing at this address.") }
            return unchanged(request, context) { t in Self.problem(error, t) }
        } catch let refused as MyIndabaDetails.GenderRefused {
            return unchanged(request, context) { t in refused.problem.sentence(subject: t("Your gender"), t) }
        }
    }

    /// The page saying nothing changed, and `why` in the reader's language.
    private func unchanged(
        _ request: Request, _ context: IndabaRequestContext, why: (Localizer) -> String
    ) -> Response {
        let chrome = web.chrome(for: request, context: context)
        let t = chrome.localizer
        return web.renderer.message(
            heading: t("Nothing changed"), why(t), link: ("/me", t("Back to My Indaba")), chrome: chrome,
            status: .unprocessableContent)
    }

    private func erase(_ request: Request, _ context: IndabaRequestContext) async throws -> Response {
        guard let person = context.participant else { return web.redirect(to: "/me") }
        let form = try await FormData.read(request, context: context)
        var chrome = web.chrome(for: request, context: context)
        let t = chrome.localizer
        do {
            try web.checkForm(form, purpose: "/me/erase", request: request)
        } catch {
            return web.renderer.message(
                heading: t("Nothing erased"), error.message(in: t), link: ("/me/erase", t("Back")), chrome: chrome,
                status: .forbidden)
        }
        guard form["confirm"] == "yes" else {
            let body = MyIndabaMarkup.erasePage(
                field: formField("/me/erase", request, &chrome),
                error: t("Tick the box to confirm that you want your data erased; nothing was erased."), t)
            return web.renderer.participantPage(
                title: t("Erase my data"), body: body, chrome: chrome, status: .unprocessableContent)
        }
        try await web.workspace.write(as: AuditActor("participant:\(person.rawValue)")) { transaction in
            try transaction.erase(person, keepGenderInFigures: form["keepGender"] == "yes")
        }
        chrome.cookies.append(web.cookies.clear(Cookies.participant))
        return web.renderer.message(
            heading: t("Your data is erased"),
            t(
                "Your name, e-mail address, self-description, sign-in links, messages and certificates' names are "
                    + "gone. The series keep counting your enrolment and attendance, with nothing that leads to you."),
            link: ("/", t("All series")), chrome: chrome, status: .ok)
    }

    /// What a refused change of the details says, in `t`'s language.
    static func problem(_ error: KernelError, _ t: Localizer) -> String {
        if case .invalidField(let field, _) = error {
            switch field {
            case "timeZone": return t("Choose one of the listed time zones, or leave the sessions' own.")
            case "language": return t("Choose one of the listed languages, or 'No preference'.")
            default: break
            }
        }
        return error.worded(t)
    }

    private func formField(_ action: String, _ request: Request, _ chrome: inout Chrome) -> HTML {
        web.formTokenField(request, into: &chrome)(action)
    }

    private func seriesId(_ context: IndabaRequestContext) throws -> WebinarSeries.ID {
        guard let id = context.parameters.get("series", as: Int64.self) else {
            throw KernelError.notFound(entity: "series", reference: "")
        }
        return WebinarSeries.ID(id)
    }
}
