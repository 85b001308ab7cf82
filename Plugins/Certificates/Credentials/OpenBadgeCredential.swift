import Crypto
import Foundation
import Kernel

/// A certificate as an Open Badges 3.0 `OpenBadgeCredential` (a W3C Verifiable Credential 2.0), signed as a VC-JWT
/// with RS256 (or ES256, a setting).
///
/// The JWT's payload is the credential itself plus the registered claims `iss`, `jti`, `nbf`, `iat` and `sub`
/// (Open Badges 3.0, section 8.2: no `vc` wrapper). The header's `kid` is the URL the signing key is served at as
/// a JWK (OB 3.0 §8.2), linked from the issuer profile. `credentialStatus` points at the issuer's W3C Bitstring
/// Status List, where revoking the certificate sets its bit.
struct OpenBadgeCredential {
    /// The stable public addresses of an organization as an issuer.
    struct IssuerURLs {
        /// The server's public address the others are under.
        let baseURL: String
        let root: String
        let profile: String
        let keySet: String

        init(baseURL: String, organization: Int64) {
            self.baseURL = baseURL
            root = "\(baseURL)/public/orgs/\(organization)/certificates"
            profile = "\(root)/issuer"
            keySet = "\(root)/jwks.json"
        }

        /// Where the key `kid` (its RFC 7638 thumbprint) is served as a JWK: the header's `kid`.
        func key(_ kid: String) -> String { "\(root)/keys/\(kid)" }

        /// The Bitstring Status List credential of the organization's revocations, signed by the key `kid`: each
        /// credential points at the list its own key signs, so a verifier checks the list with the key it already
        /// trusts (the bits are the same in every list).
        func statusList(_ kid: String) -> String { "\(root)/status/\(kid)" }
    }

    let certificate: Certificate
    let issuer: IssuerURLs
    let criteria: String

    /// The credential as JSON, as signed by the key `kid`.
    func payload(kid: String) -> JSONValue {
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
            "credentialStatus": .object([
                "id": .string("\(issuer.statusList(kid))#\(certificate.statusListIndex)"),
                "type": "BitstringStatusListEntry", "statusPurpose": "revocation",
                "statusListIndex": .string("\(certificate.statusListIndex)"),
                "statusListCredential": .string(issuer.statusList(kid)),
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
        try Self.sign(payload(kid: key.kid), with: key, kid: issuer.key(key.kid))
    }

    /// Signs any payload as a compact JWS whose header names the key by `kid`.
    static func sign(_ payload: JSONValue, with key: KeyStore.SigningKey, kid: String) throws -> String {
        let header: JSONValue = .object(["alg": .string(key.algorithm.rawValue), "typ": "JWT", "kid": .string(kid)])
        let input =
            JWK.base64URL(Data(header.canonicalJSON.utf8)) + "." + JWK.base64URL(Data(payload.canonicalJSON.utf8))
        return input + "." + JWK.base64URL(try key.sign(Data(input.utf8)))
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    /// An RFC 9562 version 4 UUID made from the code's digest: stable for the certificate, revealing nothing of the
    /// code. Its 122 free bits come from the digest (unpredictable to anyone without the code, as random bits
    /// would be); the version nibble is 4 and the variant bits are `10`, as RFC 9562 §5.4 requires.
    static func uuid(from digest: String) -> String {
        var hex = Array(Kernel.Digest.sha256Hex("subject:\(digest)").prefix(32))
        hex[12] = "4"
        let variant = Int(String(hex[16]), radix: 16)! & 0x3 | 0x8
        hex[16] = Character(String(variant, radix: 16))
        let parts = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(hex[$0]) }
        return parts.joined(separator: "-")
    }
}

/// Checks a compact RS256 or ES256 JWT against a set of public keys: what any verifier does, used by tests and the
/// CLI. The header's `kid` is the key's URL (or, in credentials issued before, its bare thumbprint): the key is the
/// one whose thumbprint ends it.
enum CredentialCheck {
    /// The payload when the signature verifies with the key its header names; nil otherwise.
    static func verify(_ token: String, keys: [KeyStore.PublicKey]) -> [String: Any]? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let headerData = JWK.fromBase64URL(parts[0]),
            let header = try? JSONSerialization.jsonObject(with: headerData) as? [String: Any],
            let kid = (header["kid"] as? String)?.split(separator: "/").last.map(String.init),
            let key = keys.first(where: { $0.kid == kid }), header["alg"] as? String == key.algorithm.rawValue,
            let signature = JWK.fromBase64URL(parts[2]),
            key.verifier(Data("\(parts[0]).\(parts[1])".utf8), signature),
            let payloadData = JWK.fromBase64URL(parts[1])
        else { return nil }
        return try? JSONSerialization.jsonObject(with: payloadData) as? [String: Any]
    }
}
