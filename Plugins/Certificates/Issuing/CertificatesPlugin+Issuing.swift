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

    /// A participant whose certificate could not be drawn (a character no installed font has): not issued, and
    /// named by id only. Everyone else is issued.
    struct NotIssued: Sendable, Encodable, Equatable {
        let personId: Person.ID
        let reason: String
    }

    let seriesId: WebinarSeries.ID
    let dryRun: Bool
    let participants: Int
    let eligible: Int
    let alreadyIssued: Int
    let issued: [Issued]
    let notIssued: [NotIssued]
}

extension CertificatesPlugin {
    /// Issues certificates to every eligible participant of `series` who has none yet.
    ///
    /// Every new certificate is drawn first; one that cannot be drawn (a name with a character no installed font
    /// has) is reported, by person id, and left out, and all the others are signed and stored in one transaction. Running it again issues only to people who
    /// became eligible since; nobody gets a second certificate, even when two runs race (the transaction skips
    /// anyone issued meanwhile, and a unique index backs it).
    /// - Parameters:
    ///   - progress: Called with (done, total) while certificates are drawn, on the thread that draws them.
    ///   - keepPDF: Receives each drawn PDF after the transaction committed (for `--out`).
    ///   - server: The server's base URL, where verification links point unless a setting says otherwise.
    func issue(
        series reference: String, organization: Organization.ID, actor: AuditActor, dryRun: Bool,
        server: String? = nil,
        progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in },
        keepPDF: ((Certificate, Data) throws -> Void)? = nil
    ) async throws -> IssueOutcome {
        let settings = try await issuingSettings(for: organization, server: server)
        let now = context.now()
        let plan = try await context.store.read { db in
            try IssuePlan(
                series: reference, organization: organization, settings: settings, issuedAt: now,
                actor: actor.name, in: db)
        }
        let logo = try await context.store.read { db in try CertificateLogos.png(of: organization, in: db) }
        let renderer = CertificateRenderer(branding: settings.branding(logo: logo))
        // Every PDF is kept with its certificate: a download is always the file issued.
        let drawing = try await CertificateDrawing.draw(plan.certificates, with: renderer, progress: progress)
        // Cancelled after the last certificate was drawn: nothing is stored either.
        try Task.checkCancellation()
        let (drawn, notIssued) = (drawing.drawn, drawing.notIssued)
        if !notIssued.isEmpty {
            context.logger.warning(
                "Certificates not drawn",
                metadata: [
                    "series.id": "\(plan.facts.series.id!)", "org.id": "\(organization)",
                    "person.ids": "\(notIssued.map(\.personId.rawValue))",
                ])
        }
        let summary = { (issued: [IssueOutcome.Issued]) in
            IssueOutcome(
                seriesId: plan.facts.series.id!, dryRun: dryRun, participants: plan.eligibility.verdicts.count,
                eligible: plan.eligibility.verdicts.filter(\.eligible).count, alreadyIssued: plan.alreadyIssued,
                issued: issued, notIssued: notIssued)
        }
        if dryRun {
            return summary(
                drawn.map { .init(certificateId: nil, personId: $0.certificate.personId, code: $0.certificate.code) })
        }
        let signer = try signer(rule: plan.eligibility, organization: organization, settings: settings)
        let byCode = Dictionary(uniqueKeysWithValues: drawn.map { ($0.certificate.code, $0.pdf) })
        let drafts = drawn.map(\.certificate)
        let stored = try await context.write(as: actor) { transaction in
            try drafts.compactMap { draft -> Certificate? in
                let held =
                    try Bool.fetchOne(
                        transaction.db,
                        sql:
                            "SELECT EXISTS (SELECT 1 FROM certificates_certificate WHERE seriesId = ? AND personId = ?)",
                        arguments: [draft.seriesId, draft.personId]) ?? false
                if held { return nil }
                let certificate = try signer.store(draft, in: transaction.db)
                try CertificateDocuments.store(byCode[certificate.code]!, for: certificate.id!, in: transaction.db)
                try tellHolder(certificate, pdf: byCode[certificate.code]!, in: transaction)
                try transaction.auditCertificate("certificates.issued", certificate)
                return certificate
            }
        }
        context.logger.info(
            "Certificates issued",
            metadata: [
                "series.id": "\(plan.facts.series.id!)", "count": "\(stored.count)", "org.id": "\(organization)",
            ])
        if let keepPDF {
            for certificate in stored { try keepPDF(certificate, byCode[certificate.code]!) }
        }
        return summary(stored.map { .init(certificateId: $0.id?.rawValue, personId: $0.personId, code: $0.code) })
    }

    /// What signs certificates' credentials: the organization's current key for its algorithm, its issuer
    /// addresses and the rule's criteria.
    func signer(rule eligibility: Eligibility, organization: Organization.ID, settings: CertificatesSettings) throws
        -> CredentialSigner
    {
        CredentialSigner(
            key: try keys.currentKey(for: organization.rawValue, algorithm: settings.algorithm),
            issuer: OpenBadgeCredential.IssuerURLs(
                baseURL: settings.verificationBaseURL, organization: organization.rawValue),
            criteria: "Completed " + eligibility.rule.summary(sessionCount: eligibility.sessions.count) + ".")
    }
}

/// Stores a certificate and signs its Open Badges credential in the same transaction, with a status list index
/// drawn at random among those the organization has not used.
struct CredentialSigner: Sendable {
    let key: KeyStore.SigningKey
    let issuer: OpenBadgeCredential.IssuerURLs
    let criteria: String

    /// Inserts `draft`, then signs and saves its credential.
    func store(_ draft: Certificate, in db: Database) throws -> Certificate {
        var certificate = draft
        certificate.statusIndex = try RevocationStatusList.freeIndex(organization: draft.organizationId, in: db)
        try certificate.insert(db)
        certificate.keyId = key.kid
        certificate.credential = try OpenBadgeCredential(certificate: certificate, issuer: issuer, criteria: criteria)
            .signed(with: key)
        try certificate.update(db)
        return certificate
    }
}
