import Foundation
import GRDB
import Hummingbird
import Kernel
import PluginKit

/// `/manage/programmes/{id}/series/new` and `/manage/series/{id}/edit`: administrators create and edit a programme's
/// webinar series (title, short name, summary, objectives one per line, status, time zone) through the kernel, which
/// tells plugins when a series changes or completes. The short name is chosen once.
struct SeriesForms {
    let web: WebInterface

    func add(to router: RouterGroup<IndabaRequestContext>) {
        router.get("manage/programmes/:programme/series/new") { request, context in
            let programme = try await web.administeredProgramme(context)
            let zone = try await web.workspace.read { db in
                try Organization.fetchOne(db, key: programme.organizationId)?.timeZone
            }
            let values = ["status": "draft", "timeZone": zone ?? "UTC"]
            return page(programme: programme, series: nil, values: values, errors: [:], request, context)
        }
        router.post("manage/programmes/:programme/series/new") { request, context in
            let programme = try await web.administeredProgramme(context)
            return try await save(programme: programme, series: nil, request, context)
        }
        router.get("manage/series/:series/edit") { request, context in
            let (series, programme) = try await administered(context)
            let values = [
                "title": series.title, "slug": series.slug, "summary": series.summary,
                "objectives": series.objectives.joined(separator: "\n"), "status": series.status.rawValue,
                "timeZone": series.timeZone,
            ]
            return page(programme: programme, series: series, values: values, errors: [:], request, context)
        }
        router.post("manage/series/:series/edit") { request, context in
            let (series, programme) = try await administered(context)
            return try await save(programme: programme, series: series, request, context)
        }
    }

    /// The series `:series` and its programme, for an administrator of its organization.
    private func administered(_ context: IndabaRequestContext) async throws -> (WebinarSeries, Programme) {
        let (series, organization) = try await web.ownSeries(context)
        try context.scope.requireAdministration(of: organization)
        let programme = try await web.workspace.read { db in try Programme.fetchOne(db, key: series.programmeId) }
        guard let programme else { throw AccessError.notFound(entity: "series", id: series.id!.rawValue) }
        return (series, programme)
    }

    private func save(
        programme: Programme, series: WebinarSeries?, _ request: Request, _ context: IndabaRequestContext
    ) async throws -> Response {
        let form = try await FormData.read(request, context: context)
        var values: [String: String] = [:]
        for name in ["title", "slug", "summary", "objectives", "status", "timeZone"] { values[name] = form[name] }
        if let series { values["slug"] = series.slug }
        let t = web.localizer(request, context)
        if let refusal = web.staffFormRefusal(form, request: request, in: t) {
            return page(
                programme: programme, series: series, values: values, errors: [:], refusal: refusal, request,
                context, status: .forbidden)
        }
        let objectives = values["objectives"]!.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var errors: [String: String] = [:]
        errors["title"] = FieldRules.textProblem(values["title"]!, limit: 200)?.sentence(subject: t("The title"), t)
        if values["summary"]!.count > 4000 {
            errors["summary"] = t("The summary is longer than {limit} characters.", ["limit": t.number(4000)])
        }
        if let long = objectives.firstIndex(where: { $0.count > 500 }) {
            errors["objectives"] = t(
                "Objective {number} is longer than {limit} characters; shorten it.",
                ["number": t.number(long + 1), "limit": t.number(500)])
        }
        let status = WebinarSeries.Status(rawValue: values["status"]!)
        if status == nil { errors["status"] = t("Choose a status.") }
        errors["timeZone"] = FieldRules.timeZoneProblem(values["timeZone"]!)?.sentence(subject: t("The time zone"), t)
        let slug = values["slug"]!
        if series == nil {
            if !Slug.isValid(slug) {
                errors["slug"] = FieldProblem.invalidSlug.sentence(subject: t("The short name"), t)
            } else if try await taken(slug, in: programme) {
                errors["slug"] = t(
                    "Another series of {programme} already uses this short name.", ["programme": programme.title])
            }
        }
        if !errors.isEmpty {
            return page(
                programme: programme, series: series, values: values, errors: errors, request, context,
                status: .unprocessableContent)
        }
        let now = web.workspace.now()
        let draft = WebinarSeries(
            programmeId: programme.id!, slug: slug, title: values["title"]!, summary: values["summary"]!,
            objectives: objectives, status: status!, timeZone: values["timeZone"]!, createdAt: now, updatedAt: now)
        let saved = try await web.workspace.write(as: web.actor(context)) { try $0.save(draft) }
        let id = saved.id!.rawValue
        return web.redirect(to: series == nil ? "/manage/series/\(id)" : "/manage/series/\(id)/edit?saved=1")
    }

