import Foundation
import GRDB
import HTTPTypes
import Kernel
import KernelTesting
import ServerTesting
import Testing

/// `GET /api/v1/organizations/{id}/audit`: the log with its filters, for administrators; a missing organization
/// for anyone else.
@Suite("The audit log through the API")
struct AuditRouteTests {
    @Test("an API change is listed with its token; filters and pages work; others get 404 as for a missing one")
    func auditRoute() async throws {
        let networks = try await TwoNetworks()
        let admin = try #require(networks.token(.admin))
        let path = "/api/v1/organizations/\(networks.own.network)/audit"
        let patch = try await networks.client.request(
            .patch, "/api/v1/sessions/\(networks.own.intro)", token: admin,
            headers: ["If-Match": try await etag(networks, admin)], json: #"{"description": "Who led which part."}"#)
        #expect(patch.status == 200, "\(String(decoding: patch.body, as: UTF8.self))")
        #expect(patch.json["description"] as? String == "Who led which part.")

        let all = try await networks.client.get(path, token: admin)
        #expect(all.status == 200)
        let items = try #require(all.json["items"] as? [[String: Any]])
        let newest = try #require(items.first)
        #expect(newest["action"] as? String == "session.updated")
        #expect(newest["actionText"] as? String == "Session updated")
        #expect((newest["actorName"] as? String)?.hasPrefix("API token ") == true)
        #expect((newest["detail"] as? [String: Any])?["fields"] as? [String] == ["description"])

        let filtered = try await networks.client.get(path + "?action=token&limit=1", token: admin)
        let tokens = try #require(filtered.json["items"] as? [[String: Any]])
        #expect(tokens.count == 1 && tokens[0]["action"] as? String == "token.created")
        let next = try #require(filtered.json["next"] as? Int)
        let older = try await networks.client.get(path + "?action=token&limit=1&after=\(next)", token: admin)
        #expect((older.json["items"] as? [[String: Any]])?.first?["action"] as? String == "token.created")
        let about = try await networks.client.get(path + "?subject=session:\(networks.own.intro)", token: admin)
        #expect((about.json["items"] as? [[String: Any]])?.count == 1)
        #expect(try await networks.client.get(path + "?subject=session", token: admin).status == 400)
        #expect(try await networks.client.get(path + "?since=tomorrow", token: admin).status == 400)
        #expect(try await networks.client.get(path + "?who=me", token: admin).status == 400)
        #expect(
            (try await networks.client.get(path + "?since=2099-01-01", token: admin).json["items"] as? [Any])?
                .isEmpty == true)

        let facilitator = try await networks.client.get(path, token: networks.token(.facilitator))
        let missing = try await networks.client.get("/api/v1/organizations/999999/audit", token: admin)
        let foreign = try await networks.client.get(
            "/api/v1/organizations/\(networks.foreign.network)/audit", token: admin)
        #expect(facilitator.status == 404 && missing.status == 404 && foreign.status == 404)
        #expect(try await networks.client.get(path).status == 401)
    }

    private func etag(_ networks: TwoNetworks, _ token: String) async throws -> String {
        let reply = try await networks.client.get("/api/v1/sessions/\(networks.own.intro)", token: token)
        return try #require(reply.header("ETag"))
    }
}
