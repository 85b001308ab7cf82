import Crypto
import Foundation
import GRDB
import Kernel
import KernelTesting
import Testing

@testable import Certificates

@Suite("Open Badges 3.0 credentials: RS256 VC-JWTs that verify against the published keys, also after rotation")
struct CredentialTests {
    @Test("a credential verifies with the JWK set and carries the Open Badges shape")
    func verifies() async throws {
        let fixture = try await CertificatesFixture()
        _ = try await fixture.issue()
        let certificate = try await fixture.certificates()[0]
        let keys = try fixture.plugin.keys.publicKeys(for: fixture.organization.rawValue)
        let payload = try #require(CredentialCheck.verify(certificate.credential, keys: keys))
        #expect(payload["type"] as? [String] == ["VerifiableCredential", "OpenBadgeCredential"])
        #expect((payload["@context"] as? [String])?.first == "https://www.w3.org/ns/credentials/v2")
        #expect(
            payload["iss"] as? String
                == "https://indaba.example.org/public/orgs/\(fixture.organization)/certificates/issuer")
        #expect(payload["jti"] as? String == certificate.verificationURL)
        let subject = try #require(payload["credentialSubject"] as? [String: Any])
        let identifier = try #require((subject["identifier"] as? [[String: Any]])?.first)
        #expect(identifier["identityHash"] as? String == certificate.recipientName)
        #expect(identifier["identityType"] as? String == "name")
        #expect(payload["vc"] == nil)
    }

    @Test("credentialSubject.id and sub are RFC 9562 version 4 UUID URNs (version nibble 4, variant bits 10)")
    func subjectIsVersion4UUID() async throws {
        let fixture = try await CertificatesFixture()
        _ = try await fixture.issue()
        let certificates = try await fixture.certificates()
        #expect(certificates.count >= 2)
        let pattern = #"^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"#
        for certificate in certificates {
            let part = certificate.credential.split(separator: ".")[1]
            let payload = try #require(
                try JSONSerialization.jsonObject(with: JWK.fromBase64URL(part)!) as? [String: Any])
            let subject = try #require((payload["credentialSubject"] as? [String: Any])?["id"] as? String)
            #expect(subject.range(of: pattern, options: .regularExpression) != nil, "\(subject)")
            #expect(payload["sub"] as? String == subject)
            #expect(UUID(uuidString: String(subject.dropFirst(9))) != nil)
        }
    }

    @Test("a tampered credential fails")
    func tampered() async throws {
        let fixture = try await CertificatesFixture()
        _ = try await fixture.issue()
        let certificate = try await fixture.certificates()[0]
        let keys = try fixture.plugin.keys.publicKeys(for: fixture.organization.rawValue)
        var parts = certificate.credential.split(separator: ".").map(String.init)
        let payload = String(decoding: JWK.fromBase64URL(parts[1])!, as: UTF8.self)
            .replacingOccurrences(of: certificate.recipientName, with: "Someone Else")
        parts[1] = JWK.base64URL(Data(payload.utf8))
        #expect(CredentialCheck.verify(parts.joined(separator: "."), keys: keys) == nil)
    }

    @Test("after rotation new credentials use the new key and old ones still verify")
    func rotation() async throws {
        let fixture = try await CertificatesFixture()
        _ = try await fixture.issue()
        let old = try await fixture.certificates()[0]
        let kid = try fixture.plugin.keys.rotate(for: fixture.organization.rawValue)
        #expect(kid != old.keyId)
        let han = try await fixture.person("han@example.org")
        let series = fixture.series.id!
        try await fixture.harness.workspace.write(as: AuditActor("test")) { transaction in
            let feedback = try Session.filter(sql: "seriesId = ? AND slug = 'feedback'", arguments: [series])
                .fetchOne(transaction.db)!
            _ = try transaction.recordAttendance(of: han, at: feedback.id!, status: .present)
        }
        _ = try await fixture.issue()
        let new = try await fixture.certificates().first { $0.personId == han }!
        #expect(new.keyId == kid)
        let keys = try fixture.plugin.keys.publicKeys(for: fixture.organization.rawValue)
        #expect(keys.count == 2 && keys[0].kid == kid)
        #expect(CredentialCheck.verify(old.credential, keys: keys) != nil)
        #expect(CredentialCheck.verify(new.credential, keys: keys) != nil)
    }

    @Test("keys live in files readable by the owner only, beside (not in) the database")
    func keyFiles() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("keys-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = KeyStore(directory: directory)
        for algorithm in SigningAlgorithm.allCases {
            let key = try store.currentKey(for: 7, algorithm: algorithm)
            #expect(try store.currentKey(for: 7, algorithm: algorithm).kid == key.kid)
            let file = directory.appendingPathComponent("org-7/\(key.kid).\(algorithm.fileExtension)").path
            let permissions = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
            #expect(permissions == 0o600)
            let published = try #require(try store.publicKeys(for: 7).first { $0.kid == key.kid })
            #expect(JWK.thumbprint(published.jwk) == key.kid && published.algorithm == algorithm)
        }
    }
}