    private func taken(_ slug: String, in programme: Programme) async throws -> Bool {
        try await web.workspace.read { db in
            try WebinarSeries.filter(Column("programmeId") == programme.id && Column("slug") == slug).fetchCount(db)
                > 0
        }
    }

    private func page(
        programme: Programme, series: WebinarSeries?, values: [String: String], errors: [String: String],
        refusal: String? = nil, _ request: Request, _ context: IndabaRequestContext,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        let t = web.localizer(request, context)
        let statuses = WebinarSeries.Status.allCases.map { ($0.rawValue, Self.statusLabel($0, t)) }
        let fields = [
            FormField("title", label: t("Title"), value: values["title"] ?? "", error: errors["title"]),
            FormField(
                "slug", label: t("Short name"), value: values["slug"] ?? "", error: errors["slug"],
                hint: series == nil
                    ? t(
                        "Used in addresses and files; use 1-63 lowercase letters, digits and single hyphens, such as "
                            + "inclusive-spaces. It cannot be changed later.")
                    : t("Used in addresses and files; it cannot be changed."), readOnly: series != nil),
            FormField(
                "summary", label: t("Summary"), kind: .textarea(rows: 4), value: values["summary"] ?? "",
                error: errors["summary"], optional: true),
            FormField(
                "objectives", label: t("Objectives"), kind: .textarea(rows: 5), value: values["objectives"] ?? "",
                error: errors["objectives"], hint: t("One objective per line, in order."), optional: true),
            FormField(
                "status", label: t("Status"), kind: FormField.options(statuses, selected: values["status"] ?? ""),
                value: values["status"] ?? "", error: errors["status"],
                hint: t("Published and completed series are shown on the public site.")),
            FormField(
                "timeZone", label: t("Time zone"), value: values["timeZone"] ?? "", error: errors["timeZone"],
                hint: t("The IANA zone the sessions are planned in, such as Africa/Harare.")),
        ]
        let saved = request.uri.queryParameters["saved"] != nil && status == .ok
        let heading =
            series.map { t("Edit {title}", ["title": $0.title]) }
            ?? t("New series in {programme}", ["programme": programme.title])
        let crumbs =
            [("/workspace", t("Workspace")), ("/manage/programmes/\(programme.id!.rawValue)", programme.title)]
            + (series.map {
                [
                    ("/manage/series/\($0.id!.rawValue)", t("Sessions")),
                    ("/manage/series/\($0.id!.rawValue)/enrolments", t("Enrolments")),
                ]
            } ?? [])
        let model = FormPageModel(
            crumbs: crumbs, heading: heading, notice: saved ? t("Saved.") : nil, formError: refusal,
            action: series.map { "/manage/series/\($0.id!.rawValue)/edit" }
                ?? "/manage/programmes/\(programme.id!.rawValue)/series/new",
            fields: fields, submit: series == nil ? t("Create the series") : t("Save the series"))
        return web.formPage(model, title: heading, request: request, context: context, status: status)
    }

    static func statusLabel(_ status: WebinarSeries.Status, _ t: Localizer = .english) -> String {
        switch status {
        case .draft: t("Draft (not public)")
        case .published: t("Published")
        // Translators: the status of a webinar series whose sessions are all over.
        case .completed: t("Completed")
        case .cancelled: t("Cancelled")
        }
    }
}
