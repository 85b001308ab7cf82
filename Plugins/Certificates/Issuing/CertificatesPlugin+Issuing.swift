import Foundation
import GRDB
import Kernel
import Logging

/// What an issue run did (or, in a dry run, would do).
struct IssueOutcome: Sendable, Encodable {
    struct Issued: Sendable, Encodable {
        let certificateId: Int64?
        let personId: Person.ID
        let code: String
    }

    let seriesId: WebinarSeries.ID
    let dryRun: Bool
    let participants: Int
    let eligible: Int
    let alreadyIssued: Int
    let issued: [Issued]
}

extension CertificatesPlugin {
    /// Issues certificates to every eligible participant of `series` who has none yet.
    ///
    /// All or nothing: every new certificate is drawn first (a name no font covers stops the run before anything is
    /// written), then all are signed and stored in one transaction. Running it again issues only to people who
    /// became eligible since; nobody gets a second certificate, even when two runs race (the transaction skips
    /// anyone issued meanwhile, and a unique index backs it).
    /// - Parameters:
    ///   - progress: Called with (done, total) while certificates are drawn.
    ///   - keepPDF: Receives each drawn PDF after the transaction committed (for `--out`).
    func issue(
        series reference: String, organization: Organization.ID, actor: AuditActor, dryRun: Bool,
        progress: @escaping (Int, Int) -> Void = { _, _ in },
        keepPDF: ((Certificate, Data) throws -> Void)? = nil
    ) async throws -> IssueOutcome {
        let settings = try await settings(for: organization)
        let now = context.now()
        let plan = try await context.store.writer.read { db in
            try IssuePlan(
                series: reference, organization: organization, settings: settings, issuedAt: now,
                actor: actor.name, in: db)
        }
        let renderer = CertificateRenderer(branding: settings.branding)
        var pdfs: [Data] = []
        for (index, certificate) in plan.certificates.enumerated() {
            do {
                let pdf = try renderer.pdf(certificate.content)
                if keepPDF != nil { pdfs.append(pdf) }
            } catch let error as RenderingError {
                throw CertificatesError.rendering(personId: certificate.personId, reason: error.description)
            }
            progress(index + 1, plan.certificates.count)
        }
        let summary = { (issued: [IssueOutcome.Issued]) in
            IssueOutcome(
                seriesId: plan.facts.series.id!, dryRun: dryRun, participants: plan.eligibility.verdicts.count,
                eligible: plan.eligibility.verdicts.filter(\.eligible).count, alreadyIssued: plan.alreadyIssued,
                issued: issued)
        }
        if dryRun {
            return summary(plan.certificates.map { .init(certificateId: nil, personId: $0.personId, code: $0.code) })
        }
        let signed = try sign(plan.certificates, rule: plan.eligibility, organization: organization, settings: settings)
        let stored = try await context.write(as: actor) { transaction in
            try signed.compactMap { certificate -> Certificate? in
                let held =
                    try Bool.fetchOne(
                        transaction.db,
                        sql:
                            "SELECT EXISTS (SELECT 1 FROM certificates_certificate WHERE seriesId = ? AND personId = ?)",
                        arguments: [certificate.seriesId, certificate.personId]) ?? false
                if held { return nil }
                var certificate = certificate
                try certificate.insert(transaction.db)
                return certificate
            }
        }
        context.logger.info(
            "Certificates issued",
            metadata: [
                "series.id": "\(plan.facts.series.id!)", "count": "\(stored.count)", "org.id": "\(organization)",
            ])
        if let keepPDF {
            let byCode = Dictionary(uniqueKeysWithValues: zip(plan.certificates.map(\.code), pdfs))
            for certificate in stored { try keepPDF(certificate, byCode[certificate.code]!) }
        }
        return summary(stored.map { .init(certificateId: $0.id?.rawValue, personId: $0.personId, code: $0.code) })
    }

    /// Signs each certificate's Open Badges credential with the organization's current key.
    func sign(
        _ certificates: [Certificate], rule eligibility: Eligibility, organization: Organization.ID,
        settings: CertificatesSettings
    ) throws -> [Certificate] {
        guard !certificates.isEmpty else { return [] }
        let key = try keys.currentKey(for: organization.rawValue)
        let issuer = OpenBadgeCredential.IssuerURLs(
            baseURL: settings.verificationBaseURL, organization: organization.rawValue)
        let criteria = "Completed " + eligibility.rule.summary(sessionCount: eligibility.sessions.count) + "."
        return try certificates.map { certificate in
            var certificate = certificate
            certificate.keyId = key.kid
            certificate.credential = try OpenBadgeCredential(
                certificate: certificate, issuer: issuer, criteria: criteria
            )
            .signed(with: key)
            return certificate
        }
    }
}
