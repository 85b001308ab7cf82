import Foundation
import GRDB
import Kernel
import KernelTesting
import Testing

@testable import Certificates

@Suite("Issuing: to the eligible only, never twice, revocation and re-issue")
struct IssuingTests {
    @Test("a dry run writes nothing; issuing gives each eligible person one certificate; a rerun gives none")
    func issueOnce() async throws {
        let fixture = try await CertificatesFixture()
        let plan = try await fixture.issue(dryRun: true)
        #expect(plan.issued.count == 2 && plan.dryRun)
        #expect(try await fixture.certificates().isEmpty)

        let first = try await fixture.issue()
        #expect(first.issued.count == 2)
        let stored = try await fixture.certificates()
        let expected = Set([try await fixture.person("amina@example.org"), try await fixture.person("zoe@example.org")])
        #expect(Set(stored.map(\.personId)) == expected)
        #expect(
            stored.allSatisfy {
                $0.status == .valid && $0.verificationURL.hasPrefix("https://indaba.example.org/verify/")
            })
        #expect(Set(stored.map(\.code)).count == 2)

        let second = try await fixture.issue()
        #expect(second.issued.isEmpty && second.alreadyIssued == 2)
        #expect(try await fixture.certificates().count == 2)
    }

    @Test("after more attendance is recorded, a rerun issues only to the newly eligible")
    func newlyEligible() async throws {
        let fixture = try await CertificatesFixture()
        _ = try await fixture.issue()
        let han = try await fixture.person("han@example.org")
        let series = fixture.series.id!
        try await fixture.harness.workspace.write(as: AuditActor("test")) { transaction in
            let feedback = try Session.filter(Column("seriesId") == series && Column("slug") == "feedback")
                .fetchOne(transaction.db)!
            _ = try transaction.recordAttendance(of: han, at: feedback.id!, status: .present)
        }
        let rerun = try await fixture.issue()
        #expect(rerun.issued.map(\.personId) == [han])
        #expect(try await fixture.certificates().count == 3)
    }

    @Test("a revoked certificate says revoked, and its holder is not issued another by a rerun")
    func revoke() async throws {
        let fixture = try await CertificatesFixture()
        _ = try await fixture.issue()
        let certificate = try await fixture.certificates()[0]
        let revoked = try await fixture.plugin.revoke(
            certificate.id!, reason: "issued in error", organization: fixture.organization, actor: AuditActor("test"))
        #expect(revoked.status == .revoked && revoked.revokedAt != nil)
        let workspace = fixture.harness.workspace
        let verification = try await Verification.find(certificate.code, store: workspace.store, gate: workspace.gate)
        #expect(verification?.status == .revoked)
        #expect(verification?.revokedOn != nil)
        await #expect(throws: CertificatesError.alreadyRevoked(certificate.id!.rawValue)) {
            try await fixture.plugin.revoke(
                certificate.id!, reason: "again", organization: fixture.organization, actor: AuditActor("test"))
        }
        await #expect(throws: CertificatesError.emptyReason) {
            try await fixture.plugin.revoke(
                certificate.id!, reason: "  ", organization: fixture.organization, actor: AuditActor("test"))
        }
        #expect(try await fixture.issue().issued.isEmpty)
    }

    @Test("issuing, revoking and re-issuing are audited, one entry per certificate, naming ids only")
    func audited() async throws {
        let fixture = try await CertificatesFixture()
        _ = try await fixture.issue(dryRun: true)
        _ = try await fixture.issue()
        let issued = try await fixture.certificates()
        let actor = AuditActor("test")
        _ = try await fixture.plugin.revoke(
            issued[0].id!, reason: "issued in error", organization: fixture.organization, actor: actor)
        let replacement = try await fixture.plugin.reissue(
            issued[1].id!, organization: fixture.organization, actor: actor)
        let entries = try await fixture.harness.workspace.store.read { db in
            try Row.fetchAll(
                db,
                sql:
                    "SELECT action, subject, pluginId, detail FROM auditLog WHERE action LIKE 'certificates.%' ORDER BY id"
            ).map { [$0["action"], $0["subject"], $0["pluginId"], $0["detail"]] as [String] }
        }
        let subject = { (certificate: Certificate) in "certificate:\(certificate.id!.rawValue)" }
        #expect(
            entries.map { Array($0.prefix(2)) } == [
                ["certificates.issued", subject(issued[0])], ["certificates.issued", subject(issued[1])],
                ["certificates.revoked", subject(issued[0])], ["certificates.revoked", subject(issued[1])],
                ["certificates.reissued", subject(replacement)],
            ])
        #expect(entries.allSatisfy { $0[2] == "certificates" })
        let details = entries.map { $0[3] }
        #expect(details.last?.contains("\"replacesId\":\(issued[1].id!.rawValue)") == true)
        #expect(details.allSatisfy { $0.contains("\"personId\":") && $0.contains("\"seriesId\":") })
        for certificate in issued { #expect(!details.contains { $0.contains(certificate.recipientName) }) }
    }

    @Test("the series report counts valid and revoked certificates and the eligible still without one; no names")
    func reportSection() async throws {
        let fixture = try await CertificatesFixture()
        let organization = try await fixture.harness.workspace.read { db in
            try Organization.fetchOne(db, key: fixture.organization)!
        }
        let request = SeriesReportRequest(series: fixture.series, organization: organization, now: Date())
        var section = try await fixture.plugin.seriesReportSections(for: request)[0]
        #expect(section.title == "Certificates")
        #expect(section.markdown.contains("0 certificates are valid. 0 certificates were revoked."))
        #expect(section.markdown.contains("2 eligible participants have no certificate yet."))
        _ = try await fixture.issue()
        let certificate = try await fixture.certificates()[0]
        _ = try await fixture.plugin.revoke(
            certificate.id!, reason: "issued in error", organization: fixture.organization, actor: AuditActor("test"))
        section = try await fixture.plugin.seriesReportSections(for: request)[0]
        #expect(section.markdown.contains("1 certificate is valid"))
        #expect(section.markdown.contains("1 certificate was revoked."))
        #expect(section.markdown.contains("1 eligible participant has no certificate yet."))
        #expect(!section.markdown.contains("Amina") && !section.html.markup.contains("Amina"))
    }

    @Test("a rule its series cannot meet (saved on the command line) is explained in the report, not a failure")
    func reportWithAMisfitRule() async throws {
        let fixture = try await CertificatesFixture()
        let registry = fixture.harness.workspace.registry
        let misfit: JSONValue = .array([
            .object([
                "series": "certnet/webinars/inclusive", "minimumSessions": 1, "requiredSessions": .array(["ghost"]),
            ])
        ])
        try await fixture.harness.workspace.write(as: AuditActor("test")) {
            try $0.changeSettings(of: "certificates", for: fixture.organization, ["rules": misfit], registry: registry)
        }
        let organization = try await fixture.harness.workspace.read { db in
            try Organization.fetchOne(db, key: fixture.organization)!
        }
        let request = SeriesReportRequest(series: fixture.series, organization: organization, now: Date())
        let section = try await fixture.plugin.seriesReportSections(for: request)[0]
        #expect(section.title == "Certificates")
        #expect(section.markdown.contains("does not fit it: the series has no session 'ghost'"))
    }

    @Test("after a name fix, re-issuing prints the new name with a new code and revokes the old certificate")
    func reissue() async throws {
        let fixture = try await CertificatesFixture()
        _ = try await fixture.issue()
        let zoe = try await fixture.person("zoe@example.org")
        let old = try await fixture.certificates().first { $0.personId == zoe }!
        try await fixture.harness.workspace.write(as: AuditActor("test")) { transaction in
            try transaction.db.execute(
                sql: "UPDATE person SET displayName = 'Zoë Ndlovu-Moyo' WHERE id = ?", arguments: [zoe])
        }
        let replacement = try await fixture.plugin.reissue(
            old.id!, organization: fixture.organization, actor: AuditActor("test"))
        #expect(replacement.recipientName == "Zoë Ndlovu-Moyo")
        #expect(replacement.code != old.code && replacement.replacesId == old.id)
        let all = try await fixture.certificates()
        #expect(all.first { $0.id == old.id }?.status == .revoked)
        #expect(all.first { $0.id == old.id }?.revokedReason == "re-issued")
        #expect(all.filter { $0.personId == zoe && $0.status == .valid }.map(\.id) == [replacement.id])
    }

    @Test("revoked, then issued anew: a new valid certificate with a new code; the old stays revoked with its reason")
    func revokeThenIssueAnew() async throws {
        let fixture = try await CertificatesFixture()
        _ = try await fixture.issue()
        let old = try await fixture.certificates()[0]
        let actor = AuditActor("test")
        _ = try await fixture.plugin.revoke(
            old.id!, reason: "issued in error", organization: fixture.organization, actor: actor)
        let new = try await fixture.plugin.reissue(old.id!, organization: fixture.organization, actor: actor)
        #expect(new.status == .valid && new.code != old.code && new.personId == old.personId)
        #expect(new.replacesId == old.id)
        let stored = try await fixture.certificates().first { $0.id == old.id }!
        #expect(stored.status == .revoked && stored.revokedReason == "issued in error")
        let workspace = fixture.harness.workspace
        #expect(try await Verification.find(old.code, store: workspace.store, gate: workspace.gate)?.status == .revoked)
        #expect(try await Verification.find(new.code, store: workspace.store, gate: workspace.gate)?.status == .valid)
        // The holder now has a valid certificate: the revoked one cannot give a second.
        await #expect(throws: CertificatesError.holdsValid(old.id!.rawValue, valid: new.id!.rawValue)) {
            try await fixture.plugin.reissue(old.id!, organization: fixture.organization, actor: actor)
        }
    }

    @Test("a revoked certificate of someone no longer eligible gives no new one")
    func revokedAndIneligible() async throws {
        let fixture = try await CertificatesFixture()
        _ = try await fixture.issue()
        let zoe = try await fixture.person("zoe@example.org")
        let old = try await fixture.certificates().first { $0.personId == zoe }!
        let actor = AuditActor("test")
        _ = try await fixture.plugin.revoke(
            old.id!, reason: "attendance corrected", organization: fixture.organization, actor: actor)
        let series = fixture.series.id!
        try await fixture.harness.workspace.write(as: actor) { transaction in
            let feedback = try Session.filter(Column("seriesId") == series && Column("slug") == "feedback")
                .fetchOne(transaction.db)!
            _ = try transaction.recordAttendance(of: zoe, at: feedback.id!, status: .absent)
        }
        await #expect(throws: CertificatesError.notEligible(old.id!.rawValue)) {
            try await fixture.plugin.reissue(old.id!, organization: fixture.organization, actor: actor)
        }
        #expect(try await fixture.certificates().filter { $0.personId == zoe }.count == 1)
    }

    @Test("a name no font can draw is reported by person id and left out; everyone else is issued")
    func oneBadNameDoesNotBlockTheBatch() async throws {
        let fixture = try await CertificatesFixture()
        let zoe = try await fixture.person("zoe@example.org")
        let amina = try await fixture.person("amina@example.org")
        try await fixture.harness.workspace.write(as: AuditActor("test")) { transaction in
            // U+E000 is a private-use character: no font maps it.
            try transaction.db.execute(
                sql: "UPDATE person SET displayName = 'Zoë \u{E000}' WHERE id = ?", arguments: [zoe])
        }
        let outcome = try await fixture.issue()
        #expect(outcome.issued.map(\.personId) == [amina])
        #expect(outcome.notIssued.map(\.personId) == [zoe])
        #expect(outcome.notIssued.first?.reason.contains("font") == true)
        #expect(outcome.notIssued.first?.reason.contains("Zoë") == false)
        #expect(try await fixture.certificates().map(\.personId) == [amina])
        // Once the name is corrected, a rerun issues the one left out.
        try await fixture.harness.workspace.write(as: AuditActor("test")) { transaction in
            try transaction.db.execute(sql: "UPDATE person SET displayName = 'Zoë' WHERE id = ?", arguments: [zoe])
        }
        #expect(try await fixture.issue().issued.map(\.personId) == [zoe])
    }

    @Test("a certificate downloads as the same bytes forever, whatever the settings and logo become")
    func downloadsAreTheIssuedFile() async throws {
        let fixture = try await CertificatesFixture()
        _ = try await fixture.issue()
        let certificate = try await fixture.certificates()[0]
        let first = try await fixture.plugin.pdf(of: certificate)
        let registry = fixture.harness.workspace.registry
        try await fixture.harness.workspace.write(as: AuditActor("test")) {
            try $0.changeSettings(
                of: "certificates", for: fixture.organization,
                ["primaryColour": "#5A1F3A", "heading": "Certificate of Participation", "signatureName": "N. Dube"],
                registry: registry)
        }
        let png = Data(
            base64Encoded:
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")!
        try await fixture.plugin.setLogo(png, organization: fixture.organization, actor: AuditActor("test"))
        #expect(try await fixture.plugin.pdf(of: certificate) == first)
        // What today's settings would draw differs: the download is the file issued, not a new drawing.
        let today = try CertificateRenderer(branding: try await fixture.plugin.branding(for: fixture.organization))
            .pdf(certificate.content)
        #expect(today != first)
    }

    @Test("the logo is uploaded and kept by Indaba: a bad one is refused, a good one is printed, none names a path")
    func uploadedLogo() async throws {
        let fixture = try await CertificatesFixture()
        let actor = AuditActor("test")
        await #expect(throws: CertificatesError.badLogo(FieldReason("it is not a PNG image"))) {
            try await fixture.plugin.setLogo(Data("GIF89a".utf8), organization: fixture.organization, actor: actor)
        }
        await #expect(throws: CertificatesError.badLogo(FieldReason("it is larger than 1 MB"))) {
            try await fixture.plugin.setLogo(
                Data(count: CertificateLogos.limit + 1), organization: fixture.organization, actor: actor)
        }
        #expect(SettingsCodec.object(of: CertificatesSettings.defaults)["logoPath"] == nil)
        let png = Data(
            base64Encoded:
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")!
        try await fixture.plugin.setLogo(png, organization: fixture.organization, actor: actor)
        #expect(try await fixture.plugin.branding(for: fixture.organization).logo == png)
        try await fixture.plugin.setLogo(nil, organization: fixture.organization, actor: actor)
        #expect(try await fixture.plugin.branding(for: fixture.organization).logo == nil)
    }

    @Test("the database itself refuses a second valid certificate for the same person and series")
    func uniqueIndex() async throws {
        let fixture = try await CertificatesFixture()
        _ = try await fixture.issue()
        var copy = try await fixture.certificates()[0]
        copy.id = nil
        copy.code = "0000-0000-0000-0000"
        copy.codeHash = String(repeating: "0", count: 64)
        let duplicate = copy
        await #expect(throws: DatabaseError.self) {
            try await fixture.harness.workspace.write(as: AuditActor("test")) { transaction in
                var row = duplicate
                try row.insert(transaction.db)
            }
        }
    }

    @Test("verification codes: 80 random bits, Crockford base32 in groups, forgiving when typed")
    func codes() {
        var generator = SystemRandomNumberGenerator()
        let code = VerificationCode(using: &generator)
        #expect(code.description.count == 19)
        #expect(code.description.split(separator: "-").map(\.count) == [4, 4, 4, 4])
        #expect(VerificationCode(typed: code.description.lowercased()) == code)
        #expect(VerificationCode(typed: "OIL0-1111-2222-3333")?.canonical == "0110111122223333")
        #expect(VerificationCode(typed: "UUUU-1111-2222-3333") == nil)
        #expect(VerificationCode(typed: "1111-2222") == nil)
        #expect(VerificationCode(using: &generator) != code)
    }

    @Test("logs name ids and counts, never a participant's name")
    func noNamesInLogs() async throws {
        let fixture = try await CertificatesFixture()
        _ = try await fixture.issue()
        let text = fixture.harness.logs.records.map(\.text).joined(separator: "\n")
        #expect(text.contains("Certificates issued"))
        for name in ["Amina", "Zoë", "Ndlovu", "Yusuf"] { #expect(!text.contains(name)) }
    }
}
