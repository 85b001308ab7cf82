import Foundation
import GRDB
import Kernel
import Logging

extension CertificatesPlugin {
    /// Revokes a valid certificate; its verification page then says "revoked" with the date.
    func revoke(
        _ id: Certificate.ID, reason: String, organization: Organization.ID, actor: AuditActor
    ) async throws -> Certificate {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw CertificatesError.emptyReason }
        if let problem = FieldRules.textProblem(reason, limit: 500) {
            throw KernelError.invalidField(field: "reason", reason: FieldReason(field: problem))
        }
        let revoked = try await context.write(as: actor) { transaction in
            var certificate = try Self.owned(id, by: organization, in: transaction.db)
            guard certificate.status == .valid else { throw CertificatesError.alreadyRevoked(id.rawValue) }
            try Self.markRevoked(&certificate, reason: reason, in: transaction)
            return certificate
        }
        context.logger.notice(
            "Certificate revoked", metadata: ["certificate.id": "\(id)", "org.id": "\(organization)"])
        return revoked
    }

    /// Issues a new certificate in place of `id`, printing the person's current name in their current language,
    /// with a new code, and sends it to them (the old one's e-mail is withdrawn if it had not left yet).
    ///
    /// - A valid certificate (after a name fix): the old one is revoked ("re-issued"), so a printed copy with the
    ///   old name no longer verifies as valid. Eligibility is not checked again: the person earned it already.
    /// - A revoked certificate (revoked in error, or before a correction): the old one stays revoked with its
    ///   reason, and the person gets a new one if they hold no valid certificate of the series and the rule says
    ///   they are eligible now.
    func reissue(
        _ id: Certificate.ID, organization: Organization.ID, actor: AuditActor, server: String? = nil
    ) async throws -> Certificate {
        let settings = try await issuingSettings(for: organization, server: server)
        let now = context.now()
        let (old, draft, eligibility) = try await context.store.read { db in
            let old = try Self.owned(id, by: organization, in: db)
            guard try !PersonDirectory.isErased(old.personId, in: db) else {
                throw CertificatesError.holderErased(id.rawValue)
            }
            let series = try CertificateQueries.series("\(old.seriesId.rawValue)", runBy: organization, in: db)
            let facts = try SeriesFacts(series: series, organization: organization, issuedAt: now, in: db)
            guard let rule = settings.rule(forPath: facts.path, id: series.id!) else {
                throw CertificatesError.noRule(series: series.id!, path: facts.path)
            }
            if old.status == .revoked {
                try Self.requireReplaceable(old, in: db)
                let verdict = try Eligibility(series: series, rule: rule, in: db).verdicts
                    .first { $0.personId == old.personId }
                guard verdict?.eligible == true else { throw CertificatesError.notEligible(id.rawValue) }
            }
            // The holder's name and language as they are now (a re-issue follows a name fix, or a new choice of
            // language), else those of the certificate replaced.
            let holder = try PersonDirectory.addressee(old.personId, in: db)
            let language = holder?.language ?? Language(tag: old.language) ?? .english
            var generator = SystemRandomNumberGenerator()
            let draft = Certificate.draft(
                person: old.personId, name: holder?.name ?? old.recipientName, facts: facts,
                wording: facts.wording(in: Self.translations.localizer(for: language)),
                code: VerificationCode(using: &generator), baseURL: settings.verificationBaseURL, issuedAt: now,
                actor: actor.name)
            return (old, draft, try Eligibility(series: series, rule: rule, in: db))
        }
        let logo = try await context.store.read { db in try CertificateLogos.png(of: organization, in: db) }
        let pdf: Data
        do {
            pdf = try CertificateRenderer(branding: settings.branding(logo: logo)).pdf(draft.content)
        } catch let error as RenderingError {
            throw CertificatesError.rendering(personId: draft.personId, reason: error)
        }
        let signer = try signer(rule: eligibility, organization: organization, settings: settings)
        var draftReplacing = draft
        draftReplacing.replacesId = old.id
        let replacement = draftReplacing
        let inserted = try await context.write(as: actor) { transaction in
            var current = try Self.owned(id, by: organization, in: transaction.db)
            if current.status == .valid {
                try Self.markRevoked(&current, reason: "re-issued", in: transaction)
            } else {
                // Checked again in the transaction: a concurrent issue or re-issue may have given one meanwhile.
                try Self.requireReplaceable(current, in: transaction.db)
            }
            let inserted = try signer.store(replacement, in: transaction.db)
            try CertificateDocuments.store(pdf, for: inserted.id!, in: transaction.db)
            try tellHolder(inserted, pdf: pdf, in: transaction)
            try transaction.auditCertificate(
                "certificates.reissued", inserted, detail: ["replacesId": .integer(current.id!.rawValue)])
            return inserted
        }
        context.logger.notice(
            "Certificate re-issued",
            metadata: ["certificate.id": "\(id)", "replacement.id": "\(inserted.id!)", "org.id": "\(organization)"])
        return inserted
    }

    /// Revokes `certificate` in `transaction`: stored with the reason, who and when, audited, and its e-mail withdrawn
    /// if it has not left yet (a holder is never congratulated on a certificate that no longer verifies).
    private static func markRevoked(
        _ certificate: inout Certificate, reason: String, in transaction: WriteTransaction
    ) throws {
        certificate.status = .revoked
        certificate.revokedAt = transaction.now
        certificate.revokedReason = reason
        certificate.revokedBy = transaction.actor.name
        try certificate.update(transaction.db)
        try transaction.auditCertificate("certificates.revoked", certificate)
        try withdrawMail(of: certificate, in: transaction)
    }

    /// Refuses to replace a revoked certificate whose holder has a valid certificate of the series (that one is
    /// the one to re-issue).
    static func requireReplaceable(_ revoked: Certificate, in db: Database) throws {
        let valid = try Certificate.filter(
            Column("seriesId") == revoked.seriesId && Column("personId") == revoked.personId
                && Column("status") == Certificate.Status.valid.rawValue
        ).fetchOne(db)
        if let valid { throw CertificatesError.holdsValid(revoked.id!.rawValue, valid: valid.id!.rawValue) }
    }

    /// The certificate `id` of `organization`.
    static func owned(_ id: Certificate.ID, by organization: Organization.ID, in db: Database) throws -> Certificate {
        guard let certificate = try Certificate.fetchOne(db, key: id), certificate.organizationId == organization else {
            throw CertificatesError.unknownCertificate(id.rawValue)
        }
        return certificate
    }
}
