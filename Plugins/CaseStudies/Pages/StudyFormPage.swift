import Foundation
import GRDB
import Hummingbird
import Kernel
import PluginKit

/// The staff form to write a study: `/orgs/{org}/case-studies/new-study` to create one, and
/// `/orgs/{org}/case-studies/studies/{id}/edit` to change one (administrators of its contributing organization only).
///
/// A field per part of the study, the body as Markdown. **Preview** shows the study as its public page will read, the
/// body rendered by the same renderer, without saving (a plain button: the form works without JavaScript). **Save**
/// turns the form into the study's Markdown file and checks it exactly as `import` does; every problem comes back
/// next to its field (422, nothing saved). A saved change is a new version and an entry of the audit log
/// (`caseStudies.create` or `caseStudies.update`, with the study's id and version).
struct StudyFormPage {
    let plugin: CaseStudiesPlugin

    /// A study being written: new, or an existing one at a version.
    private struct Target: Sendable {
        var study: CaseStudy?
        var action: String
        var organizations: [(path: String, name: String)]
    }

    func new(_ page: PageRequest) async throws -> PageResponse {
        let target = try await target(page, study: nil)
        var form = StudyForm()
        form.organization = target.organizations.first?.path ?? ""
        return .page(render(page, target, form: form, errors: [:], formError: nil, preview: false))
    }

    func edit(_ page: PageRequest) async throws -> PageResponse {
        let study = try await writableStudy(page)
        let target = try await target(page, study: study)
        let file = try await plugin.context.store.read { db in try CaseStudyLibrary.file(of: study, in: db) }
        return .page(render(page, target, form: StudyForm(file), errors: [:], formError: nil, preview: false))
    }

    func saveNew(_ page: PageRequest) async throws -> PageResponse {
        try await submit(page, target: try await target(page, study: nil))
    }

    func saveEdit(_ page: PageRequest) async throws -> PageResponse {
        let study = try await writableStudy(page)
        return try await submit(page, target: try await target(page, study: study))
    }

    private func submit(_ page: PageRequest, target: Target) async throws -> PageResponse {
        var form = StudyForm(page.form)
        if let study = target.study {
            // The slug names the study's file and its address: it stays; the links to sessions are the page's.
            form.slug = study.slug
            let file = try await plugin.context.store.read { db in
                try CaseStudyLibrary.file(of: study, in: db)
            }
            form.presentedAt = file.presentedAt
        }
        let t = page.localizer
        var (errors, formError) = check(form, t)
        if page.form["intent"] == "preview" || !errors.isEmpty || formError != nil {
            let status: HTTPResponse.Status = errors.isEmpty && formError == nil ? .ok : .unprocessableContent
            return .page(
                render(page, target, form: form, errors: errors, formError: formError, preview: true), status: status)
        }
        guard case let .success(located) = CaseStudyFile.read(form.text, file: "form") else {
            preconditionFailure("checked above")
        }
        let (scope, organization, actor) = (page.context.scope, page.organization.id!, page.actor)
        // The version the form was opened at: a change saved since then is not overwritten.
        let expected = target.study.map { ($0.id!, Int(page.form["version"]) ?? $0.version) }
        do {
            let saved = try await plugin.context.write(as: actor) { transaction in
                try Self.save(located, expected: expected, scope: scope, organization: organization, in: transaction)
            }
            return .redirect("studies/\(saved.rawValue)?saved=1")
        } catch let error as LibraryImportError {
            for issue in error.issues {
                if let field = StudyForm.field(of: issue) {
                    errors[field, default: []].append(StudyForm.sentence(issue.message, t))
                }
            }
            formError = errors.isEmpty ? error.issues.map { $0.message.worded(t) }.joined(separator: " ") : nil
        } catch let refusal as FormRefusal {
            switch refusal {
            case let .field(name, message): errors[name] = [message]
            case let .form(message): formError = message
            }
        }
        return .page(
            render(page, target, form: form, errors: errors, formError: formError, preview: false),
            status: .unprocessableContent)
    }

