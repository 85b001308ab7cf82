import Foundation
import GRDB
import HTTPTypes
import Kernel
import KernelTesting
import ServerTesting
import Testing

@testable import CaseStudies

/// The staff form to write a case study: fields instead of a YAML file, a preview, problems by field, audited saves.
@Suite struct CaseStudyFormTests {
    /// The fields of a good study, as a browser sends them.
    static func fields(title: String = "Open studio days", country: String = "TZ") -> [(String, String)] {
        [
            ("slug", "open-studio"), ("title", title), ("summary", "Women producers on the morning show."),
            ("organization", "testnet"), ("origin", "outside"), ("country", country), ("sector", "media"),
            ("topics", "recruitment, cultural-barriers"), ("rows", "3"),
            ("outcome-1-description", "Women among volunteer producers"), ("outcome-1-figure", "from 22% to 47%"),
            ("outcome-2-description", ""), ("outcome-2-figure", ""),
            ("link-1-title", "Checklist"), ("link-1-url", "https://radio.example.org/checklist"),
            ("licence", "CC-BY-4.0"), ("consent", "granted"), ("visibility", "public"),
            ("body", "## The problem\r\n\r\nFew women applied to be **producers**.\r\n"),
        ]
    }

    @Test("preview renders the study from the form and saves nothing; problems come back by field, nothing saved")
    func previewAndProblems() async throws {
        let web = try await WebFixture()
        try await web.enable("case-studies")
        let cookie = try await web.signIn()
        let path = "/orgs/\(web.network)/case-studies/new-study"
        let page = try await web.open(path, cookie: cookie)
        #expect(page.reply.status == 200)
        #expect(page.reply.text.contains("<label for=\"title\">Title</label>"))
        #expect(!page.reply.text.contains("YAML"))
        let token = page.token(for: path)
        let preview = try await web.post(
            path, [("form", token), ("intent", "preview")] + Self.fields(), cookie: page.cookie)
        #expect(preview.status == 200)
        #expect(preview.text.contains("Preview (not saved yet)"))
        #expect(preview.text.contains("<h4>The problem</h4>") && preview.text.contains("<strong>producers</strong>"))
        #expect(preview.text.contains("value=\"Open studio days\""))
        #expect(try await web.count("SELECT count(*) FROM caseStudies_study") == 0)

        var broken = Self.fields(country: "Tanzania")
        broken.removeAll { $0.0 == "link-1-url" }
        broken.append(("link-1-url", "javascript:alert(1)"))
        let refused = try await web.post(path, [("form", token), ("intent", "save")] + broken, cookie: page.cookie)
        #expect(refused.status == 422)
        #expect(
            refused.text.contains("id=\"country-error\">This field &#39;TANZANIA&#39; is not an ISO 3166-1 alpha-2"))
        #expect(
            refused.text.contains(
                "name=\"country\" value=\"TANZANIA\" size=\"4\" aria-describedby=\"country-hint country-error\" aria-invalid=\"true\""
            ))
        #expect(
            refused.text.contains("id=\"link-1-url-error\">This field &#39;javascript:alert(1)&#39; is not an absolute")
        )
        #expect(refused.text.contains("value=\"javascript:alert(1)\""))
        #expect(try await web.count("SELECT count(*) FROM caseStudies_study") == 0)
        let blank = try await web.post(
            path, [("form", token), ("intent", "save")] + Self.fields().filter { $0.0 != "title" },
            cookie: page.cookie)
        #expect(blank.status == 422 && blank.text.contains("id=\"title-error\">Fill in this field."))
        // In French the library's own problem reads in French.
        let french = try await web.post(
            path, [("form", token), ("intent", "save")] + Self.fields().filter { $0.0 != "title" },
            cookie: page.cookie, headers: ["Accept-Language": "fr"])
        #expect(french.status == 422 && french.text.contains("id=\"title-error\">Remplissez ce champ."))
    }

    @Test("saving creates a study and edits it as new versions, each audited with its actor; stale forms are refused")
    func createAndEdit() async throws {
        let web = try await WebFixture()
        try await web.enable("case-studies")
        let cookie = try await web.signIn()
        let path = "/orgs/\(web.network)/case-studies/new-study"
        let page = try await web.open(path, cookie: cookie)
        let created = try await web.post(
            path, [("form", page.token(for: path)), ("intent", "save")] + Self.fields(), cookie: page.cookie)
        #expect(created.status == 303)
        let id = try await web.count("SELECT id FROM caseStudies_study WHERE slug = 'open-studio'")
        #expect(created.headers[.location] == "/orgs/\(web.network)/case-studies/studies/\(id)?saved=1")
        #expect(try await web.count("SELECT count(*) FROM caseStudies_study WHERE country = 'TZ'") == 1)
        #expect(
            try await web.count(
                "SELECT count(*) FROM auditLog WHERE action = 'caseStudies.create' AND subject = 'caseStudy:\(id)' "
                    + "AND pluginId = 'case-studies' AND actor NOT LIKE '%unknown%'") == 1)
        let again = try await web.post(
            path, [("form", page.token(for: path)), ("intent", "save")] + Self.fields(), cookie: page.cookie)
        #expect(again.status == 422 && again.text.contains("id=\"slug-error\">&#39;open-studio&#39; is taken"))

        let edit = "/orgs/\(web.network)/case-studies/studies/\(id)/edit"
        let form = try await web.open(edit, cookie: cookie)
        #expect(form.reply.status == 200)
        #expect(form.reply.text.contains("value=\"from 22% to 47%\""))
        #expect(form.reply.text.contains("<option value=\"granted\" selected>"))
        let fields = Self.fields(title: "Open studio days, revised").filter { $0.0 != "slug" } + [("version", "1")]
        let saved = try await web.post(
            edit, [("form", form.token(for: edit)), ("intent", "save")] + fields, cookie: form.cookie)
        #expect(saved.status == 303)
        #expect(try await web.count("SELECT version FROM caseStudies_study WHERE id = \(id)") == 2)
        #expect(try await web.count("SELECT count(*) FROM auditLog WHERE action = 'caseStudies.update'") == 1)
        // The same form sent again was opened at version 1: it would undo the change, so it is refused.
        let stale = try await web.post(
            edit,
            [("form", form.token(for: edit)), ("intent", "save")]
                + Self.fields(title: "Older").filter { $0.0 != "slug" } + [("version", "1")], cookie: form.cookie)
        #expect(stale.status == 422 && stale.text.contains("The study changed since you opened this form"))
        #expect(try await web.count("SELECT version FROM caseStudies_study WHERE id = \(id)") == 2)
    }

    @Test("only administrators of the contributing organization edit a study; others get 403, hidden ones 404")
    func whoMayEdit() async throws {
        let web = try await WebFixture()
        let member = try await web.member()
        try await web.enable("case-studies")
        try await web.enable("case-studies", for: member)
        try await web.importStudy(CaseStudyPublicPageTests.file(visibility: "network"))
        try await web.importStudy(CaseStudyPublicPageTests.file(slug: "kept", visibility: "private"))
        let (shared, hidden) = (
            try await web.count("SELECT id FROM caseStudies_study WHERE slug = 'open-studio'"),
            try await web.count("SELECT id FROM caseStudies_study WHERE slug = 'kept'")
        )
        let cookie = try await web.signIn(role: .organizationAdmin, organization: member)
        let base = "/orgs/\(member)/case-studies/studies/"
        #expect(try await web.client.request(.get, base + "\(shared)/edit", headers: ["Cookie": cookie]).status == 403)
        #expect(try await web.client.request(.get, base + "\(hidden)/edit", headers: ["Cookie": cookie]).status == 404)
        #expect(try await web.client.request(.get, base + "999/edit", headers: ["Cookie": cookie]).status == 404)
    }
}
