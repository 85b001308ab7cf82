import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import Kernel
import PluginKit

/// `/workspace/orgs/{org}/people/merge`: an organization's administrators merge two records of one person (ids from
/// the people list): everything of the duplicate moves to the kept record in one kernel transaction, audited as
/// `person.merged` with both ids. Both records must be people the signed-in user administers; any other id is
/// answered as "no one you look after", whether it exists or not.
struct PersonMergeForm {
    let web: WebInterface

    func add(to router: RouterGroup<IndabaRequestContext>) {
        router.get("workspace/orgs/:org/people/merge") { request, context in
            let organization = try await web.administeredOrganization(context)
            let values = [
                "keep": request.uri.queryParameters["keep"].map(String.init) ?? "",
                "duplicate": request.uri.queryParameters["duplicate"].map(String.init) ?? "", "confirm": "",
            ]
            return page(organization, values: values, errors: [:], request, context)
        }
        router.post("workspace/orgs/:org/people/merge") { request, context in
            let organization = try await web.administeredOrganization(context)
            return try await merge(organization, request, context)
        }
    }

    private func merge(_ organization: Organization, _ request: Request, _ context: IndabaRequestContext)
        async throws -> Response
    {
        let form = try await FormData.read(request, context: context)
        let values = [
            "keep": form["keep"], "duplicate": form["duplicate"], "confirm": form.isChecked("confirm") ? "yes" : "",
        ]
        let t = web.localizer(request, context)
        if let refusal = web.staffFormRefusal(form, request: request, in: t) {
            return page(
                organization, values: values, errors: [:], refusal: refusal, request, context, status: .forbidden)
        }
        var errors: [String: String] = [:]
        let keep = try await administeredPerson(values["keep"]!, context)
        let duplicate = try await administeredPerson(values["duplicate"]!, context)
        let unknown = t("Give the id of someone you look after (see the list of people).")
        if keep == nil { errors["keep"] = unknown }
        if duplicate == nil { errors["duplicate"] = unknown }
        if let keep, keep == duplicate { errors["duplicate"] = t("This is the record to keep; give the other one.") }
        if values["confirm"] != "yes" {
            errors["confirm"] = t("Tick this box once you have checked that both records are the same person.")
        }
        if !errors.isEmpty {
            return page(organization, values: values, errors: errors, request, context, status: .unprocessableContent)
        }
        let (kept, gone) = (keep!, duplicate!)
        try await web.workspace.write(as: web.actor(context)) { try $0.mergePeople(keep: kept, duplicate: gone) }
        return web.redirect(to: "/workspace/orgs/\(organization.id!.rawValue)/people?merged=\(kept.rawValue)")
    }

    /// The person with id `text`, if the signed-in user administers the organization that registered them.
    private func administeredPerson(_ text: String, _ context: IndabaRequestContext) async throws -> Person.ID? {
        guard let id = Int64(text) else { return nil }
        let scope = context.scope
        let person = try await web.workspace.read { db in try scope.people().filter(key: id).fetchOne(db) }
        guard let person, context.access.administered.contains(person.organizationId) else { return nil }
        return person.id
    }

    private func page(
        _ organization: Organization, values: [String: String], errors: [String: String], refusal: String? = nil,
        _ request: Request, _ context: IndabaRequestContext, status: HTTPResponse.Status = .ok
    ) -> Response {
        let org = organization.id!.rawValue
        let t = web.localizer(request, context)
        let fields = [
            FormField(
                "keep", label: t("Id of the record to keep"), kind: .number(step: "1"), value: values["keep"] ?? "",
                error: errors["keep"], hint: t("Its name, e-mail address and self-description stay.")),
            FormField(
                "duplicate", label: t("Id of the duplicate"), kind: .number(step: "1"),
                value: values["duplicate"] ?? "", error: errors["duplicate"],
                hint: t(
                    "Its enrolments, attendance, hand-ins, roles and certificates move to the record kept; then it "
                        + "is deleted. Where both have one for the same series or session, they are combined (the "
                        + "earlier enrolment, the better attendance with the minutes added up to the session's "
                        + "length).")),
            FormField(
                "confirm", label: t("Both records are the same person"), kind: .checkbox,
                value: values["confirm"] ?? "", error: errors["confirm"], hint: t("This cannot be undone.")),
        ]
        let model = FormPageModel(
            crumbs: [("/workspace", t("Workspace")), ("/workspace/orgs/\(org)/people", t("People"))],
            heading: t("Merge two records of one person"), formError: refusal,
            action: "/workspace/orgs/\(org)/people/merge", fields: fields, submit: t("Merge"))
        return web.formPage(model, title: model.heading, request: request, context: context, status: status)
    }
}
