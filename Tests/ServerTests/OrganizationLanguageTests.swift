import Foundation
import GRDB
import HTTPTypes
import Kernel
import KernelTesting
import ServerTesting
import Testing

/// An organization's default language is set through the API like its other fields; the kernel audits it.
@Suite("An organization's default language through the API")
struct OrganizationLanguageTests {
    @Test("set, shown, refused when not shipped, cleared with null; each change audited")
    func setAndClear() async throws {
        let networks = try await TwoNetworks()
        let path = "/api/v1/organizations/\(networks.own.network)"
        let token = networks.token(.admin)
        let french = try await networks.client.request(
            .patch, path, token: token, headers: ["If-Match": "*"], json: #"{"defaultLanguage": "fr"}"#)
        #expect(french.status == 200)
        #expect(french.json["defaultLanguage"] as? String == "fr")
        #expect(try await networks.client.get(path, token: token).json["defaultLanguage"] as? String == "fr")
        let unknown = try await networks.client.request(
            .patch, path, token: token, headers: ["If-Match": "*"], json: #"{"defaultLanguage": "xx"}"#)
        #expect(unknown.status == 422)
        let errors = try #require(unknown.json["errors"] as? [[String: Any]])
        #expect(errors.first?["field"] as? String == "defaultLanguage")
        #expect((errors.first?["detail"] as? String)?.contains("en, fr, pt, ar, sw") == true)
        let cleared = try await networks.client.request(
            .patch, path, token: token, headers: ["If-Match": "*"], json: #"{"defaultLanguage": null}"#)
        #expect(cleared.status == 200)
        #expect(cleared.json["defaultLanguage"] == nil)
        let network = networks.own.network
        let changes = try await networks.harness.workspace.read { db in
            try String.fetchAll(
                db,
                sql: "SELECT detail FROM auditLog WHERE action = 'organization.languageChanged' "
                    + "AND organizationId = ? ORDER BY id", arguments: [network])
        }
        #expect(changes == [#"{"language":"fr"}"#, #"{"language":"none"}"#])
    }
}
