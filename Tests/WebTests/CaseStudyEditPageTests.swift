import Foundation
import GRDB
import HTTPTypes
import Kernel
import KernelTesting
import ServerTesting
import Testing

@testable import CaseStudies

/// The case-study plugin's staff page for one study: edit its Markdown file, link it to sessions.
@Suite struct CaseStudyEditPageTests {
    static func file(title: String, slug: String = "rota") -> String {
        """
        ---
        slug: \(slug)
        title: "\(title)"
        summary: "A published rota."
        organization: testnet
        origin: network
        country: ZW
        sector: media
        topics:
          - retention
        outcomes: []
        links: []
        licence: "CC-BY-4.0"
        consent: notNeeded
        visibility: network
        presentedAt: []
        ---
        Body text.

        """
    }

    @Test("a study's page saves a corrected file as a new version; a broken one is refused by line, nothing saved")
    func editAndLink() async throws {
        let web = try await WebFixture()
        try await web.enable("case-studies")
        let cookie = try await web.signIn()
        try await web.importStudy(Self.file(title: "Night-shift rota"))
        let id = try await web.count("SELECT id FROM caseStudies_study WHERE slug = 'rota'")
        let path = "/orgs/\(web.network)/case-studies/studies/\(id)"
        let library = try await web.client.request(
            .get, "/orgs/\(web.network)/case-studies/library", headers: ["Cookie": cookie])
        #expect(library.text.contains("href=\"studies/\(id)\""))
        let page = try await web.open(path, cookie: cookie)
        #expect(page.reply.status == 200)
        #expect(page.reply.text.contains("Night-shift rota"))
        let token = page.token(for: path)

        let forged = try await web.post(
            path, [("form", "forged"), ("document", Self.file(title: "X"))], cookie: cookie)
        #expect(forged.status == 403)
        let broken = try await web.post(
            path,
            [
                ("form", token),
                (
                    "document",
                    Self.file(title: "Rota").replacingOccurrences(of: "country: ZW", with: "country: Zimbabwe")
                ),
            ],
            cookie: page.cookie)
        #expect(broken.status == 422)
        #expect(broken.text.contains("Line 7, country: &#39;Zimbabwe&#39; is not an ISO 3166-1 alpha-2 country code"))
        #expect(broken.text.contains("aria-invalid=\"true\""))
        #expect(try await web.count("SELECT version FROM caseStudies_study WHERE slug = 'rota'") == 1)

        let saved = try await web.post(
            path, [("form", token), ("document", Self.file(title: "Night-shift rota, revised"))],
            cookie: page.cookie)
        #expect(saved.status == 303)
        #expect(try await web.count("SELECT version FROM caseStudies_study WHERE slug = 'rota'") == 2)
        let renamed = try await web.post(
            path, [("form", token), ("document", Self.file(title: "Other", slug: "other"))], cookie: page.cookie)
        #expect(renamed.status == 422)
        #expect(renamed.text.contains("Line 2, slug: the slug must stay &#39;rota&#39;."))

        let session = try await web.count("SELECT id FROM session ORDER BY startsAt LIMIT 1")
        let linked = try await web.post(
            path + "/link", [("form", page.token), ("session", "\(session)"), ("action", "link")], cookie: page.cookie)
        #expect(linked.status == 303)
        #expect(try await web.count("SELECT count(*) FROM caseStudies_presentation") == 1)
        let missing = try await web.post(
            path + "/link", [("form", page.token), ("session", ""), ("action", "link")], cookie: page.cookie)
        #expect(missing.status == 422)
        let unlinked = try await web.post(
            path + "/link", [("form", page.token), ("session", "\(session)"), ("action", "unlink")], cookie: page.cookie
        )
        #expect(unlinked.status == 303)
        #expect(try await web.count("SELECT count(*) FROM caseStudies_presentation") == 0)
        #expect(try await web.client.request(.get, path).status == 401)
    }

    /// A member's study, presented in the sessions `presentedAt` names.
    static func memberFile(presentedAt: [String]) -> String {
        file(title: "Member rota", slug: "member-rota")
            .replacingOccurrences(of: "organization: testnet\n", with: "organization: testnet/lagos-member\n")
            .replacingOccurrences(
                of: "presentedAt: []", with: "presentedAt:" + presentedAt.map { "\n  - \($0)" }.joined())
    }