    enum FormRefusal: Error {
        case field(String, String)
        case form(String)
    }

    /// Saves the checked file in one transaction with its audit entry; refuses a slug in use (for a new study, whoever
    /// may see the other) and a study changed since the form was opened.
    static func save(
        _ located: CaseStudyFile.Located, expected: (CaseStudy.ID, Int)?, scope: Scope, organization: Organization.ID,
        in transaction: WriteTransaction
    ) throws -> CaseStudy.ID {
        let db = transaction.db
        let network = try LibraryReader.network(of: organization, in: db)
        let existing = try CaseStudyLibrary.study(slug: located.file.slug, network: network, in: db)
        switch (expected, existing) {
        case (nil, .some):
            throw FormRefusal.field("slug", "'\(located.file.slug)' is taken in this network's library; choose another")
        case let (.some(expected), existing) where existing?.id != expected.0 || existing?.version != expected.1:
            throw FormRefusal.form(
                "The study changed since you opened this form (it is now at version \(existing?.version ?? 0)). "
                    + "Open it again and redo your changes.")
        default: break
        }
        let summary = try LibraryImport.save(
            [located], as: scope, network: network, actor: transaction.actor, now: transaction.now, in: db)
        let saved = try CaseStudyLibrary.study(slug: located.file.slug, network: network, in: db)!
        if summary.unchanged == 0 {
            try transaction.audit(
                summary.created == 1 ? "caseStudies.create" : "caseStudies.update", organization: saved.organizationId,
                subject: AuditSubject(kind: "caseStudy", id: saved.id!.rawValue), plugin: CaseStudiesPlugin.id,
                detail: ["version": .integer(Int64(saved.version))])
        }
        return saved.id!
    }

    /// Every problem of the form, by field, as `import` would find them in the file; problems of no one field (a
    /// session reference) go to the form.
    private func check(_ form: StudyForm, _ t: Localizer) -> ([String: [String]], String?) {
        guard case let .failure(error) = CaseStudyFile.read(form.text, file: "form") else { return ([:], nil) }
        var errors: [String: [String]] = [:]
        var general: [String] = []
        for issue in error.issues {
            if let field = StudyForm.field(of: issue) {
                errors[field, default: []].append(StudyForm.sentence(issue.message, t))
            } else {
                general.append("\(issue.fieldWorded(t)): \(issue.message.worded(t))")
            }
        }
        return (errors, general.isEmpty ? nil : general.joined(separator: " "))
    }

    /// The study named in the path, if the user may see it (404 otherwise) and administers its organization (403).
    private func writableStudy(_ page: PageRequest) async throws -> CaseStudy {
        let reference = try page.context.parameters.require("study")
        let (organization, access) = (page.organization.id!, page.context.access)
        let study = try await plugin.context.store.read { db in
            let network = try LibraryReader.network(of: organization, in: db)
            do {
                return try CaseStudyLibrary.visibleStudy(
                    reference, network: network, reader: LibraryReader.of(access), in: db)
            } catch is CaseStudyError {
                throw HTTPError(.notFound)
            }
        }
        guard access.administered.contains(study.organizationId) else {
            throw AccessError.forbidden("Only administrators of the contributing organization may change this study.")
        }
        return study
    }

    /// The organizations of the network the user may write studies for, by name.
    private func target(_ page: PageRequest, study: CaseStudy?) async throws -> Target {
        let (organization, administered) = (page.organization.id!, page.context.access.administered)
        let organizations = try await plugin.context.store.read { db in
            let network = try LibraryReader.network(of: organization, in: db)
            return try administered.compactMap { try OrganizationTree.organization($0, in: db) }
                .filter { try LibraryReader.network(of: $0.id!, in: db) == network }
                .map { (path: try Lookup.path(of: $0, in: db), name: $0.name) }
                .sorted { $0.name < $1.name }
        }
        guard !organizations.isEmpty else {
            throw AccessError.forbidden("Only administrators of an organization of this network may write studies.")
        }
        let action = study.map { "\(page.basePath)studies/\($0.id!.rawValue)/edit" } ?? "\(page.basePath)new-study"
        return Target(study: study, action: action, organizations: organizations)
    }

