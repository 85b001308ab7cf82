import Foundation
import HTTPTypes
import Kernel
import KernelTesting
import ServerTesting
import Testing

@testable import Feeds

/// The feeds plugin's refusals over HTTP speak the client's language: a setting's value the plugin refuses, its
/// own 404s and the plugin gate's, each worded from the plugin's (or PluginKit's) catalogues; English without
/// `Accept-Language`, word for word as before.
@Suite("Feeds problems in the client's language")
struct FeedsProblemLanguageTests {
    @Test("a refused setting is named and explained in French; in English exactly as the command line says it")
    func refusedSetting() async throws {
        let fixture = try await FeedsFixture()
        let token = try await fixture.harness.workspace.write(as: AuditActor("test")) { [network = fixture.network] in
            try $0.createToken(role: .organizationAdmin, organization: Organization.ID(network)).secret
        }
        let path = "/api/v1/organizations/\(fixture.network)/plugins/feeds"
        let body = #"{"settings": {"refreshMinutes": 1}}"#
        let french = try await fixture.client.request(
            .put, path, token: token, headers: ["Accept-Language": "fr"], json: body)
        #expect(french.status == 422)
        #expect(
            Self.errors(french)["settings.refreshMinutes"]
                == "Le réglage « refreshMinutes » du module feeds n’est pas valable : doit être compris entre "
                + "5 minutes et une semaine (10080).")
        let english = try await fixture.client.request(.put, path, token: token, json: body)
        #expect(
            Self.errors(english)["settings.refreshMinutes"]
                == "Setting 'refreshMinutes' of plugin feeds is invalid: must be from 5 minutes to one week (10080).")
        // A value of the wrong kind is the kernel's reason, in the kernel's words.
        let wrongKind = try await fixture.client.request(
            .put, path, token: token, headers: ["Accept-Language": "pt"],
            json: #"{"settings": {"refreshMinutes": "soon"}}"#)
        #expect(
            Self.errors(wrongKind)["settings.refreshMinutes"]
                == "A definição «refreshMinutes» do módulo feeds não é válida: tem de ser um número inteiro, por "
                + "exemplo 60.")
        // Nothing was changed by the refused requests.
        let stored = try await fixture.plugin.context.settings(
            FeedsSettings.self, for: Organization.ID(fixture.network))
        #expect(stored.refreshMinutes == FeedsSettings.defaults.refreshMinutes)
    }

    @Test("the plugin's own 404 and the gate's 404 in Portuguese and French")
    func notFound() async throws {
        let fixture = try await FeedsFixture()
        let bad = try await fixture.client.request(
            .get, "/public/orgs/\(fixture.network)/feeds/series/not-a-number/calendar.ics",
            headers: ["Accept-Language": "pt"])
        #expect(bad.status == 404)
        #expect(bad.json["detail"] as? String == "Não há esse feed aqui.")
        // An organization that does not exist and one where the plugin is off answer alike, in the same words.
        let missing = try await fixture.client.request(
            .get, "/public/orgs/999999/feeds/organization/calendar.ics", headers: ["Accept-Language": "fr"])
        let disabled = try await fixture.client.request(
            .get, "/public/orgs/\(fixture.member)/feeds/organization/calendar.ics", headers: ["Accept-Language": "fr"])
        #expect(missing.status == 404 && disabled.status == 404)
        #expect(missing.json["detail"] as? String == "Il n’y a rien à cette adresse.")
        let strip = { (reply: TestClient.Reply, id: Int64) in
            String(decoding: reply.body, as: UTF8.self).replacingOccurrences(of: "\(id)", with: "ID")
        }
        #expect(strip(missing, 999999) == strip(disabled, fixture.member))
        let english = try await fixture.client.get("/public/orgs/999999/feeds/organization/calendar.ics")
        #expect(english.json["detail"] as? String == "There is nothing at this address.")
    }

    private static func errors(_ reply: TestClient.Reply) -> [String: String] {
        let list = reply.json["errors"] as? [[String: String]] ?? []
        return Dictionary(list.compactMap { item in item["field"].map { ($0, item["detail"] ?? "") } }) { one, _ in one
        }
    }
}
