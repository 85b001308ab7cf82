import Foundation
import GRDB
import Kernel

/// A certificate as listed to administrators (the credential and code hash left out).
struct CertificateSummary: Sendable, Encodable {
    let id: Int64
    let seriesId: WebinarSeries.ID
    let personId: Person.ID
    let recipientName: String
    let code: String
    let verificationURL: String
    let status: Certificate.Status
    let issuedAt: Date
    let revokedAt: Date?
    let revokedReason: String?
    let replacesId: Int64?

    init(_ certificate: Certificate) {
        id = certificate.id!.rawValue
        seriesId = certificate.seriesId
        personId = certificate.personId
        recipientName = certificate.recipientName
        code = certificate.code
        verificationURL = certificate.verificationURL
        status = certificate.status
        issuedAt = certificate.issuedAt
        revokedAt = certificate.revokedAt
        revokedReason = certificate.revokedReason
        replacesId = certificate.replacesId?.rawValue
    }
}

/// A participant's eligibility, with the name, for administrators.
struct EligibilityLine: Sendable, Encodable {
    let personId: Person.ID
    let name: String
    let eligible: Bool
    let certificate: Certificate.Status?
    let explanation: VerdictExplanation
}

/// Reads for the commands and routes.
enum CertificateQueries {
    /// Every participant of `series` with the verdict of the organization's rule.
    static func eligibility(
        series reference: String, organization: Organization.ID, settings: CertificatesSettings, in db: Database
    ) throws -> [EligibilityLine] {
        let series = try CertificateQueries.series(reference, runBy: organization, in: db)
        let facts = try SeriesFacts(series: series, organization: organization, issuedAt: Date(), in: db)
        guard let rule = settings.rule(forPath: facts.path, id: series.id!) else {
            throw CertificatesError.noRule(series: series.id!, path: facts.path)
        }
        let eligibility = try Eligibility(series: series, rule: rule, in: db)
        let names = try PersonDirectory.displayNames(enrolledIn: series.id!, in: db)
        var held: [Person.ID: Certificate.Status] = [:]
        for certificate in try Certificate.filter(Column("seriesId") == series.id).order(Column("id")).fetchAll(db) {
            held[certificate.personId] =
                certificate.status == .valid ? .valid : (held[certificate.personId] ?? .revoked)
        }
        return eligibility.verdicts.map {
            EligibilityLine(
                personId: $0.personId, name: names[$0.personId] ?? "", eligible: $0.eligible,
                certificate: held[$0.personId], explanation: $0.explanation)
        }
    }

    /// The certificates of `series`, oldest first.
    static func list(series reference: String, organization: Organization.ID, in db: Database) throws
        -> [CertificateSummary]
    {
        let series = try CertificateQueries.series(reference, runBy: organization, in: db)
        return try Certificate.filter(Column("seriesId") == series.id && Column("organizationId") == organization)
            .order(Column("id")).fetchAll(db).map(CertificateSummary.init)
    }

    /// The series `reference` names, if `organization` runs it and it is not a draft: the one rule of the staff pages,
    /// the API and the commands. A network's coordinator manages a member's series at the member's address.
    /// - Throws: ``CertificatesError/unknownSeries(_:)`` otherwise, the same whether the series does not exist or
    ///   belongs to someone else.
    static func series(_ reference: String, runBy organization: Organization.ID, in db: Database) throws
        -> WebinarSeries
    {
        guard let found = try? Lookup.series(reference, in: db),
            let series = try OrganizationSeries.series(found.id!, runBy: organization, in: db)
        else { throw CertificatesError.unknownSeries(reference) }
        return series
    }
}
