import Foundation
import GRDB
import Kernel
import KernelTesting
import Messages
import ServerTesting
import Testing

/// E-mails go out in the recipient's language: the one asked on the enrolment form, else the organization's
/// default, else English; dates and durations in that language's words and digits.
@Suite("Messages in the recipient's language")
struct MessageLanguageTests {
    static func confirmation(_ web: WebFixture, to address: String) async throws -> OutboxMessage {
        let sent = try await MessagingTests.messages(web, to: address)
        return try #require(sent.first { $0.kind == "messages.confirmation" })
    }

    @Test("a confirmation in French for a participant who asked for French, English for one who did not")
    func chosenLanguage() async throws {
        let web = try await MessagingTests.fixture()
        _ = try await web.enrol([("name", "Awa Diop"), ("email", "awa@example.org"), ("language", "fr")])
        _ = try await web.enrol([("name", "Amina Okafor"), ("email", "amina@example.org")])
        let french = try await Self.confirmation(web, to: "awa@example.org")
        #expect(french.subject.hasPrefix("Vous êtes inscrit"))
        #expect(french.textBody.hasPrefix("Bonjour Awa Diop,"))
        #expect(french.textBody.contains("envoyé par Indaba"))
        #expect(french.htmlBody?.contains("Bonjour Awa Diop,") == true)
        // The invitation attached says its words in French too (the titles are the organization's own).
        let invitation = try #require(french.calendar)
        #expect(invitation.contains(", session 1.") && !invitation.contains("Join: "), "\(invitation)")
        #expect(invitation.contains("Rejoindre"), "\(invitation)")
        let english = try await Self.confirmation(web, to: "amina@example.org")
        #expect(english.calendar?.contains("Join: ") == true)
        #expect(english.subject.hasPrefix("You are enrolled: "))
        #expect(english.textBody.hasPrefix("Hello Amina Okafor,"))
    }

    @Test("the organization's default language when the participant chose none; dates and zone names in Arabic")
    func organizationDefault() async throws {
        let web = try await MessagingTests.fixture()
        try await web.harness.workspace.write(as: AuditActor("test")) { transaction in
            let series = try Lookup.series("testnet/webinars/series-one", in: transaction.db)
            let owner = try SeriesOwnership.owner(ofSeries: series.id!, in: transaction.db)
            try transaction.setDefaultLanguage(.arabic, for: owner)
        }
        _ = try await web.enrol([("name", "Layla Hassan"), ("email", "layla@example.org")])
        let arabic = try await Self.confirmation(web, to: "layla@example.org")
        #expect(arabic.textBody.contains("Indaba"))
        #expect(!arabic.textBody.contains("Hello"))
        // Session dates are written in Arabic: the month's name, and the zone's name as people know it.
        #expect(arabic.textBody.contains("ديسمبر") || arabic.textBody.contains("يناير"))
        #expect(arabic.textBody.contains("توقيت وسط أفريقيا (Africa/Harare)"))
        // Mail clients show the HTML part right to left, whatever the template holds.
        #expect(arabic.htmlBody?.hasPrefix(#"<div lang="ar" dir="rtl">"#) == true)
    }

    @Test("plain text inserts a name as it is; HTML escapes it")
    func textIsNotEscaped() async throws {
        let web = try await MessagingTests.fixture()
        _ = try await web.enrol([("name", "Ngozi O'Brien & Co"), ("email", "ngozi@example.org")])
        let message = try await Self.confirmation(web, to: "ngozi@example.org")
        #expect(message.textBody.hasPrefix("Hello Ngozi O'Brien & Co,"))
        #expect(message.htmlBody?.contains("Ngozi O&#39;Brien &amp; Co") == true)
    }
}
