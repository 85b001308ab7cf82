import Foundation
import Testing

@testable import Kernel

@Suite("MIME messages")
struct MIMEMessageTests {
    static func message(subject: String, name: String, calendar: String? = nil) -> OutboxMessage {
        OutboxMessage(
            id: OutboxMessage.ID(7), organizationId: Organization.ID(1), personId: Person.ID(3),
            recipient: "amina@example.org", recipientName: name, sender: "indaba@example.org",
            senderName: "AskNet", category: .reminder, kind: "messages.reminder", idempotencyKey: "k",
            messageId: "abc@example.org", subject: subject, textBody: "Line one\nÇa commence à 14:00 = bientôt.",
            htmlBody: "<p>Hi</p>", calendar: calendar, calendarMethod: calendar == nil ? nil : "REQUEST",
            attachmentName: nil, attachmentType: nil, attachment: nil,
            state: .queued, attempts: 0, dueAt: Date(timeIntervalSince1970: 0), claimedAt: nil, sentAt: nil,
            lastError: nil, createdAt: Date(timeIntervalSince1970: 0), updatedAt: Date(timeIntervalSince1970: 0))
    }

    @Test("non-ASCII names and subjects are RFC 2047 encoded words; bodies quoted-printable with CRLF")
    func encodesHeadersAndBodies() {
        let text = MIMEMessage(
            Self.message(
                subject: "Rappel : séance « Inclusive » demain, très bientôt, n’oubliez pas", name: "Amina Ngũgĩ"),
            unsubscribeURL: "https://indaba.example.org/unsubscribe/T", date: Date(timeIntervalSince1970: 86_400)
        ).rendered()
        let headers = text.components(separatedBy: "\r\n\r\n")[0]
        #expect(headers.unicodeScalars.allSatisfy { $0.isASCII })
        #expect(headers.contains("To: =?UTF-8?B?"))
        #expect(headers.contains("Subject: =?UTF-8?B?"))
        #expect(headers.contains("Date: Fri, 02 Jan 1970 00:00:00 +0000"))
        #expect(headers.contains("Message-ID: <abc@example.org>"))
        #expect(headers.contains("Auto-Submitted: auto-generated"))
        #expect(headers.contains("List-Unsubscribe: <https://indaba.example.org/unsubscribe/T>"))
        #expect(headers.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"))
        #expect(text.contains("=C3=87a commence =C3=A0 14:00 =3D bient=C3=B4t."))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        for line in text.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 998) }
    }

    @Test("a message with a calendar has text, HTML and a text/calendar part with its method")
    func calendarPart() {
        let text = MIMEMessage(
            Self.message(subject: "Hi", name: "Ama", calendar: "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"),
            unsubscribeURL: nil, date: Date(timeIntervalSince1970: 0)
        ).rendered()
        #expect(text.contains("Content-Type: multipart/alternative; boundary="))
        #expect(text.contains("Content-Type: text/calendar; charset=UTF-8; method=REQUEST"))
        #expect(text.contains("To: \"Ama\" <amina@example.org>"))
        #expect(!text.contains("List-Unsubscribe"))
    }
}
