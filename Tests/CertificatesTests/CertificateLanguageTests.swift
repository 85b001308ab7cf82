import Foundation
import GRDB
import Kernel
import KernelTesting
import Testing

@testable import Certificates

@Suite("Certificates in the holder's language: wording and dates, Arabic right to left")
struct CertificateLanguageTests {
    /// The heading and the sentence around the name in each shipped language, as pdftotext gives them back.
    static let wording: [(Language, [String])] = [
        (.english, ["Certificate of Completion", "This certifies that", "has completed the webinar series"]),
        (
            .french,
            ["Certificat de réussite", "Ce certificat atteste que", "a suivi avec succès la série de webinaires"]
        ),
        (.portuguese, ["Certificado de conclusão", "Certifica-se que", "concluiu a série de webinars"]),
        // pdftotext splits the lam-alef ligature of "الإنترنت" off its word: phrases without one are compared.
        (.arabic, ["شهادة إتمام", "تُمنح هذه الشهادة إلى", "سلسلة الندوات عبر", "تحقّق من هذه الشهادة"]),
        (
            .swahili,
            ["Cheti cha Kuhitimu", "Hii ni kuthibitisha kwamba", "amekamilisha mfululizo wa semina za mtandaoni"]
        ),
    ]

    static func text(of pdf: Data) throws -> String {
        let directory = try ExternalTool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("certificate.pdf")
        try pdf.write(to: file)
        let result = try ExternalTool.run("pdftotext", ["-enc", "UTF-8", file.path, "-"])
        #expect(result.status == 0)
        return comparableText(result.text)
    }

    @Test(
        "each language's certificate renders its own wording (pdftotext)",
        .enabled(if: ExternalTool.available("pdftotext"), "needs pdftotext (Debian poppler-utils)"),
        arguments: CertificateLanguageTests.wording.map { $0.0.code })
    func wordingPerLanguage(_ code: String) throws {
        let (language, phrases) = try #require(Self.wording.first { $0.0.code == code })
        var content = RenderingTests.content(name: "Amina Yusuf")
        content.language = language
        let text = try Self.text(of: try CertificateRenderer().pdf(content))
        // pdftotext puts spaces inside Arabic words and orders combining marks its own way: letters are compared.
        let letters = { (text: String) in
            String(
                String.UnicodeScalarView(
                    text.unicodeScalars.filter {
                        !$0.properties.isWhitespace && $0.properties.generalCategory != .nonspacingMark
                    }))
        }
        for phrase in phrases {
            #expect(letters(text).contains(letters(phrase)), "\(code): '\(phrase)' in \(text)")
        }
        #expect(text.contains("Amina Yusuf"))
    }

