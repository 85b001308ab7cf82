import Foundation
import GRDB
import Hummingbird
import Kernel
import PluginKit

/// The staff page of one study, `/orgs/{org}/case-studies/studies/{id}`: its Markdown file to edit (checked exactly as
/// `import` checks a file, problems shown by line next to the text, nothing saved), and the sessions it was presented
/// in, to link or unlink. Only administrators of the contributing organization may change a study; others read it.
struct StudyEditPage {
    let plugin: CaseStudiesPlugin

    func show(_ page: PageRequest) async throws -> PageResponse {
        let notice = page.query("saved") != nil ? page.localizer("Saved: the study is at a new version.") : ""
        return .page(try await content(page, text: nil, problems: [], notice: notice))
    }

    func save(_ page: PageRequest) async throws -> PageResponse {
        let (study, _, _) = try await load(page, requireWrite: true)
        let t = page.localizer
        let text = page.form["document"].replacingOccurrences(of: "\r\n", with: "\n")
        var problems: [String] = []
        switch CaseStudyFile.read(text, file: "study") {
        case let .failure(error):
            problems = error.issues.map { Self.issue($0.line, $0.fieldWorded(t), $0.message.worded(t), t) }
        case let .success(located) where located.file.slug != study.slug:
            problems = [
                Self.issue(
                    located.slugLine, "slug", t("the slug must stay '{slug}'.", ["slug": study.slug]), t)
            ]
        case let .success(located):
            let scope = page.context.scope
            let organization = page.organization.id!
            let expected = (study.id!, study.version)
            do {
                try await plugin.context.write(as: page.actor) { transaction in
                    try StudyFormPage.save(
                        located, expected: expected, scope: scope, organization: organization, in: transaction)
                }
            } catch let error as LibraryImportError {
                problems = error.issues.map { Self.issue($0.line, $0.fieldWorded(t), $0.message.worded(t), t) }
            } catch let StudyFormPage.FormRefusal.form(message) {
                problems = [message]
            }
        }
        guard problems.isEmpty else {
            return .page(
                try await content(page, text: text, problems: problems, notice: ""), status: .unprocessableContent)
        }
        return .redirect("studies/\(study.id!.rawValue)?saved=1")
    }

    func link(_ page: PageRequest) async throws -> PageResponse {
        let (study, sessions, _) = try await load(page, requireWrite: true)
        guard let sessionId = Int64(page.form["session"]) else {
            return .page(
                try await content(
                    page, text: nil, problems: [], notice: "", linkError: page.localizer("Choose a session.")),
                status: .unprocessableContent)
        }
        let remove = page.form["action"] == "unlink"
        let organization = page.organization.id!
        let (actor, scope) = (page.actor, page.context.scope)
        let linked = try await plugin.context.write(as: actor) { transaction -> Bool in
            let (db, now) = (transaction.db, transaction.now)
            let network = try LibraryReader.network(of: organization, in: db)
            // A linked session may always be unlinked; a new link only to a session the user may link.
            let current = sessions.first { $0.id == Session.ID(sessionId) }
            guard
                let session = try remove && current != nil
                    ? current : LibraryImport.linkable(Session.ID(sessionId), scope: scope, network: network, in: db)
            else { return false }
            var kept = sessions.filter { $0.id != session.id }
            if !remove { kept = (kept + [session]).sorted { ($0.startsAt, $0.id!) < ($1.startsAt, $1.id!) } }
            let file = try CaseStudyLibrary.file(of: study, sessions: kept, in: db)
            let (_, change) = try CaseStudyLibrary.save(
                study, sessions: kept.map { $0.id! }, document: file.text, actor: actor, now: now, in: db)
            if change != .unchanged {
                try transaction.audit(
                    remove ? "caseStudies.unlink" : "caseStudies.link", organization: study.organizationId,
                    subject: AuditSubject(kind: "caseStudy", id: study.id!.rawValue), plugin: CaseStudiesPlugin.id,
                    detail: ["session": .integer(session.id!.rawValue), "version": .integer(Int64(study.version + 1))])
            }
            return true
        }
        guard linked else {
            return .page(
                try await content(
                    page, text: nil, problems: [], notice: "",
                    linkError: page.localizer(
                        "Choose a session from the list: your organization's or a published one of this network.")),
                status: .unprocessableContent)
        }
        return .redirect("studies/\(study.id!.rawValue)?saved=1")
    }

    /// The study named in the path, if the user may see it (404 otherwise, like an unknown study), its sessions,
    /// and whether the user may change it.
    private func load(_ page: PageRequest, requireWrite: Bool) async throws -> (CaseStudy, [Session], Bool) {
        let reference = try page.context.parameters.require("study")
        let (organization, access) = (page.organization.id!, page.context.access)
        let (study, sessions) = try await plugin.context.store.read { db in
            let network = try LibraryReader.network(of: organization, in: db)
            let reader = LibraryReader.of(access)
            let study: CaseStudy
            do {
                study = try CaseStudyLibrary.visibleStudy(reference, network: network, reader: reader, in: db)
            } catch is CaseStudyError {
                throw HTTPError(.notFound)
            }
            return (study, try CaseStudyLibrary.sessions(of: study.id!, in: db))
        }
        let writable = access.administered.contains(study.organizationId)
        if requireWrite, !writable {
            throw AccessError.forbidden("Only administrators of the contributing organization may change this study.")
        }
        return (study, sessions, writable)
    }

