import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import Kernel
import PluginKit

/// `/workspace/orgs/{network}/members/new` and `/manage/orgs/{id}/edit`: a network's coordinators add member
/// organizations, and an organization's administrators (its network's coordinators among them) edit it: name, short
/// name (chosen once), country, time zone, website, the language its pages, messages and feeds fall back to, and the
/// methodology paragraph its series reports carry; the parent is the network. Audited by the kernel as
/// `organization.created`, `organization.updated` (field names only), `organization.languageChanged` and
/// `report.methodologyChanged`.
struct OrganizationForms {
    let web: WebInterface

    func add(to router: RouterGroup<IndabaRequestContext>) {
        router.get("workspace/orgs/:org/members/new") { request, context in
            let network = try await administeredNetwork(context)
            let values = ["timeZone": network.timeZone, "country": network.country]
            return page(network: network, organization: nil, values: values, errors: [:], request, context)
        }
        router.post("workspace/orgs/:org/members/new") { request, context in
            let network = try await administeredNetwork(context)
            return try await save(network: network, organization: nil, request, context)
        }
        router.get("manage/orgs/:org/edit") { request, context in
            let organization = try await web.administeredOrganization(context)
            let methodology = try await web.workspace.read { db in
                try ReportSettings.methodology(of: organization.id!, in: db)
            }
            let values = [
                "name": organization.name, "slug": organization.slug, "country": organization.country,
                "timeZone": organization.timeZone, "website": organization.website ?? "",
                "language": organization.language?.code ?? "", "methodology": methodology ?? "",
            ]
            return page(network: nil, organization: organization, values: values, errors: [:], request, context)
        }
        router.post("manage/orgs/:org/edit") { request, context in
            let organization = try await web.administeredOrganization(context)
            return try await save(network: nil, organization: organization, request, context)
        }
    }

    /// The network `:org`, which the signed-in user coordinates; a member organization answers as missing here.
    private func administeredNetwork(_ context: IndabaRequestContext) async throws -> Organization {
        let organization = try await web.administeredOrganization(context)
        guard organization.isNetwork else {
            throw AccessError.notFound(entity: "organization", id: organization.id!.rawValue)
        }
        return organization
    }

    private func save(
        network: Organization?, organization: Organization?, _ request: Request, _ context: IndabaRequestContext
    ) async throws -> Response {
        let form = try await FormData.read(request, context: context)
        var values: [String: String] = [:]
        for name in ["name", "slug", "country", "timeZone", "website", "language", "methodology"] {
            values[name] = form[name]
        }
        if let organization { values["slug"] = organization.slug }
        values["country"] = values["country"]!.uppercased()
        let t = web.localizer(request, context)
        if let refusal = web.staffFormRefusal(form, request: request, in: t) {
            return page(
                network: network, organization: organization, values: values, errors: [:], refusal: refusal,
                request, context, status: .forbidden)
        }
        var errors: [String: String] = [:]
        errors["name"] = FieldRules.textProblem(values["name"]!, limit: 200)?.sentence(subject: t("The name"), t)
        errors["country"] = FieldRules.countryProblem(values["country"]!)?.sentence(subject: t("The country"), t)
        errors["timeZone"] = FieldRules.timeZoneProblem(values["timeZone"]!)?.sentence(subject: t("The time zone"), t)
        let website = values["website"]!
        if !website.isEmpty {
            errors["website"] = FieldRules.webURLProblem(website)?.sentence(subject: t("The website"), t)
        }
        let language = Language.shipped.first { $0.code == values["language"]! }
        if language == nil, !values["language"]!.isEmpty {
            errors["language"] = t("Choose one of the listed languages, or none.")
        }
        let methodology = Session.normalizedDescription(values["methodology"]!)
        errors["methodology"] = ReportSettings.methodologyProblem(methodology)?.sentence(
            subject: t("The methodology"), t)
        let slug = values["slug"]!
        if let network {
            if !Slug.isValid(slug) {
                errors["slug"] = FieldProblem.invalidSlug.sentence(subject: t("The short name"), t)
            } else {
                let taken = try await web.workspace.read { db in
                    try Organization.filter(Column("parentId") == network.id && Column("slug") == slug).fetchCount(db)
                        > 0
                }
                if taken {
                    errors["slug"] = t(
                        "Another member of {network} already uses this short name.", ["network": network.name])
                }
            }
        }
        if !errors.isEmpty {
            return page(
                network: network, organization: organization, values: values, errors: errors, request, context,
                status: .unprocessableContent)
        }
        let now = web.workspace.now()
        var draft =
            organization
            ?? Organization(
                parentId: network!.id, name: "", slug: slug, country: "", timeZone: "", createdAt: now, updatedAt: now)
        draft.name = values["name"]!
        draft.country = values["country"]!
        draft.timeZone = values["timeZone"]!
        draft.website = website.isEmpty ? nil : website
        let record = draft
        // The kernel audits the change (organization.created, or organization.updated with the fields changed).
        // The methodology paragraph changes only when it did (audited by the kernel too).
        let saved = try await web.workspace.write(as: web.actor(context)) { transaction in
            let saved = try transaction.save(record)
            try transaction.setDefaultLanguage(language, for: saved.id!)
            if methodology != (try ReportSettings.methodology(of: saved.id!, in: transaction.db) ?? "") {
                try transaction.recordMethodology(methodology.isEmpty ? nil : methodology, for: saved.id!)
            }
            return saved
        }
        return web.redirect(to: "/manage/orgs/\(saved.id!.rawValue)/edit?saved=1")
    }

