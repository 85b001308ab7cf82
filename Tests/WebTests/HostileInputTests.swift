import Foundation
import HTTPTypes
import Kernel
import KernelTesting
import PluginKit
import ServerTesting
import Testing

/// Bodies an attacker would send get a 4xx, never a 500; names and e-mails with hostile characters are refused.
@Suite struct HostileInputTests {
    private func coordinator(_ web: WebFixture) async throws -> String {
        try await web.harness.workspace.write(as: AuditActor("test")) {
            try $0.createToken(role: .networkCoordinator, organization: Organization.ID(web.network)).secret
        }
    }

    /// `depth` nested arrays in an object.
    private func deep(_ depth: Int) -> String {
        "{\"reason\": " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}"
    }

    @Test("deeply nested JSON to the review queue and to certificate revocation is a 4xx, not a 500")
    func deepJSON() async throws {
        let web = try await WebFixture()
        try await web.enable("retention")
        try await web.enable("certificates", settings: CertificatePageTests.settings)
        let token = try await coordinator(web)
        let routes = [
            "/api/v1/orgs/\(web.network)/retention/attendance/unmatched/1",
            "/api/v1/orgs/\(web.network)/certificates/certificates/1/revoke",
        ]
        for route in routes {
            let huge = try await web.client.request(.post, route, token: token, json: deep(100_000))
            #expect(huge.status == 413, "\(route)")
            let small = try await web.client.request(.post, route, token: token, json: deep(1000))
            #expect(small.status == 400, "\(route)")
            #expect(small.text.contains("nested more than 16 levels"), "\(route)")
        }
    }

    @Test("a JSON object naming a field twice is refused, on kernel and plugin routes")
    func duplicateKeys() async throws {
        let web = try await WebFixture()
        try await web.enable("retention")
        let token = try await coordinator(web)
        let programme = try await web.client.request(
            .post, "/api/v1/programmes", token: token,
            json: #"{"organizationId": \#(web.network), "slug": "p", "title": "A", "title": "B"}"#)
        #expect(programme.status == 400)
        #expect(programme.text.contains("'title' twice"))
        let escaped = try await web.client.request(
            .post, "/api/v1/programmes", token: token,
            json: #"{"organizationId": \#(web.network), "slug": "p", "title": "A", "t\u0069tle": "B"}"#)
        #expect(escaped.status == 400)
        let nested = try await web.client.request(
            .put, "/api/v1/orgs/\(web.network)/retention/series/\(web.series)/targets/completion", token: token,
            json: #"{"minimumPercent": 10, "minimumPercent": 90}"#)
        #expect(nested.status == 400)
        // The same key in two different objects is fine.
        #expect(JSONBodyChecks.problem(#"{"a": {"b": 1}, "b": {"a": 2}}"#) == nil)
    }

    @Test("bodies over a route's limit get 413: an attendance export and a case study's file")
    func oversizedBodies() async throws {
        let web = try await WebFixture()
        try await web.enable("retention")
        try await web.enable("case-studies")
        let token = try await coordinator(web)
        let session = try await web.count("SELECT id FROM session WHERE slug = 'feedback'")
        let big = String(repeating: "x", count: 9 << 20)
        let export = try await web.client.request(
            .post, "/api/v1/orgs/\(web.network)/retention/attendance/import?session=\(session)", token: token,
            json: big, contentType: "text/csv")
        #expect(export.status == 413)
        let study = try await web.client.request(
            .put, "/api/v1/orgs/\(web.network)/case-studies/studies/big", token: token, json: big,
            contentType: "text/markdown")
        #expect(study.status == 413)
    }

    @Test("a logo that is not a PNG never reaches a certificate: refused when uploaded, downloads stay 200")
    func logoNotPNG() async throws {
        // Logos are uploads kept by Indaba (no setting names a server file any more), decoded when uploaded: a file
        // that is not a PNG is refused there, so no download can meet one.
        let web = try await WebFixture()
        try await web.enable("certificates", settings: CertificatePageTests.settings)
        let cookie = try await web.signIn()
        let path = "/orgs/\(web.network)/certificates/settings"
        let page = try await web.open(path, cookie: cookie)
        let refused = try await web.upload(
            path + "/logo", [("form", page.token(for: path + "/logo"))],
            files: [("logo", "logo.png", "\u{89}PNG\r\n\u{1A}\n but not really")], cookie: page.cookie)
        #expect(refused.status == 422)
        let token = try await coordinator(web)
        let root = "/api/v1/orgs/\(web.network)/certificates"
        #expect(try await web.client.request(.post, "\(root)/series/\(web.series)/issue", token: token).status == 201)
        let id = try await web.count("SELECT id FROM certificates_certificate")
        let pdf = try await web.client.request(.get, "\(root)/certificates/\(id)/certificate.pdf", token: token)
        #expect(pdf.status == 200)
    }

    @Test("names with control characters or bidi overrides and e-mails with invisible characters are refused")
    func hostileCharacters() async throws {
        let web = try await WebFixture()
        let token = try await coordinator(web)
        func create(_ name: String, _ email: String) async throws -> TestClient.Reply {
            let body = try JSONEncoder().encode([
                "organizationId": JSONValue.integer(web.network), "displayName": .string(name),
                "email": .string(email),
            ])
            return try await web.client.request(
                .post, "/api/v1/people", token: token, json: String(decoding: body, as: UTF8.self))
        }
        for name in ["Eve\u{1B}[2J", "Bell\u{07}", "Nul\u{0}", "Line\nbreak", "Ada \u{202E}nimda"] {
            let reply = try await create(name, "hostile@example.org")
            #expect(reply.status == 422, "\(name.debugDescription)")
            #expect(reply.problemFields == ["displayName"], "\(name.debugDescription)")
        }
        for email in ["a\u{200B}b@example.org", "ab\u{2060}@example.org", "\u{FEFF}ab@example.org", "a\u{202E}b@x.org"]
        {
            let reply = try await create("Ada", email)
            #expect(reply.status == 422, "\(email.debugDescription)")
            #expect(reply.problemFields == ["email"], "\(email.debugDescription)")
        }
        #expect(try await web.count("SELECT count(*) FROM person WHERE displayName = 'Ada'") == 0)
        // Names in any script, with joiners, stay welcome; both spellings of é are one name and one address.
        #expect(try await create("Zoë Nkosi-Mbeki", "zoe@example.org").status == 201)
        #expect(try await create("मनोज\u{200D}", "manoj@example.org").status == 201)
        let decomposed = try await create("Jose\u{301}", "jose\u{301}@example.org")
        #expect(decomposed.status == 201)
        #expect(decomposed.json["displayName"] as? String == "Jos\u{E9}")
        #expect(try await create("José", "jos\u{E9}@example.org").status == 409)
    }

    @Test("the public enrolment form refuses a name with terminal escapes and an e-mail with a zero-width space")
    func enrolmentForm() async throws {
        let web = try await WebFixture()
        let escape = try await web.enrol([("name", "\u{1B}]0;pwned\u{07}"), ("email", "e@example.org")])
        #expect(escape.status == 422)
        let invisible = try await web.enrol([("name", "Ada"), ("email", "a\u{200B}b@example.org")])
        #expect(invisible.status == 422)
        #expect(
            try await web.count("SELECT count(*) FROM person WHERE emailKey IN ('e@example.org', 'ab@example.org')")
                == 0)
    }
}

/// The shape checks of ``PluginKit/JSONBody`` on text.
enum JSONBodyChecks {
    static func problem(_ text: String) -> String? {
        JSONBody.structureProblem(of: Data(text.utf8))?.description
    }
}
