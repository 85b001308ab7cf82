import Crypto
import Foundation
import GRDB
import Kernel

/// What the public may learn from a verification code: the name, series, organization, issue date and status.
/// Nothing else about the person (no e-mail, no id, no revocation reason).
struct Verification: Sendable, Encodable, Equatable {
    let code: String
    let status: Certificate.Status
    let recipientName: String
    let seriesTitle: String
    let organizationName: String
    let issuedOn: String
    let revokedOn: String?
    /// For the page (not in the JSON): the instants, the series' zone they are dated in, and the language the
    /// certificate is printed in.
    var issuedAt = Date(timeIntervalSince1970: 0)
    var revokedAt: Date?
    var zone = "UTC"
    var language = Language.english.code

    private enum CodingKeys: String, CodingKey {
        case code, status, recipientName, seriesTitle, organizationName, issuedOn, revokedOn
    }

    /// Looks a typed code up, with the same work whether or not it exists, and answers only where the kernel's
    /// gate lets the plugin serve the certificate's organization (a public surface): a certificate of an
    /// organization that disabled the plugin is not found either.
    static func find(_ typed: String, store: Store, gate: PluginGate) async throws -> Verification? {
        let found = try await store.read { db in try lookUp(typed, in: db) }
        // The gate is asked whether or not the code was found (for nobody, then), so both take the same work.
        let served = try? await gate.organization(
            found?.organization ?? Organization.ID(0), plugin: CertificatesPlugin.id, scope: Scope(.anonymous),
            surface: .anonymous)
        return served == nil ? nil : found?.verification
    }

    /// The certificate a typed code names, and the organization that issued it.
    ///
    /// The database is searched by the SHA-256 of the code (an index lookup on a hash says nothing about how close
    /// a guess was), the stored hash is compared in constant time, and a malformed code is hashed and looked up
    /// like any other, so neither a wrong code nor a wrong format answers faster.
    private static func lookUp(_ typed: String, in db: Database) throws -> (
        verification: Verification, organization: Organization.ID
    )? {
        let code = VerificationCode(typed: typed)
        let digest = code?.digest ?? Kernel.Digest.sha256Hex("malformed:" + typed)
        let row = try Row.fetchOne(
            db, sql: "SELECT * FROM certificates_certificate WHERE codeHash = ?", arguments: [digest])
        // The kernel's reads run whether or not the code was found (for nobody, then), so both take the same work.
        let organization = Organization.ID(row?["organizationId"] ?? 0)
        let seriesId = WebinarSeries.ID(row?["seriesId"] ?? 0)
        let series = try? Lookup.series(String(seriesId.rawValue), in: db)
        let stored: String = row?["codeHash"] ?? String(repeating: "0", count: 64)
        let same = constantTimeEquals(Array(stored.utf8), Array(digest.utf8))
        guard let row, let series, same, code != nil else { return nil }
        let certificate = try Certificate(row: row)
        // The day as printed on the certificate: in the series' time zone.
        let zone = TimeZone(identifier: series.timeZone) ?? TimeZone(identifier: "UTC")!
        let verification = Verification(
            code: certificate.code, status: certificate.status, recipientName: certificate.recipientName,
            seriesTitle: certificate.seriesTitle, organizationName: certificate.organizationName,
            issuedOn: SeriesFacts.day(certificate.issuedAt, in: zone),
            revokedOn: certificate.revokedAt.map { SeriesFacts.day($0, in: zone) }, issuedAt: certificate.issuedAt,
            revokedAt: certificate.revokedAt, zone: zone.identifier, language: certificate.language)
        return (verification, organization)
    }

    private static func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
