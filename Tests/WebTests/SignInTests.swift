import Foundation
import HTTPTypes
import Kernel
import KernelTesting
import ServerTesting
import Testing

@Suite struct SignInTests {
    @Test("a login link signs in once, with a hashed, HttpOnly, SameSite=Lax, Secure session cookie")
    func singleUse() async throws {
        let web = try await WebFixture()
        let organization = Organization.ID(web.network)
        let (_, secret) = try await web.harness.workspace.write(as: AuditActor("test")) {
            try $0.createLoginLink(role: .networkCoordinator, organization: organization)
        }
        #expect(
            try await web.count("SELECT count(*) FROM loginLink WHERE secretHash = '\(Digest.sha256Hex(secret))'") == 1)
        let form = try await web.open("/sign-in?link=\(secret)")
        #expect(form.reply.status == 200)
        let first = try await web.post("/sign-in", [("form", form.token), ("link", secret)], cookie: form.cookie)
        #expect(first.status == 303)
        #expect(first.header("Location") == "/workspace")
        let cookie = try #require(first.headers[values: .setCookie].first { $0.hasPrefix("indaba_session=") })
        for flag in ["HttpOnly", "SameSite=Lax", "Secure", "Path=/"] { #expect(cookie.contains(flag)) }
        let sessionSecret = String(cookie.split(separator: ";")[0].dropFirst("indaba_session=".count))
        #expect(
            try await web.count(
                "SELECT count(*) FROM browserSession WHERE secretHash = '\(Digest.sha256Hex(sessionSecret))'") == 1)
        let again = try await web.post("/sign-in", [("form", form.token), ("link", secret)], cookie: form.cookie)
        #expect(again.status == 400)
        #expect(again.text.contains("already used or expired"))
    }

    @Test("over plain http the session cookie is not marked Secure")
    func plainHTTP() async throws {
        let web = try await WebFixture(baseURL: "http://127.0.0.1:8080")
        let cookie = try await web.signIn()
        #expect(cookie.contains("indaba_session="))
        let organization = Organization.ID(web.network)
        let (_, secret) = try await web.harness.workspace.write(as: AuditActor("test")) {
            try $0.createLoginLink(role: .organizationAdmin, organization: organization)
        }
        let form = try await web.open("/sign-in?link=\(secret)")
        let reply = try await web.post("/sign-in", [("form", form.token), ("link", secret)], cookie: form.cookie)
        let set = try #require(reply.headers[values: .setCookie].first { $0.hasPrefix("indaba_session=") })
        #expect(!set.contains("Secure"))
    }

    @Test("a link older than fifteen minutes no longer signs in")
    func expiry() async throws {
        let web = try await WebFixture()
        let organization = Organization.ID(web.network)
        let (_, secret) = try await web.harness.workspace.write(as: AuditActor("test")) {
            try $0.createLoginLink(role: .organizationAdmin, organization: organization)
        }
        let form = try await web.open("/sign-in?link=\(secret)")
        web.harness.clock.advance(by: 15 * 60 + 1)
        let reply = try await web.post("/sign-in", [("form", form.token), ("link", secret)], cookie: form.cookie)
        #expect(reply.status == 400)
        #expect(reply.headers[values: .setCookie].allSatisfy { !$0.hasPrefix("indaba_session=") })
    }

    @Test("sign-in without the form token is refused, and failed attempts are rate-limited")
    func refusals() async throws {
        let web = try await WebFixture()
        let form = try await web.open("/sign-in?link=x")
        #expect(try await web.post("/sign-in", [("link", "x")], cookie: form.cookie).status == 403)
        for _ in 0..<10 {  // ten genuine failures, the limit (the forged post above does not count)
            #expect(
                try await web.post("/sign-in", [("form", form.token), ("link", "x")], cookie: form.cookie).status == 400
            )
        }
        #expect(
            try await web.post("/sign-in", [("form", form.token), ("link", "x")], cookie: form.cookie).status == 429)
    }

    @Test("the workspace needs a session; signing out ends it")
    func workspaceAndSignOut() async throws {
        let web = try await WebFixture()
        #expect(try await web.client.get("/workspace").status == 401)
        let cookie = try await web.signIn()
        let page = try await web.open("/workspace", cookie: cookie)
        #expect(page.reply.status == 200)
        #expect(page.reply.text.contains("Test Network"))
        #expect(page.reply.text.contains("Lagos Member"))
        let out = try await web.post("/sign-out", [("form", page.signOutToken)], cookie: cookie)
        #expect(out.status == 303)
        #expect(try await web.open("/workspace", cookie: cookie).reply.status == 401)
    }

    @Test("a session cookie does not authenticate the JSON API")
    func apiIgnoresCookies() async throws {
        let web = try await WebFixture()
        let cookie = try await web.signIn()
        let reply = try await web.client.request(.get, "/api/v1/people", headers: ["Cookie": cookie])
        #expect(reply.status == 401)
    }

    @Test("a session ends after twelve hours: the workspace asks to sign in again and the cookie is cleared")
    func sessionExpiry() async throws {
        let web = try await WebFixture()
        let cookie = try await web.signIn()
        #expect(try await web.open("/workspace", cookie: cookie).reply.status == 200)
        web.harness.clock.advance(by: 12 * 3600 + 1)
        let expired = try await web.client.request(.get, "/workspace", headers: ["Cookie": cookie])
        #expect(expired.status == 401)
        #expect(
            expired.headers[values: .setCookie].contains {
                $0.hasPrefix("indaba_session=;") && $0.contains("Max-Age=0")
            })
    }

    @Test("signing in again in the same browser ends the earlier session")
    func signInAgain() async throws {
        let web = try await WebFixture()
        let first = try await web.signIn()
        let organization = Organization.ID(web.network)
        let (_, secret) = try await web.harness.workspace.write(as: AuditActor("test")) {
            try $0.createLoginLink(role: .organizationAdmin, organization: organization)
        }
        let form = try await web.open("/sign-in?link=\(secret)", cookie: first)
        let reply = try await web.post("/sign-in", [("form", form.token), ("link", secret)], cookie: form.cookie)
        #expect(reply.status == 303)
        #expect(try await web.client.request(.get, "/workspace", headers: ["Cookie": first]).status == 401)
        #expect(try await web.count("SELECT count(*) FROM browserSession WHERE endedAt IS NULL") == 1)
    }
}