    @Test(
        "issuing prints each holder's certificate in the language they chose, dates included",
        .enabled(if: ExternalTool.available("pdftotext"), "needs pdftotext (Debian poppler-utils)"))
    func issuedInTheHoldersLanguage() async throws {
        let fixture = try await CertificatesFixture()
        let (amina, zoe) = (try await fixture.person("amina@example.org"), try await fixture.person("zoe@example.org"))
        try await fixture.harness.workspace.write(as: AuditActor("test")) { transaction in
            try transaction.setPreferredLanguage(.arabic, for: amina)
            try transaction.setPreferredLanguage(.french, for: zoe)
        }
        _ = try await fixture.issue()
        let certificates = try await fixture.certificates()
        let byPerson = Dictionary(uniqueKeysWithValues: certificates.map { ($0.personId, $0) })
        let arabic = try #require(byPerson[amina])
        let french = try #require(byPerson[zoe])
        #expect(arabic.language == "ar" && french.language == "fr")
        #expect(french.datesLine.hasPrefix("Tenue du 21 juin 2023 au 30 juin 2023 · Délivré le"))
        #expect(arabic.datesLine.contains("عُقدت من"))
        #expect(certificates.filter { $0.personId != amina && $0.personId != zoe }.allSatisfy { $0.language == "en" })
        let stored = try await fixture.harness.workspace.read { db in
            try Data.fetchOne(
                db, sql: "SELECT pdf FROM certificates_document WHERE certificateId = ?", arguments: [french.id])
        }
        let text = try Self.text(of: try #require(stored))
        #expect(text.contains("Ce certificat atteste que"))
        #expect(text.contains("Animateur·rice"))
        #expect(text.contains("Tenue du 21 juin 2023"))
        // The e-mail that brings each certificate speaks the certificate's language.
        let mails = try await fixture.harness.workspace.read { db in
            try Row.fetchAll(
                db, sql: "SELECT personId, subject, textBody FROM outboxMessage WHERE kind = 'certificates.issued'"
            )
            .map {
                (personId: $0["personId"] as Int64, subject: $0["subject"] as String, body: $0["textBody"] as String)
            }
        }
        let frenchMail = try #require(mails.first { $0.personId == zoe.rawValue })
        let arabicMail = try #require(mails.first { $0.personId == amina.rawValue })
        #expect(frenchMail.subject.hasPrefix("Votre certificat"))
        #expect(frenchMail.body.contains("Félicitations") && !frenchMail.body.contains("Congratulations"))
        #expect(arabicMail.subject.contains("شهادتك"))
        #expect(
            mails.filter { $0.personId != zoe.rawValue && $0.personId != amina.rawValue }
                .allSatisfy { $0.subject.hasPrefix("Your certificate: ") })
    }

    @Test("holders who chose no language get the organization's; its e-mails follow")
    func organizationsLanguage() async throws {
        let fixture = try await CertificatesFixture()
        let organization = fixture.organization
        try await fixture.harness.workspace.write(as: AuditActor("test")) { transaction in
            try transaction.setDefaultLanguage(.french, for: organization)
        }
        _ = try await fixture.issue()
        let certificates = try await fixture.certificates()
        #expect(!certificates.isEmpty)
        #expect(certificates.allSatisfy { $0.language == "fr" })
        let subjects = try await fixture.harness.workspace.read { db in
            try String.fetchAll(db, sql: "SELECT subject FROM outboxMessage WHERE kind = 'certificates.issued'")
        }
        #expect(!subjects.isEmpty && subjects.allSatisfy { $0.hasPrefix("Votre certificat") })
    }

    @Test("the plugin's refusals read in the staff member's language; in English as the command line says them")
    func refusalsInTheLanguage() throws {
        var translations = Translations()
        try translations.add(CertificatesPlugin.translationCatalogues, module: CertificatesPlugin.id.catalogueModule)
        let french = translations.localizer(for: .french)
        #expect(CertificatesError.alreadyRevoked(7).worded(french) == "Le certificat 7 est déjà révoqué.")
        let errors: [CertificatesError] = [
            .noRule(series: WebinarSeries.ID(2), path: "testnet/webinars/a"), .unknownCertificate(7),
            .holdsValid(7, valid: 9), .notEligible(7), .noVerificationAddress, .emptyReason, .unknownCode,
            .badLogo(FieldReason("it is not a PNG image")),
            .rendering(personId: Person.ID(3), reason: .uncoveredText(field: .recipientName, missingGlyphs: 2)),
            .rendering(personId: Person.ID(3), reason: .uncoveredText(field: .seriesTitle, missingGlyphs: 1)),
            .rendering(personId: Person.ID(3), reason: .qrCode(length: 3_000)),
            .rendering(personId: Person.ID(3), reason: .logo(reason: FieldReason("it is not a PNG image"))),
        ]
        for error in errors {
            #expect(error.worded(.english) == error.description)
            #expect(error.worded(french) != error.description, "\(error)")
            #expect(!error.worded(french).contains("indaba "), "no command-line hint on a page: \(error)")
            for english in ["cannot", "installed", "is not", "larger", "shorten", "drawn"] {
                #expect(!error.worded(french).contains(english), "\(error): \(error.worded(french))")
            }
        }
    }
}
