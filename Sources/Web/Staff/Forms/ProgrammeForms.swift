import Foundation
import GRDB
import Hummingbird
import Kernel
import PluginKit

/// `/workspace/orgs/{org}/programmes/new` and `/manage/programmes/{id}`: an organization's administrators create and
/// edit its programmes (title, slug, summary). The slug names the programme in paths and files, so it is chosen once.
struct ProgrammeForms {
    let web: WebInterface

    func add(to router: RouterGroup<IndabaRequestContext>) {
        router.get("workspace/orgs/:org/programmes/new") { request, context in
            let organization = try await web.administeredOrganization(context)
            return page(organization: organization, programme: nil, values: [:], errors: [:], request, context)
        }
        router.post("workspace/orgs/:org/programmes/new") { request, context in
            let organization = try await web.administeredOrganization(context)
            return try await save(organization: organization, programme: nil, request, context)
        }
        router.get("manage/programmes/:programme") { request, context in
            let programme = try await web.administeredProgramme(context)
            let organization = try await organization(of: programme)
            let values = ["title": programme.title, "slug": programme.slug, "summary": programme.summary]
            return page(organization: organization, programme: programme, values: values, errors: [:], request, context)
        }
        router.post("manage/programmes/:programme") { request, context in
            let programme = try await web.administeredProgramme(context)
            let organization = try await organization(of: programme)
            return try await save(organization: organization, programme: programme, request, context)
        }
    }

    private func organization(of programme: Programme) async throws -> Organization {
        try await web.workspace.read { db in
            guard let organization = try Organization.fetchOne(db, key: programme.organizationId) else {
                throw AccessError.notFound(entity: "programme", id: programme.id!.rawValue)
            }
            return organization
        }
    }

    private func save(
        organization: Organization, programme: Programme?, _ request: Request, _ context: IndabaRequestContext
    ) async throws -> Response {
        let form = try await FormData.read(request, context: context)
        let t = web.localizer(request, context)
        let values = [
            "title": form["title"], "slug": programme?.slug ?? form["slug"], "summary": form["summary"],
        ]
        if let refusal = web.staffFormRefusal(form, request: request, in: t) {
            return page(
                organization: organization, programme: programme, values: values, errors: [:], refusal: refusal,
                request, context, status: .forbidden)
        }
        var errors: [String: String] = [:]
        let title = values["title"]!
        if title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            errors["title"] = t("Give the programme a title.")
        } else if title.count > 200 {
            errors["title"] = t("The title is longer than {limit} characters; shorten it.", ["limit": t.number(200)])
        }
        if values["summary"]!.count > 2000 {
            errors["summary"] = t("The summary is longer than {limit} characters.", ["limit": t.number(2000)])
        }
        let slug = values["slug"]!
        if programme == nil {
            if !Slug.isValid(slug) {
                errors["slug"] = t(
                    "The short name must use 1-63 lowercase letters, digits and single hyphens, such as "
                        + "inclusive-spaces.")
            } else if try await taken(slug, in: organization) {
                errors["slug"] = t(
                    "Another programme of {organization} already uses this short name.",
                    ["organization": organization.name])
            }
        }
        if !errors.isEmpty {
            return page(
                organization: organization, programme: programme, values: values, errors: errors, request, context,
                status: .unprocessableContent)
        }
        let draft = Programme(
            organizationId: organization.id!, slug: slug, title: values["title"]!, summary: values["summary"]!,
            createdAt: web.workspace.now(), updatedAt: web.workspace.now())
        let saved = try await web.workspace.write(as: web.actor(context)) { try $0.save(draft) }
        return web.redirect(to: "/manage/programmes/\(saved.id!.rawValue)?saved=1")
    }

    private func taken(_ slug: String, in organization: Organization) async throws -> Bool {
        try await web.workspace.read { db in
            try Programme.filter(Column("organizationId") == organization.id && Column("slug") == slug)
                .fetchCount(db) > 0
        }
    }

    private func page(
        organization: Organization, programme: Programme?, values: [String: String], errors: [String: String],
        refusal: String? = nil, _ request: Request, _ context: IndabaRequestContext,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        let t = web.localizer(request, context)
        let fields = [
            FormField("title", label: t("Title"), value: values["title"] ?? "", error: errors["title"]),
            FormField(
                "slug", label: t("Short name"), value: values["slug"] ?? "", error: errors["slug"],
                hint: programme == nil
                    ? t(
                        "Used in addresses and files; use 1-63 lowercase letters, digits and single hyphens, such as "
                            + "inclusive-spaces. It cannot be changed later.")
                    : t("Used in addresses and files; it cannot be changed."), readOnly: programme != nil),
            FormField(
                "summary", label: t("Summary"), kind: .textarea(rows: 4), value: values["summary"] ?? "",
                error: errors["summary"], optional: true),
        ]
        let saved = request.uri.queryParameters["saved"] != nil && status == .ok
        let heading =
            programme.map { t("Edit {title}", ["title": $0.title]) }
            ?? t("New programme of {organization}", ["organization": organization.name])
        let model = FormPageModel(
            crumbs: [("/workspace", t("Workspace"))]
                + (programme.map { [("/manage/programmes/\($0.id!.rawValue)/series/new", t("Add a series"))] } ?? []),
            heading: heading, notice: saved ? t("Saved.") : nil, formError: refusal,
            action: programme.map { "/manage/programmes/\($0.id!.rawValue)" }
                ?? "/workspace/orgs/\(organization.id!.rawValue)/programmes/new",
            fields: fields, submit: programme == nil ? t("Create the programme") : t("Save the programme"))
        return web.formPage(model, title: heading, request: request, context: context, status: status)
    }
}
