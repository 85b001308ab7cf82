import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import Kernel
import PluginKit

/// `/manage/series/{id}/clone`: "run it again". A series' administrators make a new draft series from it, with its
/// objectives and its sessions moved to a new first day (local times kept in the series' zone, across a change of the
/// clocks), optionally its facilitators and guest speakers, never its participants: one kernel transaction, audited
/// as `series.cloned`.
struct SeriesCloneForm {
    let web: WebInterface

    func add(to router: RouterGroup<IndabaRequestContext>) {
        router.get("manage/series/:series/clone") { request, context in
            let series = try await administered(context)
            let values = ["title": series.title, "slug": "", "startsOn": "", "withRoles": ""]
            return page(series, values: values, errors: [:], request, context)
        }
        router.post("manage/series/:series/clone") { request, context in
            try await clone(try await administered(context), request, context)
        }
    }

    private func administered(_ context: IndabaRequestContext) async throws -> WebinarSeries {
        let (series, organization) = try await web.ownSeries(context)
        try context.scope.requireAdministration(of: organization)
        return series
    }

    private func clone(_ series: WebinarSeries, _ request: Request, _ context: IndabaRequestContext) async throws
        -> Response
    {
        let form = try await FormData.read(request, context: context)
        let values = [
            "title": form["title"], "slug": form["slug"], "startsOn": form["startsOn"],
            "withRoles": form.isChecked("withRoles") ? "yes" : "",
        ]
        let t = web.localizer(request, context)
        if let refusal = web.staffFormRefusal(form, request: request, in: t) {
            return page(series, values: values, errors: [:], refusal: refusal, request, context, status: .forbidden)
        }
        var errors: [String: String] = [:]
        errors["title"] = FieldRules.textProblem(values["title"]!, limit: 200)?.sentence(subject: t("The title"), t)
        let slug = values["slug"]!
        if !Slug.isValid(slug) {
            errors["slug"] = FieldProblem.invalidSlug.sentence(subject: t("The short name"), t)
        } else {
            let programme = series.programmeId
            let taken = try await web.workspace.read { db in
                try WebinarSeries.filter(Column("programmeId") == programme && Column("slug") == slug).fetchCount(db)
                    > 0
            }
            if taken { errors["slug"] = t("Another series of this programme already uses this short name.") }
        }
        let day = LocalDay(values["startsOn"]!)
        if day == nil { errors["startsOn"] = t("Give the day of the first session, such as 2027-03-08.") }
        if !errors.isEmpty {
            return page(series, values: values, errors: errors, request, context, status: .unprocessableContent)
        }
        let cloning = WriteTransaction.SeriesCloning(
            source: series.id!, slug: slug, title: values["title"]!, startsOn: day!,
            withRoles: values["withRoles"] == "yes")
        let copy = try await web.workspace.write(as: web.actor(context)) { try $0.cloneSeries(cloning) }
        return web.redirect(to: "/manage/series/\(copy.id!.rawValue)#sessions")
    }

    private func page(
        _ series: WebinarSeries, values: [String: String], errors: [String: String], refusal: String? = nil,
        _ request: Request, _ context: IndabaRequestContext, status: HTTPResponse.Status = .ok
    ) -> Response {
        let id = series.id!.rawValue
        let t = web.localizer(request, context)
        let fields = [
            FormField(
                "title", label: t("Title of the new series"), value: values["title"] ?? "", error: errors["title"]),
            FormField(
                "slug", label: t("Short name"), value: values["slug"] ?? "", error: errors["slug"],
                hint: t(
                    "Used in addresses and files; use 1-63 lowercase letters, digits and single hyphens, such as "
                        + "inclusive-spaces. It cannot be changed later.")),
            FormField(
                "startsOn", label: t("Day of the first session"), kind: .date, value: values["startsOn"] ?? "",
                error: errors["startsOn"],
                hint: t(
                    "In {zone}. Every session moves by the same number of days and keeps its local time, even across "
                        + "a change of the clocks.", ["zone": series.timeZone])),
            FormField(
                "withRoles", label: t("Keep the facilitators and guest speakers"), kind: .checkbox,
                value: values["withRoles"] ?? "", error: errors["withRoles"], optional: true),
        ]
        let model = FormPageModel(
            crumbs: [
                ("/workspace", t("Workspace")), ("/manage/series/\(id)", t("Sessions")),
                ("/series/\(id)", t("Public page")),
            ],
            heading: t("Run {title} again", ["title": series.title]),
            lead: t(
                "A new draft series with the same summary, objectives and sessions; participants, enrolments and "
                    + "join links are not copied."),
            formError: refusal, action: "/manage/series/\(id)/clone", fields: fields,
            submit: t("Create the new series"))
        return web.formPage(model, title: model.heading, request: request, context: context, status: status)
    }
}
