import CompressNIO
import Foundation
import GRDB
import Hummingbird
import Kernel

/// The organization's revocations as a W3C Bitstring Status List (v1.0): bit `i` is set when the certificate whose
/// credential has `statusListIndex` `i` is revoked. Indexes are drawn at random (``freeIndex(organization:in:)``). Served as a signed `BitstringStatusListCredential`, so a
/// verifier that checks status reports a revoked credential as revoked; revoking flips the bit at once.
enum RevocationStatusList {
    /// The smallest list the specification allows (16 KB), which keeps a holder's index unguessable among many.
    static let minimumBits = 131_072

    /// `u` + base64url (no padding) of the GZIP-compressed bitstring, first index in the most significant bit.
    static func encodedList(revoked: [Int64]) throws -> String {
        let bits = max(minimumBits, Int(((revoked.max() ?? 0) / 8 + 1) * 8))
        var bytes = [UInt8](repeating: 0, count: bits / 8)
        for index in revoked where index >= 0 {
            bytes[Int(index / 8)] |= 0x80 >> UInt8(index % 8)
        }
        var buffer = ByteBuffer(bytes: bytes)
        let compressed = try buffer.compress(with: .gzip())
        return "u" + JWK.base64URL(Data(compressed.readableBytesView))
    }

    /// The status list credential's payload for `organization`, dated by its latest revocation (or its first
    /// certificate), so the same revocations give the same credential.
    static func payload(
        organization: Organization.ID, issuer: OpenBadgeCredential.IssuerURLs, kid: String, in db: Database
    ) throws -> JSONValue {
        let url = issuer.statusList(kid)
        let revoked = try Int64.fetchAll(
            db,
            sql: """
                SELECT coalesce(statusIndex, id) FROM certificates_certificate
                WHERE organizationId = ? AND status = 'revoked'
                """, arguments: [organization])
        let dated =
            try Date.fetchOne(
                db,
                sql: """
                    SELECT max(coalesce(revokedAt, issuedAt)) FROM certificates_certificate WHERE organizationId = ?
                    """, arguments: [organization]) ?? Date(timeIntervalSince1970: 0)
        let seconds = Int64(dated.timeIntervalSince1970)
        return .object([
            "@context": .array(["https://www.w3.org/ns/credentials/v2"]),
            "id": .string(url),
            "type": .array(["VerifiableCredential", "BitstringStatusListCredential"]),
            "issuer": .string(issuer.profile),
            "validFrom": .string(OpenBadgeCredential.timestamp(dated)),
            "credentialSubject": .object([
                "id": .string("\(url)#list"), "type": "BitstringStatusList",
                "statusPurpose": "revocation", "encodedList": .string(try encodedList(revoked: revoked)),
            ]),
            "iss": .string(issuer.profile), "jti": .string(url), "nbf": .integer(seconds),
            "iat": .integer(seconds),
        ])
    }

    /// An index no certificate of `organization` uses, drawn at random from the list's 131,072 (after a few
    /// collisions, the next free one above the largest in use: the list then grows).
    static func freeIndex(organization: Organization.ID, in db: Database) throws -> Int64 {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<32 {
            let candidate = Int64.random(in: 0..<Int64(minimumBits), using: &generator)
            let used = try Bool.fetchOne(
                db,
                sql: """
                    SELECT EXISTS (SELECT 1 FROM certificates_certificate
                    WHERE organizationId = ? AND coalesce(statusIndex, id) = ?)
                    """, arguments: [organization, candidate])
            if used != true { return candidate }
        }
        let largest = try Int64.fetchOne(
            db, sql: "SELECT max(coalesce(statusIndex, id)) FROM certificates_certificate WHERE organizationId = ?",
            arguments: [organization])
        return max(Int64(minimumBits), (largest ?? 0) + 1)
    }

    /// Whether `index` is set in an `encodedList` (what a verifier does; used by tests).
    static func isSet(_ index: Int, in encodedList: String) throws -> Bool? {
        guard encodedList.hasPrefix("u"), let data = JWK.fromBase64URL(encodedList.dropFirst()) else { return nil }
        var buffer = ByteBuffer(bytes: data)
        let bytes = Array(try buffer.decompress(with: .gzip(), maxSize: 16 << 20).readableBytesView)
        guard index / 8 < bytes.count else { return nil }
        return bytes[index / 8] & (0x80 >> UInt8(index % 8)) != 0
    }
}
