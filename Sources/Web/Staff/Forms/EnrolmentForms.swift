import Foundation
import GRDB
import Hummingbird
import Kernel
import PluginKit

/// `/manage/series/{id}/enrolments`: who is enrolled in a series (for its administrators and facilitators), and, for
/// administrators, a form enrolling a registered person by e-mail with the channel they came through, written by the
/// kernel's `enrol` (plugins hear of it). A self-described gender is shown only to administrators of the
/// organization that registered the person.
struct EnrolmentForms {
    let web: WebInterface

    func add(to router: RouterGroup<IndabaRequestContext>) {
        router.get("manage/series/:series/enrolments") { request, context in
            let (series, organization) = try await web.ownSeries(context)
            return try await page(series, organization, values: [:], errors: [:], request, context)
        }
        router.post("manage/series/:series/enrolments") { request, context in
            let (series, organization) = try await web.ownSeries(context)
            try context.scope.requireAdministration(of: organization)
            return try await enrol(series, organization, request, context)
        }
    }

    private func enrol(
        _ series: WebinarSeries, _ organization: Organization.ID, _ request: Request, _ context: IndabaRequestContext
    ) async throws -> Response {
        let form = try await FormData.read(request, context: context)
        let values = ["email": form["email"], "channel": form["channel"]]
        let t = web.localizer(request, context)
        if let refusal = web.staffFormRefusal(form, request: request, in: t) {
            return try await page(
                series, organization, values: values, errors: [:], refusal: refusal, request, context,
                status: .forbidden)
        }
        var errors: [String: String] = [:]
        let key = FieldRules.emailKey(values["email"]!)
        let scope = context.scope
        let (person, enrolled) = try await web.workspace.read { db in
            let person = try scope.people().filter(Column("emailKey") == key).fetchOne(db)
            let enrolled =
                try person.map {
                    try Enrolment.filter(Column("seriesId") == series.id && Column("personId") == $0.id).fetchCount(db)
                } ?? 0
            return (person, enrolled > 0)
        }
        if let problem = FieldRules.emailProblem(values["email"]!) {
            errors["email"] = problem.sentence(subject: t("The e-mail address"), t)
        } else if person == nil {
            errors["email"] = t("No one you can see is registered with this address; add the person first.")
        } else if enrolled {
            errors["email"] = t("This person is already enrolled.")
        }
        // Chosen from the organization's channels: a typo would count as a channel of its own in every report.
        let offered = try await channels(for: organization, in: .english).values
        if !offered.contains(values["channel"]!) {
            errors["channel"] = t("Choose how they heard of the series from the list.")
        }
        if !errors.isEmpty {
            return try await page(
                series, organization, values: values, errors: errors, request, context,
                status: .unprocessableContent)
        }
        let (personId, seriesId, channel) = (person!.id!, series.id!, values["channel"]!)
        try await web.workspace.write(as: web.actor(context)) { try $0.enrol(personId, in: seriesId, channel: channel) }
        return web.redirect(to: "/manage/series/\(seriesId.rawValue)/enrolments#enrolled")
    }

    private func page(
        _ series: WebinarSeries, _ organization: Organization.ID, values: [String: String], errors: [String: String],
        refusal: String? = nil, _ request: Request, _ context: IndabaRequestContext,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let scope = context.scope
        let rows = try await web.workspace.read { db in try scope.enrolled(in: series.id!, in: db) }
        let t = web.localizer(request, context)
        let channels = try await channels(for: organization, in: t)
        let labels = Dictionary(channels.choices.map { ($0.value, $0.label) }) { first, _ in first }
        let showsGender = scope.seesSelfDescriptions
        let day = t.dateFormatter("yMMMd", in: TimeZone(identifier: series.timeZone) ?? .gmt)
        if t.language == .english || t.language == .pseudo { day.dateFormat = "d MMM yyyy" }
        let body: [HTML] = rows.map { row in
            let genderCell: HTML = showsGender ? "<td>\(row.gender ?? "—")</td>" : .empty
            return """
                <tr><th scope="row"><bdi>\(row.displayName)</bdi></th><td>\(labels[row.channel] ?? RecruitmentChannelChoices.label(fromCode: row.channel, t))</td><td>\(day.string(from: row.enrolledAt))</td>\
                \(genderCell)</tr>
                """
        }
        let genderHead: HTML = showsGender ? "<th scope=\"col\">\(t("Gender"))</th>" : .empty
        let caption = t.plural("{count} enrolled", "{count} enrolled", count: rows.count)
        let table: HTML =
            rows.isEmpty
            ? "<p>\(t("No one is enrolled yet."))</p>"
            : """
            <div class="scroll"><table class="list"><caption>\(caption)</caption><thead><tr>\
            <th scope="col">\(t("Name"))</th><th scope="col">\(t("Channel"))</th>\
            <th scope="col">\(t("Enrolled on"))</th>\(genderHead)</tr></thead><tbody>\(body)</tbody></table></div>
            """
        let list: HTML = """
            <h2 id="enrolled">\(t("Enrolled"))</h2>\(table)<h2 id="enrol">\(t("Enrol someone"))</h2>
            """
        let fields = [
            FormField(
                "email", label: t("Their e-mail address"), kind: .email, value: values["email"] ?? "",
                error: errors["email"], hint: t("The person must be registered already (add them from the workspace).")),
            FormField(
                "channel", label: t("How they heard of the series"),
                kind: FormField.options(
                    [("", t("Choose one"))] + channels.choices.map { ($0.value, $0.label) },
                    selected: values["channel"] ?? ""),
                value: values["channel"] ?? "", error: errors["channel"],
                hint: t("The organization's recruitment channels (set in the retention plugin's settings).")),
        ]
        let id = series.id!.rawValue
        let canEnrol = context.access.administered.contains(organization)
        let heading = t("Enrolments in {title}", ["title": series.title])
        let model = FormPageModel(
            crumbs: [
                ("/workspace", t("Workspace")), ("/manage/series/\(id)", t("Sessions")),
                ("/series/\(id)", t("Public page")),
            ],
            heading: heading, formError: refusal, action: "/manage/series/\(id)/enrolments",
            fields: canEnrol ? fields : [], submit: t("Enrol"), before: list.markup)
        if !canEnrol {
            // Facilitators read the list; only administrators enrol.
            let content: HTML = """
                <nav aria-label="\(t("Breadcrumb"))" class="crumbs"><a href="/workspace">\(t("Workspace"))</a></nav>
                <h1>\(heading)</h1><h2 id="enrolled">\(t("Enrolled"))</h2>\(table)
                """
            return web.renderer.html(
                content: content.markup, title: model.heading, chrome: web.chrome(for: request, context: context),
                status: status)
        }
        return web.formPage(model, title: model.heading, request: request, context: context, status: status)
    }

    /// The recruitment channels the organization's enabled plugins offer, or the default list.
    private func channels(
        for organization: Organization.ID, in t: Localizer
    ) async throws -> RecruitmentChannelChoices {
        let enabled = try await web.workspace.read { db in
            try PluginEnablementRecord.enabledPlugins(of: organization, in: db)
        }
        return try await RecruitmentChannelChoices.offered(
            by: web.workspace.installedPlugins, enabled: enabled, for: organization, in: t)
    }
}

/// One row of the enrolment list, read from the database.
