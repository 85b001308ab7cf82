import Foundation
import GRDB
import HTTPTypes
import Kernel
import KernelTesting
import ServerTesting
import Testing

/// What plugins add to My Indaba (the person's own certificates), and what they remove when the person is erased.
@Suite("My Indaba: plugins' parts")
struct MyIndabaPluginTests {
    /// Issues Participant One's certificate of Series One through the staff page; returns its id.
    static func issue(_ web: WebFixture) async throws -> Int {
        try await web.enable("certificates", settings: CertificatePageTests.settings)
        let cookie = try await web.signIn()
        let path = "/orgs/\(web.network)/certificates/series/\(web.series)"
        let page = try await web.open(path, cookie: cookie)
        #expect(try await web.post(path + "/issue", [("form", page.token)], cookie: page.cookie).status == 303)
        return try await web.count("SELECT id FROM certificates_certificate")
    }

    @Test("the person's certificate, as PDF and credential, on their page; another's id answers 404")
    func certificates() async throws {
        let web = try await WebFixture()
        let id = try await Self.issue(web)
        let cookie = try await MyIndabaTests.signIn(web)
        let home = try await web.client.request(.get, "/me", headers: ["Cookie": cookie])
        let base = "/me/orgs/\(web.network)/certificates/certificates/"
        #expect(home.text.contains(base + "\(id)/certificate.pdf"))
        let pdf = try await web.client.request(.get, base + "\(id)/certificate.pdf", headers: ["Cookie": cookie])
        #expect(pdf.status == 200)
        #expect(pdf.body.starts(with: Data("%PDF".utf8)))
        let jwt = try await web.client.request(.get, base + "\(id)/credential.jwt", headers: ["Cookie": cookie])
        #expect(jwt.text.split(separator: ".").count == 3)
        // Participant Two holds no certificate: One's id is as missing for them as an unknown one.
        let other = try await MyIndabaTests.signIn(web, "participant.two@example.org")
        let foreign = try await web.client.request(.get, base + "\(id)/certificate.pdf", headers: ["Cookie": other])
        let unknown = try await web.client.request(.get, base + "999/certificate.pdf", headers: ["Cookie": other])
        #expect(foreign.status == 404)
        #expect(foreign.status == unknown.status)
        #expect(foreign.text == unknown.text)
        let anonymous = try await web.client.request(.get, base + "\(id)/certificate.pdf")
        #expect(anonymous.status == 404)
    }

    @Test("erasure revokes the certificates and removes the name; the retention figures stay as they were")
    func erasure() async throws {
        let web = try await WebFixture()
        try await web.enable("retention")
        let id = try await Self.issue(web)
        let tallies = """
            SELECT (SELECT group_concat(gender || ':' || people) FROM retention_attendedTally) || '|' ||
            (SELECT group_concat(gender || ':' || people) FROM retention_enrolledTally)
            """
        let before = try await web.harness.workspace.read { db in try String.fetchOne(db, sql: tallies) }
        let person = try await MyIndabaTests.person(web)
        try await web.harness.workspace.write(as: AuditActor("test")) {
            try $0.erase(person, keepGenderInFigures: true)
        }
        #expect(try await web.harness.workspace.read { db in try String.fetchOne(db, sql: tallies) } == before)
        let certificate = try await web.harness.workspace.read { db in
            try String.fetchOne(
                db,
                sql:
                    "SELECT recipientName || '|' || status || '|' || credential FROM certificates_certificate WHERE id = ?",
                arguments: [id])
        }
        #expect(certificate == "Erased person|revoked|")
        #expect(try await web.count("SELECT count(*) FROM certificates_document") == 0)
        let code = try await web.harness.workspace.read { db in
            try String.fetchOne(db, sql: "SELECT code FROM certificates_certificate WHERE id = ?", arguments: [id])
        }
        let verify = try await web.client.get("/verify/\(code ?? "")")
        #expect(verify.text.contains("revoked"))
        #expect(!verify.text.contains("Participant One"))

        // Without keeping the gender, the person counts as unknown: totals stay, the women's figure moves.
        let web2 = try await WebFixture()
        try await web2.enable("retention")
        let person2 = try await MyIndabaTests.person(web2)
        try await web2.harness.workspace.write(as: AuditActor("test")) {
            try $0.erase(person2, keepGenderInFigures: false)
        }
        let women = try await web2.count(
            "SELECT coalesce(sum(people), 0) FROM retention_enrolledTally WHERE gender = 'woman'")
        let all = try await web2.count("SELECT sum(people) FROM retention_enrolledTally")
        #expect(women == 0)
        #expect(all == 2)
        // Erasing twice is refused as for someone unknown.
        await #expect(throws: KernelError.self) {
            try await web2.harness.workspace.write(as: AuditActor("test")) {
                try $0.erase(person2, keepGenderInFigures: false)
            }
        }
    }

    @Test(
        "an erased holder gets nothing again: no re-issue, their files answer 410, and the next issue leaves them out")
    func erasedHolderGetsNothingAgain() async throws {
        let web = try await WebFixture()
        let id = try await Self.issue(web)
        let person = try await MyIndabaTests.person(web)
        try await web.harness.workspace.write(as: AuditActor("test")) {
            try $0.erase(person, keepGenderInFigures: true)
        }
        let network = Organization.ID(web.network)
        let token = try await web.harness.workspace.write(as: AuditActor("test")) {
            try $0.createToken(role: .networkCoordinator, organization: network, label: "api").secret
        }
        let api = "/api/v1/orgs/\(web.network)/certificates"
        let reissue = try await web.client.request(.post, "\(api)/certificates/\(id)/reissue", token: token, json: "{}")
        #expect(reissue.status == 409)
        #expect(reissue.text.contains("was erased at their request"))
        for file in ["certificate.pdf", "credential.jwt"] {
            let answer = try await web.client.request(.get, "\(api)/certificates/\(id)/\(file)", token: token)
            #expect(answer.status == 410, "\(file)")
        }
        // The staff page neither links the files nor offers a new certificate.
        let cookie = try await web.signIn()
        let page = try await web.open("/orgs/\(web.network)/certificates/series/\(web.series)", cookie: cookie)
        let base = "/orgs/\(web.network)/certificates/certificates/\(id)"
        #expect(page.reply.text.contains("Erased person"))
        #expect(!page.reply.text.contains(base + "/certificate.pdf"))
        #expect(!page.reply.text.contains(base + "/reissue"))
        let staffFile = try await web.client.request(.get, base + "/credential.jwt", headers: ["Cookie": cookie])
        #expect(staffFile.status == 410)
        // Erased before any certificate: their attendance still counts, but the series' issue passes them by.
        let web2 = try await WebFixture()
        let person2 = try await MyIndabaTests.person(web2)
        try await web2.harness.workspace.write(as: AuditActor("test")) {
            try $0.erase(person2, keepGenderInFigures: true)
        }
        try await web2.enable("certificates", settings: CertificatePageTests.settings)
        let network2 = Organization.ID(web2.network)
        let token2 = try await web2.harness.workspace.write(as: AuditActor("test")) {
            try $0.createToken(role: .networkCoordinator, organization: network2, label: "api").secret
        }
        let issued = try await web2.client.request(
            .post, "/api/v1/orgs/\(web2.network)/certificates/series/\(web2.series)/issue", token: token2, json: "{}")
        #expect(issued.status == 200 || issued.status == 201)
        let theirs = "SELECT count(*) FROM certificates_certificate WHERE personId = \(person2.rawValue)"
        #expect(try await web2.count(theirs) == 0)
    }
}