    private func render(
        _ page: PageRequest, _ target: Target, form: StudyForm, errors: [String: [String]], formError: String?,
        preview: Bool
    ) -> PageContent {
        let t = page.localizer
        let fields = StudyFormFields(form: form, errors: errors, t: t)
        let opened = target.study.map { Int(page.form["version"]) ?? $0.version }
        let version: HTML = opened.map { "<input type=\"hidden\" name=\"version\" value=\"\($0)\">" } ?? ""
        let alert: HTML =
            formError.map { "<p class=\"error alert\" role=\"alert\">\($0)</p>" }
            ?? (errors.isEmpty
                ? ""
                : "<p class=\"error alert\" role=\"alert\">\(t("Nothing was saved: please correct the fields marked below."))</p>")
        let previewSection: HTML = preview && errors.isEmpty && formError == nil ? StudyPreview.html(form, t) : ""
        let organizations = target.organizations.map { (value: $0.path, label: t.isolated($0.name)) }
        let slugField: HTML =
            target.study == nil
            ? fields.text(
                "slug", label: t("Short name in addresses"),
                hint: t("Lowercase letters, digits and hyphens, such as open-studio-days. It cannot change later."))
            : """
            <p class="meta">\(t("Address name:")) <code>\(form.slug)</code> · \
            \(t("version {number}", ["number": t.number(opened ?? 1)]))</p>
            """
        let back: HTML =
            target.study.map {
                "<p><a href=\"\(page.basePath)studies/\($0.id!.rawValue)\">\(t("Back to the study"))</a></p>"
            }
            ?? "<p><a href=\"\(page.basePath)library\">\(t("Back to the library"))</a></p>"
        let body: HTML = """
            \(back)
            \(alert)
            \(previewSection)
            <form method="post" action="\(target.action)" novalidate>\(page.formField(for: target.action))
            <input type="hidden" name="rows" value="\(fields.rows)">\(version)
            \(slugField)
            \(fields.text("title", label: t("Title")))
            \(fields.area("summary", label: t("Summary"), hint: t("Two or three sentences shown in the library and search results."), rows: 3))
            \(fields.select("organization", label: t("Contributed by"), options: organizations))
            \(fields.select("origin", label: t("Origin"), options: fields.origins))
            \(fields.text("country", label: t("Country"), hint: t("Where the initiative took place: a two-letter code such as KE, NG or ZA."), size: 2))
            \(fields.text("sector", label: t("Sector"), hint: t("A short code such as tech or media.")))
            \(fields.text("topics", label: t("Topics"), hint: t("Codes separated by commas, such as recruitment, retention, workplace-culture.")))
            \(fields.outcomes)
            \(fields.area("body", label: t("The study"), hint: t("Markdown: ## for a heading, - for a list, **bold**, [a link](https://…). Preview shows it as readers will see it."), rows: 16))
            \(fields.links)
            \(fields.text("licence", label: t("Licence"), hint: t("Such as CC-BY-4.0.")))
            \(fields.select("consent", label: t("Consent of the people it names"), options: fields.consents))
            \(fields.select("visibility", label: t("Who may read it"), options: fields.visibilities))
            <div class="actions">
            <button type="submit" name="intent" value="preview" class="secondary">\(t("Preview"))</button>
            <button type="submit" name="intent" value="save">\(target.study == nil ? t("Create the study") : t("Save a new version"))</button>
            </div>
            </form>
            """
        return PageContent(
            title: target.study == nil ? t("New case study") : t("Edit: {title}", ["title": target.study!.title]),
            body: body)
    }
}
