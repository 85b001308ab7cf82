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
        if let refusal = web.staffFormRefusal(form, request: request) {
            return page(
                programme: programme, series: series, values: values, errors: [:], refusal: refusal, request,
                context, status: .forbidden)
        }
        let objectives = values["objectives"]!.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var errors: [String: String] = [:]
        if let problem = FieldRules.textProblem(values["title"]!, limit: 200) {
            errors["title"] = "The title \(problem)."
        }
        if values["summary"]!.count > 4000 { errors["summary"] = "The summary is longer than 4000 characters." }
        if let long = objectives.firstIndex(where: { $0.count > 500 }) {
            errors["objectives"] = "Objective \(long + 1) is longer than 500 characters; shorten it."
        }
        let status = WebinarSeries.Status(rawValue: values["status"]!)
        if status == nil { errors["status"] = "Choose a status." }
        if let problem = FieldRules.timeZoneProblem(values["timeZone"]!) {
            errors["timeZone"] = "The time zone \(problem)."
        }
        let slug = values["slug"]!
        if series == nil {
            if !Slug.isValid(slug) {
                errors["slug"] = "The short name must \(Slug.rule)."
            } else if try await taken(slug, in: programme) {
                errors["slug"] = "Another series of \(programme.title) already uses this short name."
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
        let statuses = WebinarSeries.Status.allCases.map { ($0.rawValue, Self.statusLabel($0)) }
        let fields = [
            FormField("title", label: "Title", value: values["title"] ?? "", error: errors["title"]),
            FormField(
                "slug", label: "Short name", value: values["slug"] ?? "", error: errors["slug"],
                hint: series == nil
                    ? "Used in addresses and files; \(Slug.rule). It cannot be changed later."
                    : "Used in addresses and files; it cannot be changed.", readOnly: series != nil),
            FormField(
                "summary", label: "Summary", kind: .textarea(rows: 4), value: values["summary"] ?? "",
                error: errors["summary"], optional: true),
            FormField(
                "objectives", label: "Objectives", kind: .textarea(rows: 5), value: values["objectives"] ?? "",
                error: errors["objectives"], hint: "One objective per line, in order.", optional: true),
            FormField(
                "status", label: "Status", kind: FormField.options(statuses, selected: values["status"] ?? ""),
                value: values["status"] ?? "", error: errors["status"],
                hint: "Published and completed series are shown on the public site."),
            FormField(
                "timeZone", label: "Time zone", value: values["timeZone"] ?? "", error: errors["timeZone"],
                hint: "The IANA zone the sessions are planned in, such as Africa/Harare."),
        ]
        let saved = request.uri.queryParameters["saved"] != nil && status == .ok
        let heading = series.map { "Edit \($0.title)" } ?? "New series in \(programme.title)"
        let crumbs =
            [("/workspace", "Workspace"), ("/manage/programmes/\(programme.id!.rawValue)", programme.title)]
            + (series.map {
                [
                    ("/manage/series/\($0.id!.rawValue)", "Sessions"),
                    ("/manage/series/\($0.id!.rawValue)/enrolments", "Enrolments"),
                ]
            } ?? [])
        let model = FormPageModel(
            crumbs: crumbs, heading: heading, notice: saved ? "Saved." : nil, formError: refusal,
            action: series.map { "/manage/series/\($0.id!.rawValue)/edit" }
                ?? "/manage/programmes/\(programme.id!.rawValue)/series/new",
            fields: fields, submit: series == nil ? "Create the series" : "Save the series")
        return web.formPage(model, title: heading, request: request, context: context, status: status)
    }

    static func statusLabel(_ status: WebinarSeries.Status) -> String {
        switch status {
        case .draft: "Draft (not public)"
        case .published: "Published"
        case .completed: "Completed"
        case .cancelled: "Cancelled"
        }
    }
}
