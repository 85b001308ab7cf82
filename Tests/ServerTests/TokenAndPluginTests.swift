import Foundation
import GRDB
import Hummingbird
import Kernel
import KernelTesting
import ServerTesting
import Testing

@Suite("API tokens and plugin routes behind the per-organization gate")
struct TokenAndPluginTests {
    @Test("tokens are stored only as hashes, and unknown, revoked or expired tokens get 401")
    func tokenLifecycle() async throws {
        let clock = TestClock()
        let networks = try await TwoNetworks(clock: clock)
        let network = Organization.ID(networks.own.network)
        let (token, secret) = try await networks.harness.workspace.write(as: AuditActor("test")) { transaction in
            try transaction.createToken(
                role: .organizationAdmin, organization: network, label: "ci",
                expiresAt: transaction.now.addingTimeInterval(3600))
        }
        #expect(secret.hasPrefix("indaba_") && secret.count > 40)
        let stored = try await networks.harness.workspace.read { db in
            try String.fetchAll(db, sql: "SELECT secretHash FROM apiToken")
        }
        #expect(!stored.contains(secret))
        #expect(stored.contains(ApiToken.hash(secret)))
        #expect(ApiToken.hash(secret).count == 64)

        let path = "/api/v1/organizations/\(networks.own.network)"
        #expect(try await networks.client.get(path, token: secret).status == 200)
        #expect(try await networks.client.get(path, token: secret + "x").status == 401)
        let basic = try await networks.client.request(.get, path, headers: ["Authorization": "Basic dXNlcjpwYXNz"])
        #expect(basic.status == 401 && basic.header("WWW-Authenticate") == #"Bearer realm="indaba""#)

        clock.advance(by: 3601)
        #expect(try await networks.client.get(path, token: secret).status == 401)

        let other = networks.token(.admin)!
        #expect(try await networks.client.get(path, token: other).status == 200)
        let id = try await networks.harness.workspace.read { db in
            try ApiToken.filter(Column("secretHash") == ApiToken.hash(other)).fetchOne(db)!.id!
        }
        try await networks.harness.workspace.write(as: AuditActor("test")) { try $0.revokeToken(id) }
        #expect(try await networks.client.get(path, token: other).status == 401)
        _ = token
    }

    @Test("tokens are refused for roles that do not fit")
    func tokenRules() async throws {
        let networks = try await TwoNetworks()
        let member = Organization.ID(networks.own.member)
        let error = await #expect(throws: KernelError.self) {
            try await networks.harness.workspace.write(as: AuditActor("test")) { transaction in
                try transaction.createToken(role: .networkCoordinator, organization: member)
            }
        }
        #expect(error?.description.contains("must be a network") == true)
        await #expect(throws: KernelError.self) {
            try await networks.harness.workspace.write(as: AuditActor("test")) { transaction in
                try transaction.createToken(role: .facilitator, organization: member)
            }
        }
        let person = Person.ID(networks.own.facilitator)
        let adminWithPerson = await #expect(throws: KernelError.self) {
            try await networks.harness.workspace.write(as: AuditActor("test")) { transaction in
                try transaction.createToken(role: .organizationAdmin, organization: member, person: person)
            }
        }
        #expect(adminWithPerson?.description.contains("only for the facilitator role") == true)
    }

    @Test("a disabled plugin's routes answer 404; enabling makes them answer, for that organization only")
    func pluginRoutesFollowEnablement() async throws {
        let networks = try await TwoNetworks()
        let client = networks.client
        let token = networks.token(.coordinator)
        let own = networks.own.network
        let privatePath = "/api/v1/orgs/\(own)/session-log/entries"
        let publicPath = "/public/orgs/\(own)/session-log/count"
        #expect(try await client.get(privatePath, token: token).status == 404)
        #expect(try await client.get(publicPath).status == 404)

        for plugin in ["base-log", "session-log"] {
            let enabled = try await client.request(
                .put, "/api/v1/organizations/\(own)/plugins/\(plugin)", token: token, json: #"{"enabled": true}"#)
            #expect(enabled.status == 200, "\(enabled.text)")
        }
        let entries = try await client.get(privatePath, token: token)
        #expect(entries.status == 200 && entries.text == "0 entries for organization \(own)")
        #expect(try await client.get(publicPath).text == "0")
        #expect(try await client.get(privatePath).status == 401)
        #expect(try await client.get(privatePath, token: networks.token(.facilitator)).status == 200)

        // The member organization has not enabled it; the other network's data is not reachable at all.
        #expect(
            try await client.get("/api/v1/orgs/\(networks.own.member)/session-log/entries", token: token).status == 404)
        #expect(try await client.get("/public/orgs/\(networks.foreign.network)/session-log/count").status == 404)
        #expect(
            try await client.get("/api/v1/orgs/\(networks.foreign.network)/session-log/entries", token: token).status
                == 404)

        let disabled = try await client.request(
            .put, "/api/v1/organizations/\(own)/plugins/session-log", token: token, json: #"{"enabled": false}"#)
        #expect(disabled.status == 200 && disabled.json["enabled"] as? Bool == false)
        #expect(try await client.get(privatePath, token: token).status == 404)
        #expect(try await client.get(publicPath).status == 404)
    }

    @Test("enabling a plugin whose dependency is off is a 409 that names it; settings are strict")
    func pluginEnablementRules() async throws {
        let networks = try await TwoNetworks()
        let path = "/api/v1/organizations/\(networks.own.network)/plugins/session-log"
        let token = networks.token(.admin)
        let refused = try await networks.client.request(.put, path, token: token, json: #"{"enabled": true}"#)
        #expect(refused.status == 409)
        #expect((refused.json["detail"] as? String)?.contains("'base-log'") == true)
        let unknown = try await networks.client.request(
            .put, "/api/v1/organizations/\(networks.own.network)/plugins/nope", token: token, json: "{}")
        #expect(unknown.status == 404)
        _ = try await networks.client.request(
            .put, "/api/v1/organizations/\(networks.own.network)/plugins/base-log", token: token,
            json: #"{"enabled": true}"#)
        let configured = try await networks.client.request(
            .put, path, token: token, json: #"{"enabled": true, "settings": {"label": "ops", "retentionDays": 7}}"#)
        let settings = configured.json["settings"] as? [String: Any]
        #expect(settings?["label"] as? String == "ops" && settings?["retentionDays"] as? Int == 7)
        #expect(settings?["logCancellations"] as? Bool == true)
        let listed = try await networks.client.get(
            "/api/v1/organizations/\(networks.own.network)/plugins", token: token)
        #expect((listed.json["items"] as? [[String: Any]])?.count == 2)
    }
}
