import Foundation
import GRDB
import Kernel

/// Who would get a certificate of a series now: the eligible participants without one (valid or revoked), each
/// with a fresh code and what their certificate would print; never a person erased at their request (their
/// attendance still counts in the series' figures). Read in one snapshot; nothing is written.
struct IssuePlan: Sendable {
    let facts: SeriesFacts
    let eligibility: Eligibility
    /// Certificates to issue, not yet signed nor stored.
    let certificates: [Certificate]
    /// People already holding a certificate of the series (valid or revoked): never issued twice.
    let alreadyIssued: Int

    init(
        series reference: String, organization: Organization.ID, settings: CertificatesSettings, issuedAt: Date,
        actor: String, in db: Database
    ) throws {
        let series = try CertificateQueries.series(reference, runBy: organization, in: db)
        facts = try SeriesFacts(series: series, organization: organization, issuedAt: issuedAt, in: db)
        guard let rule = settings.rule(forPath: facts.path, id: series.id!) else {
            throw CertificatesError.noRule(series: series.id!, path: facts.path)
        }
        eligibility = try Eligibility(series: series, rule: rule, in: db)
        let holders = Set(
            try Person.ID.fetchAll(
                db, sql: "SELECT personId FROM certificates_certificate WHERE seriesId = ?", arguments: [series.id]))
        alreadyIssued = holders.count
        let erased = try PersonDirectory.erased(enrolledIn: series.id!, in: db)
        let names = try PersonDirectory.displayNames(enrolledIn: series.id!, in: db)
        let languages = try PersonDirectory.preferredLanguages(enrolledIn: series.id!, in: db)
        var generator = SystemRandomNumberGenerator()
        let facts = facts
        // Worded once per language, not once per certificate.
        let wordings = Dictionary(
            uniqueKeysWithValues: Language.shipped.map {
                ($0, facts.wording(in: CertificatesPlugin.translations.localizer(for: $0)))
            })
        certificates = eligibility.verdicts.filter {
            $0.eligible && !holders.contains($0.personId) && !erased.contains($0.personId)
        }.map { verdict in
            Certificate.draft(
                person: verdict.personId, name: names[verdict.personId] ?? "", facts: facts,
                wording: wordings[languages[verdict.personId] ?? facts.organization.language ?? .english]!,
                code: VerificationCode(using: &generator), baseURL: settings.verificationBaseURL, issuedAt: issuedAt,
                actor: actor)
        }
    }
}

extension Certificate {
    /// A certificate ready to sign and store.
    static func draft(
        person: Person.ID, name: String, facts: SeriesFacts, wording: SeriesFacts.Wording, code: VerificationCode,
        baseURL: String, issuedAt: Date, actor: String
    ) -> Certificate {
        Certificate(
            id: nil, organizationId: facts.organization.id!, seriesId: facts.series.id!, personId: person,
            code: code.description, codeHash: code.digest, recipientName: name, seriesTitle: facts.series.title,
            organizationName: facts.organization.name, datesLine: wording.datesLine,
            signatories: wording.signatories, verificationURL: "\(baseURL)/verify/\(code)",
            credential: "",
            keyId: "", issuedAt: issuedAt, issuedBy: actor, status: .valid, revokedAt: nil, revokedReason: nil,
            revokedBy: nil, replacesId: nil, statusIndex: nil, language: wording.language.code)
    }
}
