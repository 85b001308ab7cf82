import Foundation
import GRDB
import Hummingbird
import Kernel
import PluginKit

/// `/workspace/orgs/{org}/people/new` and `/manage/people/{id}`: the administrators of the organization that registered
/// a person add and edit them: name, e-mail (chosen once: it is how the kernel recognises the person), and a
/// self-described gender kept only with an explicit consent tick. Only those administrators (and the coordinators of
/// their network) reach these forms, so no one else sees the gender. Nothing personal goes into logs or messages.
struct PersonForms {
    let web: WebInterface

    func add(to router: RouterGroup<IndabaRequestContext>) {
        router.get("workspace/orgs/:org/people/new") { request, context in
            let organization = try await web.administeredOrganization(context)
            return page(organization: organization, person: nil, values: [:], errors: [:], request, context)
        }
        router.post("workspace/orgs/:org/people/new") { request, context in
            let organization = try await web.administeredOrganization(context)
            return try await save(organization: organization, person: nil, request, context)
        }
        router.get("manage/people/:person") { request, context in
            let (person, organization) = try await administered(context)
            let values = [
                "name": person.displayName, "email": person.email, "gender": person.gender ?? "",
                "consent": person.consent ? "yes" : "",
            ]
            return page(organization: organization, person: person, values: values, errors: [:], request, context)
        }
        router.post("manage/people/:person") { request, context in
            let (person, organization) = try await administered(context)
            return try await save(organization: organization, person: person, request, context)
        }
    }

    /// The person `:person`, for an administrator of the organization that registered them.
    private func administered(_ context: IndabaRequestContext) async throws -> (Person, Organization) {
        try context.scope.requireAuthenticated()
        let (id, scope) = (try web.pathId(context, "person"), context.scope)
        let (person, organization) = try await web.workspace.read { db in
            let person = try scope.one(scope.people(), id: id, entity: "person", in: db)
            return (person, try Organization.fetchOne(db, key: person.organizationId))
        }
        guard let organization else { throw AccessError.notFound(entity: "person", id: id) }
        try scope.requireAdministration(of: organization.id!)
        return (person, organization)
    }

    private func save(
        organization: Organization, person: Person?, _ request: Request, _ context: IndabaRequestContext
    ) async throws -> Response {
        let form = try await FormData.read(request, context: context)
        let values = [
            "name": form["name"], "email": person?.email ?? form["email"], "gender": form["gender"],
            "consent": form.isChecked("consent") ? "yes" : "",
        ]
        let t = web.localizer(request, context)
        if let refusal = web.staffFormRefusal(form, request: request, in: t) {
            return page(
                organization: organization, person: person, values: values, errors: [:], refusal: refusal, request,
                context, status: .forbidden)
        }
        var errors: [String: String] = [:]
        errors["name"] = FieldRules.nameProblem(values["name"]!, limit: 200)?.sentence(subject: t("The name"), t)
        let email = values["email"]!
        if person == nil {
            if let problem = FieldRules.emailProblem(email) {
                errors["email"] = problem.sentence(subject: t("The e-mail address"), t)
            } else if try await registered(email) {
                errors["email"] = t("Someone with this e-mail address is already registered.")
            }
        }
        let gender = values["gender"]!
        let consent = values["consent"] == "yes"
        if gender.count > 100 {
            errors["gender"] = FieldProblem.tooLong(limit: 100).sentence(subject: t("The gender"), t)
        }
        if !gender.isEmpty, !consent {
            errors["consent"] = t("Tick this box to keep the gender given, or leave the gender empty.")
        }
        if !errors.isEmpty {
            return page(
                organization: organization, person: person, values: values, errors: errors, request, context,
                status: .unprocessableContent)
        }
        let now = web.workspace.now()
        var draft =
            person
            ?? Person(organizationId: organization.id!, displayName: "", email: email, createdAt: now, updatedAt: now)
        draft.displayName = values["name"]!
        draft.gender = gender.isEmpty ? nil : gender
        draft.consent = consent
        let record = draft
        let saved = try await web.workspace.write(as: web.actor(context)) { try $0.save(record) }
        return web.redirect(to: "/manage/people/\(saved.id!.rawValue)?saved=1")
    }

    /// Whether anyone (in any organization) is registered with `email`: the kernel keeps one person per address.
    private func registered(_ email: String) async throws -> Bool {
        let key = FieldRules.emailKey(email)
        return try await web.workspace.read { db in try Person.filter(Column("emailKey") == key).fetchCount(db) > 0 }
    }

    private func page(
        organization: Organization, person: Person?, values: [String: String], errors: [String: String],
        refusal: String? = nil, _ request: Request, _ context: IndabaRequestContext,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        let t = web.localizer(request, context)
        let named = ["organization": organization.name]
        let fields = [
            FormField("name", label: t("Name"), value: values["name"] ?? "", error: errors["name"]),
            FormField(
                "email", label: t("E-mail address"), kind: .email, value: values["email"] ?? "",
                error: errors["email"],
                hint: person == nil ? t("It identifies the person and cannot be changed here later.") : nil,
                readOnly: person != nil),
            FormField(
                "gender", label: t("Gender, in their own words"), value: values["gender"] ?? "",
                error: errors["gender"],
                hint: t(
                    "Only the administrators of {organization} and the coordinators of its network see it; reports "
                        + "show counts, never names.", named), optional: true),
            FormField(
                "consent", label: t("They agreed that {organization} keeps this gender", named), kind: .checkbox,
                value: values["consent"] ?? "", error: errors["consent"],
                hint: t("Without this tick no gender is kept, and removing it erases a stored one.")),
        ]
        let saved = request.uri.queryParameters["saved"] != nil && status == .ok
        let heading =
            person == nil
            ? t("Add a person to {organization}", named) : t("Edit a person of {organization}", named)
        let model = FormPageModel(
            crumbs: [("/workspace", t("Workspace"))], heading: heading, notice: saved ? t("Saved.") : nil,
            formError: refusal,
            action: person.map { "/manage/people/\($0.id!.rawValue)" }
                ?? "/workspace/orgs/\(organization.id!.rawValue)/people/new",
            fields: fields, submit: person == nil ? t("Add the person") : t("Save"))
        return web.formPage(model, title: heading, request: request, context: context, status: status)
    }
}
