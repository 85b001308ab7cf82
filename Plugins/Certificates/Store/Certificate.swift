import Foundation
import GRDB
import Kernel

/// One issued certificate, as stored.
struct Certificate: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    typealias ID = Identifier<Certificate>

    enum Status: String, Codable, Sendable {
        case valid, revoked
    }

    static let databaseTableName = "certificates_certificate"

    var id: ID?
    var organizationId: Organization.ID
    var seriesId: WebinarSeries.ID
    var personId: Person.ID
    var code: String
    var codeHash: String
    var recipientName: String
    var seriesTitle: String
    var organizationName: String
    var datesLine: String
    /// JSON array of `{name, role}`.
    var signatories: String
    var verificationURL: String
    /// The Open Badges 3.0 credential, a compact VC-JWT.
    var credential: String
    var keyId: String
    var issuedAt: Date
    var issuedBy: String
    var status: Status
    var revokedAt: Date?
    var revokedReason: String?
    var revokedBy: String?
    var replacesId: ID?
    /// The credential's index in the revocation status list (see ``RevocationStatusList``).
    var statusIndex: Int64?
    /// The code of the language the certificate is printed in.
    var language: String = Language.english.code

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = ID(inserted.rowID)
    }

    /// The credential's status list index: the one drawn for it, or (issued before indexes were drawn) its id.
    var statusListIndex: Int64 { statusIndex ?? id!.rawValue }

    /// What the PDF prints.
    var content: CertificateContent {
        let people =
            (try? JSONDecoder().decode([[String: String]].self, from: Data(signatories.utf8))) ?? []
        return CertificateContent(
            organizationName: organizationName, seriesTitle: seriesTitle, recipientName: recipientName,
            datesLine: datesLine, issuedAt: issuedAt,
            signatories: people.map { .init(name: $0["name"] ?? "", role: $0["role"] ?? "") }, code: code,
            verificationURL: verificationURL, language: Language(tag: language) ?? .english)
    }

    static func encode(_ signatories: [CertificateContent.Signatory]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let objects = signatories.map { ["name": $0.name, "role": $0.role] }
        return String(decoding: (try? encoder.encode(objects)) ?? Data("[]".utf8), as: UTF8.self)
    }
}