    private func content(
        _ page: PageRequest, text: String?, problems: [String], notice: String, linkError: String? = nil
    ) async throws -> PageContent {
        let (study, linked, writable) = try await load(page, requireWrite: false)
        let (organization, scope) = (page.organization.id!, page.context.scope)
        let (document, choices, sessions) = try await plugin.context.store.read {
            db -> (String, [(Int64, String)], [Session]) in
            let network = try LibraryReader.network(of: organization, in: db)
            // The sessions the user may link (the same rule as linking), still scheduled, in time order.
            let sessions = try scope.sessions(inNetwork: network).scheduled().inTimeOrder().fetchAll(db)
            let titles = try scope.series().filter(keys: Set(sessions.map(\.seriesId).map(\.rawValue))).fetchAll(db)
                .reduce(into: [WebinarSeries.ID: String]()) { $0[$1.id!] = $1.title }
            let choices = sessions.map { session in
                (session.id!.rawValue, "\(titles[session.seriesId] ?? "") · \(session.position). \(session.title)")
            }
            // The sessions it was presented in that the user may see (a linked series can go back to draft).
            return (try CaseStudyLibrary.file(of: study, in: db).text, choices, try scope.visible(linked, in: db))
        }
        let base = page.basePath
        let t = page.localizer
        let presented: [HTML] = sessions.map { session in
            let remove: HTML =
                writable
                ? """
                 <form method="post" action="\(base)studies/\(study.id!.rawValue)/link" class="inline">\(page.formField(for: "\(base)studies/\(study.id!.rawValue)/link"))\
                <input type="hidden" name="session" value="\(session.id!.rawValue)">\
                <input type="hidden" name="action" value="unlink"><button type="submit">\(t("Unlink"))</button></form>
                """ : ""
            return "<li><bdi>\(session.title)</bdi> (\(Self.day(session.startsAt, t)))\(remove)</li>"
        }
        let status: HTML = notice.isEmpty ? "" : "<p class=\"notice\" role=\"status\">\(notice)</p>"
        let errorList: HTML =
            problems.isEmpty
            ? ""
            : "<ul class=\"error\" id=\"document-error\" role=\"alert\">\(problems.map { "<li>\($0)</li>" as HTML })</ul>"
        let invalid: HTML = problems.isEmpty ? "" : " aria-invalid=\"true\" aria-describedby=\"document-error\""
        // The form is the way to edit; the whole file stays at hand for those who keep the library in git.
        let open: HTML = problems.isEmpty ? "" : " open"
        let editor: HTML =
            writable
            ? """
            <h2>\(t("Edit"))</h2>
            <p><a class="button" href="\(base)studies/\(study.id!.rawValue)/edit">\(t("Edit this study"))</a></p>
            <details\(open)><summary>\(t("Or edit its Markdown file"))</summary>
            <form method="post" action="\(base)studies/\(study.id!.rawValue)">\(page.formField(for: "\(base)studies/\(study.id!.rawValue)"))
            <label for="document">\(t.markup("The study as Markdown with YAML front matter (as <code>indaba case-studies export</code> writes it)"))</label>
            \(errorList)
            <textarea id="document" name="document" rows="24"\(invalid)>\(text ?? document)</textarea>
            <button type="submit">\(t("Save a new version"))</button>
            </form>
            </details>
            """
            : "<p>\(t("Only administrators of the contributing organization may change this study."))</p>"
        let publicLink: HTML =
            study.isPubliclyShown
            ? "<p><a href=\"/pages/orgs/\(page.organization.id!.rawValue)/case-studies/studies/\(study.slug)\">\(t("Its public page"))</a></p>"
            : "<p class=\"meta\">\(t("Not public: only the network reads it (see who may read it and consent)."))</p>"
        let linkMessage: HTML =
            linkError.map { "<p class=\"error\" id=\"session-error\" role=\"alert\">\($0)</p>" } ?? ""
        let linkInvalid: HTML = linkError == nil ? "" : " aria-invalid=\"true\" aria-describedby=\"session-error\""
        let options: [HTML] = choices.map { "<option value=\"\($0.0)\">\($0.1)</option>" }
        let linker: HTML =
            writable
            ? """
            <form method="post" action="\(base)studies/\(study.id!.rawValue)/link">\(page.formField(for: "\(base)studies/\(study.id!.rawValue)/link"))
            <label for="session">\(t("Link to a session"))</label>\(linkMessage)
            <select id="session" name="session"\(linkInvalid)><option value="">\(t("Choose a session"))</option>\(options)</select>
            <input type="hidden" name="action" value="link">
            <button type="submit">\(t("Link the session"))</button>
            </form>
            """ : ""
        let sessionList: HTML =
            presented.isEmpty ? "<p>\(t("Not linked to any session yet."))</p>" : "<ul>\(presented)</ul>"
        let body: HTML = """
            <p><a href="\(base)library">\(t("Back to the library"))</a></p>
            \(status)
            <p class="meta">\(study.country) · \(study.sector) · \(study.visibility.label(t)) · \
            \(t("version {number}", ["number": t.number(study.version)]))</p>
            <p>\(study.summary)</p>
            \(publicLink)
            <h2>\(t("Presented in"))</h2>
            \(sessionList)
            \(linker)
            \(editor)
            """
        return PageContent(title: study.title, body: body)
    }

    /// A session's day, in the reader's language (in UTC: the library spans the network's zones).
    static func day(_ date: Date, _ t: Localizer) -> String {
        t.dateFormatter("yMMMd", in: .gmt).string(from: date)
    }

    /// A problem of the study's file, by line and field (the message itself is the importer's, in English).
    static func issue(_ line: Int, _ field: String, _ message: String, _ t: Localizer) -> String {
        t("Line {line}, {field}: {message}", ["line": t.number(line), "field": field, "message": message])
    }
}
