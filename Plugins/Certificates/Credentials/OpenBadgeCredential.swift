import Crypto
import Foundation
import Kernel

/// A certificate as an Open Badges 3.0 `OpenBadgeCredential` (a W3C Verifiable Credential 2.0), signed as a VC-JWT
/// with ES256.
///
/// The JWT's payload is the credential itself plus the registered claims `iss`, `jti`, `nbf`, `iat` and `sub`
/// (Open Badges 3.0, section 8.2: no `vc` wrapper). The header names the signing key by `kid`, found in the
/// issuer's published JWK set.
struct OpenBadgeCredential {
    /// The stable public addresses of an organization as an issuer.
    struct IssuerURLs {
        let profile: String
        let keySet: String

        init(baseURL: String, organization: Int64) {
            let root = "\(baseURL)/public/orgs/\(organization)/certificates"
            profile = "\(root)/issuer"
            keySet = "\(root)/jwks.json"
        }
    }

    let certificate: Certificate
    let issuer: IssuerURLs
    let criteria: String

    /// The credential as JSON.
    var payload: JSONValue {
        let issued = Self.timestamp(certificate.issuedAt)
        let subject = "urn:uuid:\(Self.uuid(from: certificate.codeHash))"
        return .object([
            "@context": .array([
                "https://www.w3.org/ns/credentials/v2",
                "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
            ]),
            "id": .string(certificate.verificationURL),
            "type": .array(["VerifiableCredential", "OpenBadgeCredential"]),
            "name": .string("\(certificate.seriesTitle): certificate of completion"),
            "issuer": .object([
                "id": .string(issuer.profile), "type": .array(["Profile"]),
                "name": .string(certificate.organizationName),
            ]),
            "validFrom": .string(issued),
            "credentialSubject": .object([
                "id": .string(subject),
                "type": .array(["AchievementSubject"]),
                "identifier": .array([
                    .object([
                        "type": "IdentityObject", "identityType": "name", "hashed": false,
                        "identityHash": .string(certificate.recipientName),
                    ])
                ]),
                "achievement": .object([
                    "id": .string("\(issuer.profile)#series-\(certificate.seriesId)"),
                    "type": .array(["Achievement"]),
                    "achievementType": "CertificateOfCompletion",
                    "name": .string(certificate.seriesTitle),
                    "description": .string(
                        "Completed the webinar series \u{201C}\(certificate.seriesTitle)\u{201D} of "
                            + "\(certificate.organizationName)."),
                    "criteria": .object(["narrative": .string(criteria)]),
                ]),
            ]),
            "iss": .string(issuer.profile),
            "jti": .string(certificate.verificationURL),
            "sub": .string(subject),
            "nbf": .integer(Int64(certificate.issuedAt.timeIntervalSince1970)),
            "iat": .integer(Int64(certificate.issuedAt.timeIntervalSince1970)),
        ])
    }

    /// The compact JWS: `header.payload.signature`, each part base64url.
    func signed(with key: KeyStore.SigningKey) throws -> String {
        let header: JSONValue = .object(["alg": "ES256", "typ": "JWT", "kid": .string(key.kid)])
        let input =
            JWK.base64URL(Data(header.canonicalJSON.utf8)) + "." + JWK.base64URL(Data(payload.canonicalJSON.utf8))
        let signature = try key.privateKey.signature(for: Data(input.utf8))
        return input + "." + JWK.base64URL(signature.rawRepresentation)
    }

    private static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    /// A UUID-shaped name made from the code's digest: stable for the certificate, revealing nothing of the code.
    private static func uuid(from digest: String) -> String {
        let hex = Array(Kernel.Digest.sha256Hex("subject:\(digest)"))
        let parts = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(hex[$0]) }
        return parts.joined(separator: "-")
    }
}

/// Checks a compact ES256 JWT against a set of public keys: what any verifier does, used by tests and the CLI.
enum CredentialCheck {
    /// The payload when the signature verifies with the key its header names; nil otherwise.
    static func verify(_ token: String, keys: [(kid: String, key: P256.Signing.PublicKey)]) -> [String: Any]? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let headerData = JWK.fromBase64URL(parts[0]),
            let header = try? JSONSerialization.jsonObject(with: headerData) as? [String: Any],
            header["alg"] as? String == "ES256", let kid = header["kid"] as? String,
            let key = keys.first(where: { $0.kid == kid })?.key,
            let signatureData = JWK.fromBase64URL(parts[2]),
            let signature = try? P256.Signing.ECDSASignature(rawRepresentation: signatureData),
            key.isValidSignature(signature, for: Data("\(parts[0]).\(parts[1])".utf8)),
            let payloadData = JWK.fromBase64URL(parts[1])
        else { return nil }
        return try? JSONSerialization.jsonObject(with: payloadData) as? [String: Any]
    }
}
