import Foundation
import HTTPTypes
import Kernel
import KernelTesting
import ServerTesting
import Testing

/// Every answer carries the security headers, set in one place; API answers to a token never go into a cache.
@Suite struct SecurityHeadersTests {
    static let everywhere = [
        "X-Frame-Options": "DENY", "X-Content-Type-Options": "nosniff", "Cross-Origin-Opener-Policy": "same-origin",
        "Cross-Origin-Resource-Policy": "same-origin", "Referrer-Policy": "same-origin",
    ]

    private func expectCommonHeaders(_ reply: TestClient.Reply, _ what: String) {
        for (name, value) in Self.everywhere { #expect(reply.header(name) == value, "\(what): \(name)") }
        #expect(reply.header("Content-Security-Policy")?.contains("frame-ancestors 'none'") == true, "\(what)")
        #expect(reply.header("Permissions-Policy")?.contains("camera=()") == true, "\(what)")
    }

    @Test("pages, API answers, problems, feeds and static files all carry the headers; HSTS under https")
    func everyAnswer() async throws {
        let web = try await WebFixture()
        let token = try await web.harness.workspace.write(as: AuditActor("test")) {
            try $0.createToken(role: .networkCoordinator, organization: Organization.ID(web.network)).secret
        }
        let answers = [
            ("page", try await web.client.get("/")),
            ("missing page", try await web.client.get("/nowhere")),
            ("API", try await web.client.get("/api/v1/series")),
            ("problem", try await web.client.get("/api/v1/people")),
            ("feed", try await web.client.get("/public/orgs/\(web.network)/feeds/network/calendar.ics")),
            ("style sheet", try await web.client.get("/static/indaba.css")),
            ("people", try await web.client.get("/api/v1/people", token: token)),
        ]
        for (what, reply) in answers {
            expectCommonHeaders(reply, what)
            #expect(reply.header("Strict-Transport-Security") == "max-age=31536000; includeSubDomains", "\(what)")
        }
        let plain = try await WebFixture(baseURL: "http://127.0.0.1:8080")
        let page = try await plain.client.get("/")
        expectCommonHeaders(page, "page over http")
        #expect(page.header("Strict-Transport-Security") == nil)
    }

    @Test("API answers with personal data are never stored: Cache-Control no-store whenever a token was sent")
    func noStoreWithToken() async throws {
        let web = try await WebFixture()
        let token = try await web.harness.workspace.write(as: AuditActor("test")) {
            try $0.createToken(role: .networkCoordinator, organization: Organization.ID(web.network)).secret
        }
        let person = try await web.count("SELECT min(id) FROM person")
        for path in ["/api/v1/people", "/api/v1/people/\(person)", "/api/v1/enrolments?seriesId=\(web.series)"] {
            let reply = try await web.client.get(path, token: token)
            #expect(reply.status == 200, "\(path)")
            #expect(reply.header("Cache-Control")?.contains("no-store") == true, "\(path)")
        }
    }

    @Test("the certificate verification page has its own strict CSP and cannot be framed")
    func verificationPage() async throws {
        let web = try await WebFixture()
        try await web.enable("certificates", settings: CertificatePageTests.settings)
        let reply = try await web.client.get("/verify/ABCD-EFGH-JKLM-NPQR")
        #expect(reply.status == 404)
        let policy = try #require(reply.header("Content-Security-Policy"))
        #expect(policy.contains("default-src 'none'"))
        #expect(policy.contains("frame-ancestors 'none'"))
        #expect(policy.contains("style-src 'sha256-"))
        #expect(!policy.contains("unsafe-inline"))
        #expect(reply.header("X-Frame-Options") == "DENY")
        // The hash in the policy is the page's own style sheet, so browsers apply it.
        let style = try #require(reply.text.firstMatch(of: /<style>([^<]*)<\/style>/).map { String($0.1) })
        let hex = Array(Digest.sha256Hex(style).utf8)
        let bytes = stride(from: 0, to: hex.count, by: 2).map {
            UInt8(String(decoding: hex[$0..<$0 + 2], as: UTF8.self), radix: 16)!
        }
        #expect(policy.contains("style-src 'sha256-\(Data(bytes).base64EncodedString())'"))
    }
}
