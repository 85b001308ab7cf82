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
            throw KernelError.invalidField(field: "reason", reason: problem)
        }
        let revoked = try await context.write(as: actor) { transaction in
            var certificate = try Self.owned(id, by: organization, in: transaction.db)
            guard certificate.status == .valid else { throw CertificatesError.alreadyRevoked(id.rawValue) }
            certificate.status = .revoked
            certificate.revokedAt = transaction.now
            certificate.revokedReason = reason
            certificate.revokedBy = transaction.actor.name
            try certificate.update(transaction.db)
            return certificate
        }
        context.logger.notice(
            "Certificate revoked", metadata: ["certificate.id": "\(id)", "org.id": "\(organization)"])
        return revoked
    }

    /// Replaces a valid certificate with a new one printing the person's current name (after a name fix): the old
    /// one is revoked ("re-issued") and the new one gets a new code, so a printed copy with the old name no longer
    /// verifies as valid. Eligibility is not checked again: the person earned it already.
    func reissue(_ id: Certificate.ID, organization: Organization.ID, actor: AuditActor) async throws -> Certificate {
        let settings = try await settings(for: organization)
        let now = context.now()
        let (old, draft, eligibility) = try await context.store.writer.read { db in
            let old = try Self.owned(id, by: organization, in: db)
            guard old.status == .valid else { throw CertificatesError.revokedCannotBeReissued(id.rawValue) }
            let series = try CertificateQueries.series("\(old.seriesId.rawValue)", runBy: organization, in: db)
            let facts = try SeriesFacts(series: series, organization: organization, issuedAt: now, in: db)
            guard let rule = settings.rule(forPath: facts.path, id: series.id!) else {
                throw CertificatesError.noRule(series: series.id!, path: facts.path)
            }
            let name = try PersonDirectory.displayName(of: old.personId, in: db)
            var generator = SystemRandomNumberGenerator()
            let draft = Certificate.draft(
                person: old.personId, name: name ?? old.recipientName, facts: facts,
                code: VerificationCode(using: &generator), baseURL: settings.verificationBaseURL, issuedAt: now,
                actor: actor.name)
            return (old, draft, try Eligibility(series: series, rule: rule, in: db))
        }
        do {
            _ = try CertificateRenderer(branding: settings.branding).pdf(draft.content)
        } catch let error as RenderingError {
            throw CertificatesError.rendering(personId: draft.personId, reason: error.description)
        }
        var signed = try sign([draft], rule: eligibility, organization: organization, settings: settings)[0]
        signed.replacesId = old.id
        let replacement = signed
        let inserted = try await context.write(as: actor) { transaction in
            var current = try Self.owned(id, by: organization, in: transaction.db)
            guard current.status == .valid else { throw CertificatesError.revokedCannotBeReissued(id.rawValue) }
            current.status = .revoked
            current.revokedAt = transaction.now
            current.revokedReason = "re-issued"
            current.revokedBy = transaction.actor.name
            try current.update(transaction.db)
            var inserted = replacement
            try inserted.insert(transaction.db)
            return inserted
        }
        context.logger.notice(
            "Certificate re-issued",
            metadata: ["certificate.id": "\(id)", "replacement.id": "\(inserted.id!)", "org.id": "\(organization)"])
        return inserted
    }

    /// The certificate `id` of `organization`.
    static func owned(_ id: Certificate.ID, by organization: Organization.ID, in db: Database) throws -> Certificate {
        guard let certificate = try Certificate.fetchOne(db, key: id), certificate.organizationId == organization else {
            throw CertificatesError.unknownCertificate(id.rawValue)
        }
        return certificate
    }
}
