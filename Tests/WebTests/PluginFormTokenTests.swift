import Foundation
import HTTPTypes
import Kernel
import KernelTesting
import ServerTesting
import Testing

/// A plugin form's token is bound to the form's address and lives an hour: it cannot be replayed against another
/// form of the organization, nor hours later.
@Suite struct PluginFormTokenTests {
    private func issued() async throws -> (WebFixture, cookie: String, path: String, revoke: String) {
        let web = try await WebFixture()
        try await web.enable("certificates", settings: CertificatePageTests.settings)
        let cookie = try await web.signIn()
        let path = "/orgs/\(web.network)/certificates/series/\(web.series)"
        let page = try await web.open(path, cookie: cookie)
        let issue = try await web.post(path + "/issue", [("form", page.token(for: path + "/issue"))], cookie: cookie)
        #expect(issue.status == 303)
        let id = try await web.count("SELECT id FROM certificates_certificate")
        return (web, page.cookie, path, "/orgs/\(web.network)/certificates/certificates/\(id)/revoke")
    }

    @Test("the token of one form (issue) does not work for another (revoke)")
    func boundToTheForm() async throws {
        let (web, cookie, path, revoke) = try await issued()
        let page = try await web.open(path, cookie: cookie)
        let issueToken = page.token(for: path + "/issue")
        let replayed = try await web.post(revoke, [("form", issueToken), ("reason", "replayed")], cookie: cookie)
        #expect(replayed.status == 403)
        #expect(try await web.count("SELECT count(*) FROM certificates_certificate WHERE status = 'revoked'") == 0)
        let genuine = try await web.post(
            revoke, [("form", page.token(for: revoke)), ("reason", "issued in error")], cookie: cookie)
        #expect(genuine.status == 303)
    }

    @Test("a plugin form served more than an hour ago is refused")
    func shortLife() async throws {
        let (web, cookie, path, revoke) = try await issued()
        let page = try await web.open(path, cookie: cookie)
        web.harness.clock.advance(by: 3601)
        let late = try await web.post(revoke, [("form", page.token(for: revoke)), ("reason", "late")], cookie: cookie)
        #expect(late.status == 403)
        #expect(try await web.count("SELECT count(*) FROM certificates_certificate WHERE status = 'revoked'") == 0)
    }
}
