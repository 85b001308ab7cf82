import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import Kernel
import PluginKit

/// `/manage/series/{id}/leaders`: a series' administrators name its facilitators and guest speakers (a registered
/// person, found by e-mail) and take the role away again, through the kernel (audited as `series.roleAdded` and
/// `series.roleRemoved`). A facilitator named here sees the series in their workspace and may record its attendance.
struct SeriesLeadersForm {
    let web: WebInterface

    func add(to router: RouterGroup<IndabaRequestContext>) {
        router.get("manage/series/:series/leaders") { request, context in
            let series = try await administered(context)
            let t = web.localizer(request, context)
            let notice = request.uri.queryParameters["done"].map { $0 == "removed" ? t("Removed.") : t("Added.") }
            return try await page(series, values: [:], errors: [:], notice: notice, request, context)
        }
        router.post("manage/series/:series/leaders") { request, context in
            try await addLeader(try await administered(context), request, context)
        }
        router.post("manage/series/:series/leaders/remove") { request, context in
            try await removeLeader(try await administered(context), request, context)
        }
    }

    /// The series `:series`, for an administrator of its organization.
    private func administered(_ context: IndabaRequestContext) async throws -> WebinarSeries {
        let (series, organization) = try await web.ownSeries(context)
        try context.scope.requireAdministration(of: organization)
        return series
    }

    private func addLeader(_ series: WebinarSeries, _ request: Request, _ context: IndabaRequestContext) async throws
        -> Response
    {
        let form = try await FormData.read(request, context: context)
        let values = ["email": form["email"], "role": form["role"]]
        let t = web.localizer(request, context)
        if let refusal = web.staffFormRefusal(form, request: request, in: t) {
            return try await page(
                series, values: values, errors: [:], refusal: refusal, request, context, status: .forbidden)
        }
        var errors: [String: String] = [:]
        let role = SeriesRole.Role(rawValue: values["role"]!).flatMap { $0 == .participant ? nil : $0 }
        if role == nil { errors["role"] = t("Choose facilitator or guest speaker.") }
        let key = FieldRules.emailKey(values["email"]!)
        let scope = context.scope
        let person = try await web.workspace.read { db in
            try scope.people().filter(Column("emailKey") == key).fetchOne(db)
        }
        if let problem = FieldRules.emailProblem(values["email"]!) {
            errors["email"] = problem.sentence(subject: t("The e-mail address"), t)
        } else if person == nil {
            errors["email"] = t("No one you can see is registered with this address; add the person first.")
        }
        if !errors.isEmpty {
            return try await page(
                series, values: values, errors: errors, request, context, status: .unprocessableContent)
        }
        let (personId, seriesId, chosen) = (person!.id!, series.id!, role!)
        let added = try await web.workspace.write(as: web.actor(context)) {
            try $0.addLeader(chosen, person: personId, series: seriesId)
        }
        if !added {
            errors["email"] =
                chosen == .facilitator
                ? t("This person is already facilitator of the series.")
                : t("This person is already guest speaker of the series.")
            return try await page(
                series, values: values, errors: errors, request, context, status: .unprocessableContent)
        }
        return web.redirect(to: "/manage/series/\(seriesId.rawValue)/leaders?done=added#leaders")
    }

    private func removeLeader(_ series: WebinarSeries, _ request: Request, _ context: IndabaRequestContext)
        async throws -> Response
    {
        let form = try await FormData.read(request, context: context)
        if let refusal = web.staffFormRefusal(form, request: request, in: web.localizer(request, context)) {
            return try await page(
                series, values: [:], errors: [:], refusal: refusal, request, context, status: .forbidden)
        }
        let seriesId = series.id!
        guard let role = SeriesRole.Role(rawValue: form["role"]), role != .participant,
            let person = Int64(form["person"])
        else { throw AccessError.notFound(entity: "person", id: Int64(form["person"]) ?? 0) }
        let removed = try await web.workspace.write(as: web.actor(context)) {
            try $0.removeLeader(role, person: Person.ID(person), series: seriesId)
        }
        guard removed else { throw AccessError.notFound(entity: "person", id: person) }
        return web.redirect(to: "/manage/series/\(seriesId.rawValue)/leaders?done=removed#leaders")
    }