    /// The picker, the link form and PUT refuse another member's draft or cancelled series.
    @Test("a member links studies only to its own or public sessions; a hidden session answers like a missing one")
    func linkingStopsAtVisibleSessions() async throws {
        let web = try await WebFixture()
        let member = try await web.member()
        try await web.enable("case-studies")
        try await web.enable("case-studies", for: member)
        try await web.importStudy(Self.memberFile(presentedAt: []), writable: member)
        let study = try await web.count("SELECT id FROM caseStudies_study WHERE slug = 'member-rota'")
        let session = try await web.count("SELECT id FROM session WHERE slug = 'intro'")
        let cookie = try await web.signIn(role: .organizationAdmin, organization: member)
        let path = "/orgs/\(member)/case-studies/studies/\(study)"
        let token = try await web.harness.workspace.write(as: AuditActor("test")) { transaction in
            try transaction.createToken(role: .organizationAdmin, organization: Organization.ID(member)).secret
        }
        let put = "/api/v1/orgs/\(member)/case-studies/studies/member-rota"
        for status in ["draft", "cancelled"] {
            try await web.harness.workspace.write(as: AuditActor("test")) { transaction in
                try transaction.db.execute(sql: "UPDATE webinarSeries SET status = ?", arguments: [status])
            }
            let page = try await web.open(path, cookie: cookie)
            #expect(page.reply.status == 200)
            #expect(page.reply.text.contains("Link to a session"), "\(status)")
            #expect(!page.reply.text.contains("Series One"), "\(status)")
            let linked = try await web.post(
                path + "/link", [("form", page.token), ("session", "\(session)"), ("action", "link")],
                cookie: page.cookie)
            let unknown = try await web.post(
                path + "/link", [("form", page.token), ("session", "999999"), ("action", "link")],
                cookie: page.cookie)
            #expect(linked.status == 422 && unknown.status == 422, "\(status)")
            let tokens = /name="form" value="[^"]*"/
            #expect(linked.text.replacing(tokens, with: "") == unknown.text.replacing(tokens, with: ""), "\(status)")
            let hidden = try await web.client.request(
                .put, put, token: token, headers: ["If-Match": "*"],
                json: Self.memberFile(presentedAt: ["testnet/webinars/series-one/intro"]))
            let missing = try await web.client.request(
                .put, put, token: token, headers: ["If-Match": "*"],
                json: Self.memberFile(presentedAt: ["testnet/webinars/series-one/nowhere"]))
            #expect(hidden.status == 422 && missing.status == 422, "\(status)")
            #expect(hidden.text.replacingOccurrences(of: "/intro", with: "/nowhere") == missing.text, "\(status)")
            #expect(try await web.count("SELECT count(*) FROM caseStudies_presentation") == 0, "\(status)")
        }
        // Another organization's public series is the network's shared programme: its sessions may be linked.
        try await web.harness.workspace.write(as: AuditActor("test")) { transaction in
            try transaction.db.execute(sql: "UPDATE webinarSeries SET status = 'published'")
        }
        let page = try await web.open(path, cookie: cookie)
        #expect(page.reply.text.contains("Series One · 1. Introduction"))
        let linked = try await web.post(
            path + "/link", [("form", page.token), ("session", "\(session)"), ("action", "link")], cookie: page.cookie)
        #expect(linked.status == 303)
        #expect(try await web.count("SELECT count(*) FROM caseStudies_presentation") == 1)
    }
}

extension CaseStudyEditPageTests {
    @Test("a study lists only the sessions its reader may see: a linked series back in draft leaves the public view")
    func presentedInFollowsVisibility() async throws {
        let web = try await WebFixture()
        try await web.enable("case-studies")
        try await web.importStudy(
            Self.file(title: "Public rota").replacingOccurrences(of: "visibility: network", with: "visibility: public")
                .replacingOccurrences(
                    of: "presentedAt: []", with: "presentedAt:\n  - testnet/webinars/series-one/intro")
        )
        let path = "/public/orgs/\(web.network)/case-studies/studies/rota"
        let shown = try await web.client.get(path)
        #expect(shown.status == 200 && shown.text.contains("\"title\":\"Introduction\""))
        try await web.harness.workspace.write(as: AuditActor("test")) { transaction in
            try transaction.db.execute(sql: "UPDATE webinarSeries SET status = 'draft'")
        }
        let hidden = try await web.client.get(path)
        #expect(hidden.status == 200)
        #expect(!hidden.text.contains("Introduction"))
        // The network's own administrators still see their draft's session; the stored link is kept.
        let cookie = try await web.signIn()
        let id = try await web.count("SELECT id FROM caseStudies_study WHERE slug = 'rota'")
        let page = try await web.client.request(
            .get, "/orgs/\(web.network)/case-studies/studies/\(id)", headers: ["Cookie": cookie])
        #expect(page.text.contains("Introduction</bdi> ("))
        #expect(try await web.count("SELECT count(*) FROM caseStudies_presentation") == 1)
    }
}

extension WebFixture {
    /// Imports one study file for the sample network, as `indaba case-studies import` would.
    func importStudy(_ text: String, writable: Int64? = nil) async throws {
        guard case let .success(located) = CaseStudyFile.read(text, file: "test.md") else {
            Issue.record("the test's study file does not read")
            return
        }
        let (network, writer) = (Organization.ID(self.network), Organization.ID(writable ?? self.network))
        try await harness.workspace.write(as: AuditActor("test")) { transaction in
            let scope = Scope(
                try Access.granted(
                    role: .organizationAdmin, organization: writer, person: nil, principal: "test", in: transaction.db))
            _ = try LibraryImport.save(
                [located], as: scope, network: network, actor: AuditActor("test"), now: transaction.now,
                in: transaction.db)
        }
    }
}
