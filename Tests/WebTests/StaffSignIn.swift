import Foundation
import HTTPTypes
import Kernel
import KernelTesting
import ServerTesting

extension WebFixture {
    /// Signs in with a login link for `role` in the organization `slug` (acting as `person`, an e-mail, for a
    /// facilitator); returns the cookie header of the session.
    func signIn(_ role: AccessRole, of slug: String, as person: String? = nil) async throws -> String {
        let (organization, personId) = try await harness.workspace.read { db in
            (
                try Lookup.organization(slug, in: db).id!,
                try person.map { try Lookup.person($0, in: db).id! }
            )
        }
        let (_, secret) = try await harness.workspace.write(as: AuditActor("test")) {
            try $0.createLoginLink(role: role, organization: organization, person: personId)
        }
        let form = try await open("/sign-in?link=\(secret)")
        let reply = try await post("/sign-in", [("form", form.token), ("link", secret)], cookie: form.cookie)
        let session = reply.headers[values: .setCookie].first { $0.hasPrefix("indaba_session=") } ?? ""
        return form.cookie + "; " + (session.split(separator: ";").first.map(String.init) ?? "")
    }

    /// Opens the form at `path` and posts `fields` to `action` (the same path by default) with its token, both
    /// requests with `headers` (such as `Accept-Language`).
    func submit(
        _ path: String, to action: String? = nil, _ fields: [(String, String)], cookie: String, token: String? = nil,
        headers: [String: String] = [:]
    ) async throws -> TestClient.Reply {
        let form = try await open(path, cookie: cookie, headers: headers)
        return try await post(
            action ?? path, [("form", token ?? form.token)] + fields, cookie: cookie, headers: headers)
    }
}