    private func page(
        _ series: WebinarSeries, values: [String: String], errors: [String: String], notice: String? = nil,
        refusal: String? = nil, _ request: Request, _ context: IndabaRequestContext,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let leaders = try await web.workspace.read { db in try SeriesFacilitation(of: series.id!, in: db).leaders }
        let id = series.id!.rawValue
        var chrome = web.chrome(for: request, context: context)
        let t = chrome.localizer
        let nonce = web.formNonce(request, into: &chrome)
        let removeAction = "/manage/series/\(id)/leaders/remove"
        let removeToken = web.forms.issue(
            purpose: WebInterface.formPurpose(removeAction), nonce: nonce, at: web.workspace.now())
        let rows: [HTML] = leaders.map { leader in
            let label = Self.label(leader.role, t)
            let remove =
                leader.role == .facilitator
                ? t("Remove {name} as facilitator", ["name": leader.displayName])
                : t("Remove {name} as guest speaker", ["name": leader.displayName])
            return """
                <tr><th scope="row"><bdi>\(leader.displayName)</bdi></th><td>\(label)</td><td><form method="post" \
                action="\(removeAction)"><input type="hidden" name="form" value="\(removeToken)">\
                <input type="hidden" name="person" value="\(String(leader.personId.rawValue))">\
                <input type="hidden" name="role" value="\(leader.role.rawValue)"><button type="submit" \
                class="secondary" aria-label="\(remove)">\(t("Remove"))</button>\
                </form></td></tr>
                """
        }
        let caption = t.plural("{count} leading the series", "{count} leading the series", count: leaders.count)
        let table: HTML =
            leaders.isEmpty
            ? "<p>\(t("No one leads this series yet."))</p>"
            : """
            <div class="scroll"><table class="list"><caption>\(caption)</caption>\
            <thead><tr><th scope="col">\(t("Name"))</th><th scope="col">\(t("Role"))</th>\
            <th scope="col">\(t("Action"))</th></tr></thead><tbody>\(rows)</tbody></table></div>
            """
        let before: HTML = """
            <h2 id="leaders">\(t("Facilitators and guest speakers"))</h2>\(table)<h2 id="add">\(t("Add someone"))</h2>
            """
        let roles = [SeriesRole.Role.facilitator, .guestSpeaker].map { ($0.rawValue, Self.label($0, t)) }
        let fields = [
            FormField(
                "email", label: t("Their e-mail address"), kind: .email, value: values["email"] ?? "",
                error: errors["email"], hint: t("The person must be registered already (add them from the workspace).")),
            FormField(
                "role", label: t("Role"), kind: FormField.options(roles, selected: values["role"] ?? "facilitator"),
                value: values["role"] ?? "facilitator", error: errors["role"],
                hint: t("Facilitators see the series in their workspace and record its attendance.")),
        ]
        var model = FormPageModel(
            crumbs: [
                ("/workspace", t("Workspace")), ("/manage/series/\(id)", t("Sessions")),
                ("/series/\(id)", t("Public page")),
            ],
            heading: t("Who leads {title}", ["title": series.title]), notice: notice, formError: refusal,
            action: "/manage/series/\(id)/leaders", fields: fields, submit: t("Add"), before: before.markup)
        model.token = web.forms.issue(
            purpose: WebInterface.formPurpose(model.action), nonce: nonce, at: web.workspace.now())
        return web.renderer.page("staff-form", title: model.heading, model: model, chrome: chrome, status: status)
    }

    static func label(_ role: SeriesRole.Role, _ t: Localizer = .english) -> String {
        switch role {
        case .facilitator: t("Facilitator")
        case .guestSpeaker: t("Guest speaker")
        case .participant: t("Participant")
        }
    }
}
