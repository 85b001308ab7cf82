import Foundation
import HTTPTypes
import Hummingbird
import Kernel
import PluginKit

/// `GET|POST /series/{id}/enrol`: public enrolment in a published series.
///
/// Spam guards, none of them a third party: a honeypot field, a minimum time between serving and sending the form,
/// a per-address rate limit, and the CSRF form token. Only name and e-mail are required.
struct EnrolmentPage {
    let web: WebInterface

    /// The answers offered to "how did you hear about it?" when no enabled plugin names the organization's own.
    func add(to router: RouterGroup<IndabaRequestContext>) {
        router.get("series/:series/enrol") { request, context in
            let (id, data) = try await series(context)
            guard data.series.status == .published else { return closed(data, request, context) }
            let language = web.language(request, context, organization: data.organization.language)
            let form = EnrolmentForm(values: .init(language: language == .pseudo ? "" : language.code))
            return try await render(form, errors: .init(), notice: nil, data: data, id: id, request, context)
        }
        router.post("series/:series/enrol") { request, context in
            try await submit(request, context: context)
        }
    }

    private func submit(_ request: Request, context: IndabaRequestContext) async throws -> Response {
        let (id, data) = try await series(context)
        guard data.series.status == .published else { return closed(data, request, context) }
        let posted = try await FormData.read(request, context: context)
        let form = EnrolmentForm(posted)
        let t = web.chrome(for: request, context: context, organization: data.organization.language).localizer
        do {
            try web.checkForm(
                posted, purpose: "enrol:\(id)", request: request, minimumAge: web.configuration.minimumFillTime)
        } catch {
            let status: HTTPResponse.Status = error == .tooFast ? .unprocessableContent : .forbidden
            return try await render(
                form, errors: .init(), notice: error.message(in: t), data: data, id: id, request, context,
                status: status)
        }
        // Counted once the form token is genuine, so forged posts (refused above) use up no one's allowance.
        guard await web.enrolmentLimit.allow(web.client(context), at: web.workspace.now()) else {
            return web.renderer.message(
                heading: t("Too many sign-ups"),
                t(
                    "Too many enrolments came from your network in the last few minutes. Please wait ten minutes and try again."
                ),
                chrome: web.chrome(for: request, context: context, organization: data.organization.language),
                status: .tooManyRequests)
        }
        guard posted["website"].isEmpty else {
            return try await render(
                form, errors: .init(), notice: t("Leave the field 'Leave this field empty' empty, then send again."),
                data: data, id: id, request, context, status: .unprocessableContent)
        }
        let channels = try await channels(for: data, in: .english).values
        let errors = form.errors(channels: channels, localizer: t)
        guard errors.isEmpty else {
            return try await render(
                form, errors: errors, notice: t("Please correct the fields marked below."), data: data, id: id,
                request, context, status: .unprocessableContent)
        }
        let outcome = try await PublicEnrolling(workspace: web.workspace, baseURL: web.configuration.baseURL)
            .enrol(form, in: id, localizer: t)
        return confirmation(outcome, data: data, request, context)
    }

    private func series(_ context: IndabaRequestContext) async throws -> (Int64, SeriesPageData) {
        guard let id = context.parameters.get("series", as: Int64.self) else {
            throw AccessError.notFound(entity: "series", id: 0)
        }
        return (id, try await web.workspace.read { db in try SeriesPageData.read(id, in: db) })
    }

    /// The channels of the plugins enabled for the organization, with their labels, or the default list.
    private func channels(for data: SeriesPageData, in t: Localizer) async throws -> RecruitmentChannelChoices {
        try await RecruitmentChannelChoices.offered(
            by: web.workspace.installedPlugins, enabled: data.enabledPlugins, for: data.organization.id!, in: t)
    }

    private func render(
        _ form: EnrolmentForm, errors: EnrolmentForm.Errors, notice: String?, data: SeriesPageData, id: Int64,
        _ request: Request, _ context: IndabaRequestContext, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        var chrome = web.chrome(for: request, context: context, organization: data.organization.language)
        let t = chrome.localizer
        let nonce = web.formNonce(request, into: &chrome)
        let token = web.forms.issue(purpose: "enrol:\(id)", nonce: nonce, at: web.workspace.now())
        let channels = try await channels(for: data, in: t).choices.map {
            ChannelOption(value: $0.value, label: $0.label, selected: $0.value == form.values.channel)
        }
        let zones = EnrolmentForm.timeZones.map {
            ChannelOption(
                value: $0, label: $0.replacingOccurrences(of: "_", with: " "), selected: $0 == form.values.timeZone)
        }
        let languages = Language.shipped.map {
            ChannelOption(value: $0.code, label: $0.nativeName, selected: $0.code == form.values.language)
        }
        let model = EnrolModel(
            seriesId: id, seriesTitle: data.series.title, organization: data.organization.name, token: token,
            formError: notice, values: form.values, errors: errors, channels: channels, timeZones: zones,
            languages: languages)
        return web.renderer.page(
            "enrol", title: t("Enrol in {series}", ["series": data.series.title]), model: model, chrome: chrome,
            status: status)
    }

    private func confirmation(
        _ outcome: PublicEnrolling.Outcome, data: SeriesPageData, _ request: Request, _ context: IndabaRequestContext
    ) -> Response {
        let chrome = web.chrome(for: request, context: context, organization: data.organization.language)
        let t = chrome.localizer
        let title = ["series": data.series.title]
        // With a confirmation by mail, the page is the same for a new address, a known one and one already
        // enrolled: only the mailbox's owner learns which it was.
        let (heading, message) =
            outcome.confirmationByMail
            ? (
                t("Check your e-mail"),
                t(
                    "Thank you. A confirmation for {series} is on its way to the address you gave, with your private "
                        + "calendar link and how to join. If it has not arrived in a few minutes, look in your spam "
                        + "folder.", title)
            )
            : outcome.alreadyEnrolled
                ? (
                    t("You were already enrolled"),
                    t("This e-mail address is already enrolled in {series}; nothing changed.", title)
                )
                : (t("You are enrolled"), t("Thank you: you are enrolled in {series}.", title))
        let model = EnrolledModel(
            seriesId: data.series.id!.rawValue, seriesTitle: data.series.title, heading: heading, message: message,
            sections: outcome.sections.enumerated().map {
                SectionModel(anchor: "\($0.element.plugin.rawValue)-\($0.offset + 1)", section: $0.element.section)
            })
        return web.renderer.page("enrolled", title: heading, model: model, chrome: chrome)
    }

    private func closed(_ data: SeriesPageData, _ request: Request, _ context: IndabaRequestContext) -> Response {
        let chrome = web.chrome(for: request, context: context, organization: data.organization.language)
        let t = chrome.localizer
        return web.renderer.message(
            heading: t("Enrolment is closed"),
            t("{series} has ended and takes no more enrolments.", ["series": data.series.title]),
            link: ("/series/\(data.series.id!.rawValue)", t("See the series page")), chrome: chrome, status: .gone)
    }
}

struct ChannelOption {
    let value: String
    let label: String
    let selected: Bool
}

struct EnrolModel {
    let seriesId: Int64
    let seriesTitle: String
    let organization: String
    let token: String
    let formError: String?
    let values: EnrolmentForm.Values
    let errors: EnrolmentForm.Errors
    let channels: [ChannelOption]
    let timeZones: [ChannelOption]
    let languages: [ChannelOption]
}

struct EnrolledModel {
    let seriesId: Int64
    let seriesTitle: String
    let heading: String
    let message: String
    let sections: [SectionModel]
}