    private func page(
        network: Organization?, organization: Organization?, values: [String: String], errors: [String: String],
        refusal: String? = nil, _ request: Request, _ context: IndabaRequestContext,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        let t = web.localizer(request, context)
        let fields = [
            FormField("name", label: t("Name"), value: values["name"] ?? "", error: errors["name"]),
            FormField(
                "slug", label: t("Short name"), value: values["slug"] ?? "", error: errors["slug"],
                hint: organization == nil
                    ? t(
                        "Used in addresses and files; use 1-63 lowercase letters, digits and single hyphens, such as "
                            + "inclusive-spaces. It cannot be changed later.")
                    : t("Used in addresses and files; it cannot be changed."), readOnly: organization != nil),
            FormField(
                "country", label: t("Country"), value: values["country"] ?? "", error: errors["country"],
                hint: t("Two-letter ISO code, such as KE, NG or ZA.")),
            FormField(
                "timeZone", label: t("Time zone"), value: values["timeZone"] ?? "", error: errors["timeZone"],
                hint: t("The IANA zone it works in, such as Africa/Nairobi; its new series start in it.")),
            FormField(
                "website", label: t("Website"), value: values["website"] ?? "", error: errors["website"],
                optional: true),
            FormField(
                "language", label: t("Language"),
                kind: .select(
                    // Translators: an organization chose no default language (its pages then follow each browser).
                    [FormField.Option(value: "", label: t("None"), selected: (values["language"] ?? "").isEmpty)]
                        + Language.shipped.map { language in
                            FormField.Option(
                                value: language.code, label: language.nativeName,
                                selected: values["language"] == language.code)
                        }), value: values["language"] ?? "", error: errors["language"],
                hint: t(
                    "Its public pages use it when a visitor's browser asks for none of Indaba's languages, and so do "
                        + "e-mails and certificates of people who chose none; its calendar feeds and series reports "
                        + "are written in it. None: English."), optional: true),
            FormField(
                "methodology", label: t("Methodology paragraph for series reports"), kind: .textarea(rows: 6),
                value: values["methodology"] ?? "", error: errors["methodology"],
                hint: t(
                    "How the organization runs and measures its series; every series report carries it after the "
                        + "overview. Plain text, paragraphs separated by an empty line."), optional: true),
        ]
        let saved = request.uri.queryParameters["saved"] != nil && status == .ok
        let heading =
            organization.map { t("Edit {title}", ["title": $0.name]) }
            ?? t("New member of {network}", ["network": network!.name])
        let model = FormPageModel(
            crumbs: [("/workspace", t("Workspace"))], heading: heading, notice: saved ? t("Saved.") : nil,
            formError: refusal,
            action: organization.map { "/manage/orgs/\($0.id!.rawValue)/edit" }
                ?? "/workspace/orgs/\(network!.id!.rawValue)/members/new",
            fields: fields, submit: organization == nil ? t("Add the organization") : t("Save"),
            after: organization.map { organization in
                let link: HTML = """
                    <p><a href="/manage/orgs/\(organization.id!.rawValue)/logo">\(t("The logo series reports carry"))</a></p>
                    """
                return link.markup
            })
        return web.formPage(model, title: heading, request: request, context: context, status: status)
    }
}
