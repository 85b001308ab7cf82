import Foundation
import HTTPTypes
import Kernel
import KernelTesting
import ServerTesting
import Testing

/// The sign-in and enrolment limits count real clients and genuine failures only, so that nobody can lock out
/// the staff: not with forged posts, and not by sharing a reverse proxy's address with them.
@Suite struct SignInLimitTests {
    /// A fresh login link for the network's coordinator.
    private func link(_ web: WebFixture) async throws -> String {
        let organization = Organization.ID(web.network)
        return try await web.harness.workspace.write(as: AuditActor("test")) {
            try $0.createLoginLink(role: .networkCoordinator, organization: organization)
        }.secret
    }

    @Test("forged sign-in posts use up no allowance: a real link still works after fifty of them")
    func forgedPostsLockNobodyOut() async throws {
        let web = try await WebFixture()
        for _ in 0..<50 {
            let forged = try await web.post("/sign-in", [("form", "1.abc.def"), ("link", "x")], cookie: "")
            #expect(forged.status == 403)
        }
        let secret = try await link(web)
        let form = try await web.open("/sign-in?link=\(secret)")
        let reply = try await web.post("/sign-in", [("form", form.token), ("link", secret)], cookie: form.cookie)
        #expect(reply.status == 303)
    }

    @Test("behind a trusted proxy, each client named in Forwarded is limited on its own")
    func clientsBehindAProxyAreLimitedSeparately() async throws {
        let web = try await WebFixture(trustedProxies: ["10.0.0.0/8"])
        let proxy = "10.0.0.2"
        let attacker = ["Forwarded": "for=198.51.100.7;proto=https"]
        let form = try await web.open("/sign-in?link=x", headers: attacker, peer: proxy)
        for _ in 0..<10 {
            let failed = try await web.post(
                "/sign-in", [("form", form.token), ("link", "x")], cookie: form.cookie, headers: attacker, peer: proxy)
            #expect(failed.status == 400)
        }
        let blocked = try await web.post(
            "/sign-in", [("form", form.token), ("link", "x")], cookie: form.cookie, headers: attacker, peer: proxy)
        #expect(blocked.status == 429)
        // Another client behind the same proxy signs in.
        let staff = ["X-Forwarded-For": "203.0.113.9"]
        let secret = try await link(web)
        let staffForm = try await web.open("/sign-in?link=\(secret)", headers: staff, peer: proxy)
        let reply = try await web.post(
            "/sign-in", [("form", staffForm.token), ("link", secret)], cookie: staffForm.cookie, headers: staff,
            peer: proxy)
        #expect(reply.status == 303)
    }

    @Test("a client that is not a trusted proxy cannot escape the limit by naming another address")
    func forwardedHeadersOfUntrustedPeersAreIgnored() async throws {
        let web = try await WebFixture(trustedProxies: ["10.0.0.0/8"])
        let client = "198.51.100.7"
        let form = try await web.open("/sign-in?link=x", peer: client)
        for attempt in 0..<11 {
            let spoofed = ["X-Forwarded-For": "192.0.2.\(attempt)", "Forwarded": "for=192.0.2.\(attempt)"]
            let reply = try await web.post(
                "/sign-in", [("form", form.token), ("link", "x")], cookie: form.cookie, headers: spoofed, peer: client)
            #expect(reply.status == (attempt < 10 ? 400 : 429))
        }
    }

    @Test("the enrolment limit counts each client behind a trusted proxy on its own")
    func enrolmentLimitPerClient() async throws {
        let web = try await WebFixture(trustedProxies: ["10.0.0.0/8"])
        let name = ("name", "Ada Obi")
        func enrol(_ email: String, from client: String) async throws -> TestClient.Reply {
            let headers = ["X-Forwarded-For": "\(client), 10.0.0.5"]
            let form = try await web.open("/series/\(web.series)/enrol", headers: headers, peer: "10.0.0.2")
            web.harness.clock.advance(by: 3)
            return try await web.post(
                "/series/\(web.series)/enrol", [("form", form.token), name, ("email", email)], cookie: form.cookie,
                headers: headers, peer: "10.0.0.2")
        }
        for index in 1...20 {
            #expect(try await enrol("p\(index)@example.org", from: "198.51.100.7").status == 200)
        }
        #expect(try await enrol("p21@example.org", from: "198.51.100.7").status == 429)
        #expect(try await enrol("p22@example.org", from: "203.0.113.9").status == 200)
    }
}
