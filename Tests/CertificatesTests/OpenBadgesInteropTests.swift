import Foundation
import GRDB
import Kernel
import KernelTesting
import ServerTesting
import Testing

@testable import Certificates

/// What a standard verifier needs (OB 3.0 §8.2 and the W3C Bitstring Status List), checked over HTTP from the
/// token alone: the key its `kid` dereferences to, the algorithm, and the revocation status.
@Suite("Open Badges: kid URLs that serve the JWK, RS256 by default, revocation in the credential")
struct OpenBadgesInteropTests {
    private func header(_ token: String) throws -> [String: Any] {
        let part = token.split(separator: ".")[0]
        return try #require(try JSONSerialization.jsonObject(with: JWK.fromBase64URL(part)!) as? [String: Any])
    }

    private func payload(_ token: String) throws -> [String: Any] {
        let part = token.split(separator: ".")[1]
        return try #require(try JSONSerialization.jsonObject(with: JWK.fromBase64URL(part)!) as? [String: Any])
    }

    /// The local path of an absolute URL on the test server.
    private func path(_ url: String) -> String {
        String(url.dropFirst("https://indaba.example.org".count))
    }

    @Test("the header's kid is a URL that serves the signing key as a JWK, linked from the issuer profile")
    func kidDereferences() async throws {
        let fixture = try await CertificatesFixture()
        _ = try await fixture.issue()
        let certificate = try await fixture.certificates()[0]
        let client = TestClient(workspace: fixture.harness.workspace)
        let kid = try #require(try header(certificate.credential)["kid"] as? String)
        let root = "https://indaba.example.org/public/orgs/\(fixture.organization)/certificates"
        #expect(kid == "\(root)/keys/\(certificate.keyId)")
        let served = try await client.get(path(kid))
        #expect(served.status == 200 && served.header("Content-Type") == "application/jwk+json")
        #expect(served.json["kid"] as? String == kid && served.json["d"] == nil)
        // The served JWK alone verifies the credential.
        let published = try fixture.plugin.keys.publicKeys(for: fixture.organization.rawValue)
        let key = try #require(published.first { $0.kid == certificate.keyId })
        #expect(served.json["n"] as? String == key.jwk["n"])
        #expect(CredentialCheck.verify(certificate.credential, keys: [key]) != nil)
        let profile = try await client.get(path("\(root)/issuer"))
        let methods = try #require(profile.json["verificationMethod"] as? [[String: Any]])
        #expect(methods.contains { $0["id"] as? String == kid })
        #expect(try await client.get(path("\(root)/keys/unknown")).status == 404)
    }

    @Test("RS256 by default; ES256 as a setting; after rotations every credential still verifies")
    func algorithms() async throws {
        let fixture = try await CertificatesFixture()
        _ = try await fixture.issue()
        let first = try await fixture.certificates()[0]
        #expect(try header(first.credential)["alg"] as? String == "RS256")
        let registry = fixture.harness.workspace.registry
        try await fixture.harness.workspace.write(as: AuditActor("test")) {
            try $0.changeSettings(
                of: "certificates", for: fixture.organization, ["signingAlgorithm": "ES256"], registry: registry)
        }
        let actor = AuditActor("test")
        let es256 = try await fixture.plugin.reissue(first.id!, organization: fixture.organization, actor: actor)
        #expect(try header(es256.credential)["alg"] as? String == "ES256")
        try fixture.plugin.keys.rotate(for: fixture.organization.rawValue, algorithm: .es256)
        try fixture.plugin.keys.rotate(for: fixture.organization.rawValue, algorithm: .rs256)
        let rotated = try await fixture.plugin.reissue(es256.id!, organization: fixture.organization, actor: actor)
        let keys = try fixture.plugin.keys.publicKeys(for: fixture.organization.rawValue)
        #expect(keys.count == 4)
        for token in [first.credential, es256.credential, rotated.credential] {
            #expect(CredentialCheck.verify(token, keys: keys) != nil)
        }
        await #expect(throws: SettingsError.self) {
            try await fixture.harness.workspace.write(as: AuditActor("test")) {
                try $0.changeSettings(
                    of: "certificates", for: fixture.organization, ["signingAlgorithm": "HS256"], registry: registry)
            }
        }
    }

    @Test("credentialStatus points at the served Bitstring Status List; revoking sets the credential's bit")
    func revocationStatus() async throws {
        let fixture = try await CertificatesFixture()
        _ = try await fixture.issue()
        let certificates = try await fixture.certificates()
        let (revoked, kept) = (certificates[0], certificates[1])
        let client = TestClient(workspace: fixture.harness.workspace)
        let status = try #require(try payload(revoked.credential)["credentialStatus"] as? [String: Any])
        #expect(status["type"] as? String == "BitstringStatusListEntry")
        #expect(status["statusPurpose"] as? String == "revocation")
        let index = try #require(Int(status["statusListIndex"] as? String ?? ""))
        let list = try #require(status["statusListCredential"] as? String)
        // Drawn at random within the list (not the order of issue), one per certificate.
        #expect(Int64(index) == revoked.statusIndex && (0..<131_072).contains(index))
        #expect(Set(certificates.compactMap(\.statusIndex)).count == certificates.count)

        func bit(_ index: Int) async throws -> Bool? {
            let reply = try await client.get(path(list))
            #expect(reply.status == 200 && reply.header("Content-Type") == "application/vc+jwt")
            let token = reply.text
            let keys = try fixture.plugin.keys.publicKeys(for: fixture.organization.rawValue)
            let claims = try #require(CredentialCheck.verify(token, keys: keys))
            #expect(claims["type"] as? [String] == ["VerifiableCredential", "BitstringStatusListCredential"])
            let subject = try #require(claims["credentialSubject"] as? [String: Any])
            return try RevocationStatusList.isSet(index, in: subject["encodedList"] as? String ?? "")
        }
        #expect(try await bit(index) == false)
        _ = try await fixture.plugin.revoke(
            revoked.id!, reason: "issued in error", organization: fixture.organization, actor: AuditActor("test"))
        #expect(try await bit(index) == true)
        let keptIndex = Int(
            (try payload(kept.credential)["credentialStatus"] as? [String: Any])?["statusListIndex"]
                as? String ?? "")!
        #expect(try await bit(keptIndex) == false)
    }

    @Test("the encoded list: GZIP, base64url with a u prefix, first index in the most significant bit, 16 KB at least")
    func encodedList() throws {
        let encoded = try RevocationStatusList.encodedList(revoked: [0, 9, 200_000])
        #expect(encoded.hasPrefix("u") && !encoded.contains("="))
        #expect(try RevocationStatusList.isSet(0, in: encoded) == true)
        #expect(try RevocationStatusList.isSet(1, in: encoded) == false)
        #expect(try RevocationStatusList.isSet(9, in: encoded) == true)
        #expect(try RevocationStatusList.isSet(200_000, in: encoded) == true)
        let empty = try RevocationStatusList.encodedList(revoked: [])
        #expect(try RevocationStatusList.isSet(131_071, in: empty) == false)
        #expect(try RevocationStatusList.isSet(131_072, in: empty) == nil)
    }
}
