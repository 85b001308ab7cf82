import Foundation
import GRDB
import HTTPTypes
import Kernel
import KernelTesting
import Server
import ServerTesting
import Testing

@testable import Certificates

@Suite("Public verification, issuer profile, JWK set and the private API over HTTP")
struct VerificationHTTPTests {
    private func setUp() async throws -> (CertificatesFixture, TestClient, Certificate) {
        let fixture = try await CertificatesFixture()
        _ = try await fixture.issue()
        let certificate = try await fixture.certificates()[0]
        return (fixture, TestClient(workspace: fixture.harness.workspace), certificate)
    }

    @Test("/verify/{code} shows name, series, organization, date and status as HTML and JSON, and nothing else")
    func verifyPage() async throws {
        let (_, client, certificate) = try await setUp()
        let page = try await client.get("/verify/\(certificate.code)")
        #expect(page.status == 200)
        #expect(page.header("Content-Type")?.hasPrefix("text/html") == true)
        #expect(page.text.contains("Valid certificate"))
        #expect(page.text.contains(certificate.recipientName))
        #expect(page.text.contains("Creating Inclusive Spaces"))
        #expect(!page.text.contains("@example.org"))
        // The site's language switcher, as on every page: the page's language marked, the others linked.
        #expect(page.text.contains("<title>Certificate \(certificate.code) · Indaba</title>"))
        #expect(page.text.contains(#"<span lang="en" aria-current="true">English</span>"#))
        #expect(page.text.contains(#"<a lang="ar" hreflang="ar" href="/language?to=ar">العربية</a>"#))

        let json = try await client.get("/verify/\(certificate.code.lowercased()).json")
        #expect(json.status == 200)
        #expect(
            Set(json.json.keys) == [
                "code", "status", "recipientName", "seriesTitle", "organizationName", "issuedOn",
            ])
        #expect(json.json["status"] as? String == "valid")
        let negotiated = try await client.request(
            .get, "/verify/\(certificate.code)", headers: ["Accept": "application/json"])
        #expect(negotiated.json["recipientName"] as? String == certificate.recipientName)
    }

    @Test("a revoked certificate's page says revoked, with the date and without the reason")
    func revokedPage() async throws {
        let (fixture, client, certificate) = try await setUp()
        _ = try await fixture.plugin.revoke(
            certificate.id!, reason: "private reason", organization: fixture.organization, actor: AuditActor("test"))
        let page = try await client.get("/verify/\(certificate.code)")
        #expect(page.status == 200 && page.text.contains("revoked"))
        #expect(!page.text.contains("private reason"))
        let json = try await client.get("/verify/\(certificate.code).json")
        #expect(json.json["status"] as? String == "revoked")
        #expect(json.json["revokedOn"] as? String != nil)
    }

    @Test(
        "unknown, malformed and disabled-organization codes all answer the same 404",
        arguments: ["AAAA-BBBB-CCCC-DDDD", "not-a-code", "x"])
    func unknown(_ code: String) async throws {
        let (_, client, _) = try await setUp()
        let page = try await client.get("/verify/\(code)")
        #expect(page.status == 404)
        #expect(page.text.contains("No certificate has this code"))
        #expect(try await client.get("/verify/\(code).json").status == 404)
    }

    @Test("when the organization disables the plugin its certificates no longer verify")
    func disabled() async throws {
        let (fixture, client, certificate) = try await setUp()
        let (organization, registry) = (fixture.organization, fixture.harness.workspace.registry)
        try await fixture.harness.workspace.write(as: AuditActor("test")) { transaction in
            try transaction.disable("certificates", for: organization, registry: registry)
        }
        #expect(try await client.get("/verify/\(certificate.code)").status == 404)
    }

    @Test("the issuer profile and the JWK set are public at stable addresses")
    func issuer() async throws {
        let (fixture, client, _) = try await setUp()
        let root = "/public/orgs/\(fixture.organization)/certificates"
        let profile = try await client.get("\(root)/issuer")
        #expect(profile.status == 200)
        #expect(profile.json["type"] as? [String] == ["Profile"])
        #expect(profile.json["id"] as? String == "https://indaba.example.org\(root)/issuer")
        let set = try await client.get("\(root)/jwks.json")
        let keys = try #require(set.json["keys"] as? [[String: Any]])
        // One RSA key, listed under its URL and its bare thumbprint; never a private member.
        #expect(keys.count == 2 && keys.allSatisfy { $0["kty"] as? String == "RSA" && $0["d"] == nil })
    }

    @Test("the private API needs an administrator, and issues, lists, serves PDF and credential, revokes")
    func privateAPI() async throws {
        let fixture = try await CertificatesFixture()
        let client = TestClient(workspace: fixture.harness.workspace)
        let organization = fixture.organization
        let token = try await fixture.harness.workspace.write(as: AuditActor("test")) { transaction in
            try transaction.createToken(role: .organizationAdmin, organization: organization).secret
        }
        let root = "/api/v1/orgs/\(organization)/certificates"
        let series = fixture.series.id!
        #expect(try await client.request(.post, "\(root)/series/\(series)/issue").status == 401)
        let dry = try await client.request(.post, "\(root)/series/\(series)/issue?dryRun=true", token: token)
        #expect(dry.status == 200 && (dry.json["issued"] as? [Any])?.count == 2)
        let issued = try await client.request(.post, "\(root)/series/\(series)/issue", token: token)
        #expect(issued.status == 201)
        let eligibility = try await client.get("\(root)/series/\(series)/eligibility", token: token)
        #expect(eligibility.text.contains("not eligible: missed session 4"))
        let list = try await client.get("\(root)/series/\(series)/certificates", token: token)
        let first = try #require(
            (try JSONSerialization.jsonObject(with: list.body) as? [[String: Any]])?.first?["id"] as? Int)
        let pdf = try await client.get("\(root)/certificates/\(first)/certificate.pdf", token: token)
        #expect(pdf.status == 200 && pdf.body.starts(with: Data("%PDF-".utf8)))
        let again = try await client.get("\(root)/certificates/\(first)/certificate.pdf", token: token)
        #expect(again.body == pdf.body)
        let jwt = try await client.get("\(root)/certificates/\(first)/credential.jwt", token: token)
        #expect(jwt.text.split(separator: ".").count == 3)
        let noReason = try await client.request(.post, "\(root)/certificates/\(first)/revoke", token: token, json: "{}")
        #expect(noReason.status == 400)
        let revoked = try await client.request(
            .post, "\(root)/certificates/\(first)/revoke", token: token, json: #"{"reason": "issued in error"}"#)
        #expect(revoked.status == 200 && revoked.json["status"] as? String == "revoked")
        let twice = try await client.request(
            .post, "\(root)/certificates/\(first)/revoke", token: token, json: #"{"reason": "again"}"#)
        #expect(twice.status == 409)
        #expect(try await client.get("\(root)/certificates/999", token: token).status == 404)
    }
}
