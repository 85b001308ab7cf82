import Foundation
import GRDB
import HTTPTypes
import Kernel
import KernelTesting
import Messages
import ServerTesting
import Synchronization
import Testing

/// A transport that keeps what it is handed, and can be told to fail.
final class CapturingTransport: MailTransport, Sendable {
    let sent = Mutex<[String]>([])
    let outcome: DeliveryOutcome

    init(outcome: DeliveryOutcome = .accepted) {
        self.outcome = outcome
    }

    var description: String { "capture" }

    func send(_ message: Data, id: OutboxMessage.ID) async -> DeliveryOutcome {
        if outcome == .accepted { sent.withLock { $0.append(String(decoding: message, as: UTF8.self)) } }
        return outcome
    }

    /// What was sent, with quoted-printable bodies decoded (soft breaks joined, `=XX` bytes restored).
    var messages: [String] { sent.withLock { $0 }.map(Self.decodeQuotedPrintable) }

    static func decodeQuotedPrintable(_ text: String) -> String {
        var bytes: [UInt8] = []
        let input = Array(text.replacingOccurrences(of: "=\r\n", with: "").utf8)
        var index = 0
        while index < input.count {
            if input[index] == UInt8(ascii: "="), index + 2 < input.count,
                let byte = UInt8(String(decoding: input[index + 1...index + 2], as: UTF8.self), radix: 16)
            {
                bytes.append(byte)
                index += 3
            } else {
                bytes.append(input[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// A transport whose every hand-over moves the test clock on.
struct SlowTransport: MailTransport {
    let clock: TestClock
    let seconds: TimeInterval

    var description: String { "slow" }

    func send(_ message: Data, id: OutboxMessage.ID) async -> DeliveryOutcome {
        clock.advance(by: seconds)
        return .accepted
    }
}

@Suite("Messages: confirmations, invitations, reminders, follow-ups through the outbox")
struct MessagingTests {
    /// The sample with feeds and messages enabled, and series one's live sessions moved into the week after the
    /// test clock's start, so they are upcoming.
    static func fixture(settings: [String: JSONValue] = [:]) async throws -> WebFixture {
        let web = try await WebFixture()
        let now = web.harness.clock.now
        try await web.harness.workspace.write(as: AuditActor("test")) { transaction in
            let series = try Lookup.series("testnet/webinars/series-one", in: transaction.db)
            let sessions = try Session.filter(Column("seriesId") == series.id!).order(Column("position"))
                .fetchAll(transaction.db)
            for (index, session) in sessions.enumerated() {
                let start = now.addingTimeInterval(Double(index + 2) * 86_400)
                try transaction.reschedule(
                    session.id!, startsAt: start, endsAt: start.addingTimeInterval(session.kind.isLive ? 3600 : 86_400))
            }
        }
        try await web.enable("messages", settings: settings)
        return web
    }

    static func deliver(_ web: WebFixture, _ transport: CapturingTransport) async throws -> OutboxDelivery.Summary {
        let workspace = web.harness.workspace
        for plugin in workspace.plugins { try await plugin.runScheduledWork(at: workspace.now()) }
        return try await OutboxDelivery(
            store: workspace.store, transport: transport, baseURL: workspace.baseURL, logger: workspace.logger,
            clock: workspace.now
        ).deliverDue(now: workspace.now())
    }

    static func messages(_ web: WebFixture, to address: String) async throws -> [OutboxMessage] {
        try await web.harness.workspace.read { db in
            try OutboxMessage.filter(Column("recipient") == address).order(Column("id")).fetchAll(db)
        }
    }

    @Test("a public enrolment mails a confirmation with an iMIP REQUEST, and the page is the same for a known address")
    func confirmation() async throws {
        let web = try await Self.fixture()
        let first = try await web.enrol([("name", "Amina Okafor"), ("email", "amina@example.org")])
        #expect(first.status == 200)
        #expect(first.text.contains("Check your e-mail"))
        #expect(!first.text.contains("/feeds/personal/"))
        let transport = CapturingTransport()
        let summary = try await Self.deliver(web, transport)
        #expect(summary.sent >= 1)
        let mail = try #require(transport.messages.first { $0.contains("To: \"Amina Okafor\" <amina@example.org>") })
        #expect(mail.contains("Content-Type: text/calendar; charset=UTF-8; method=REQUEST"))
        #expect(mail.contains("METHOD:REQUEST"))
        #expect(mail.contains("ATTENDEE;CN=Amina Okafor;ROLE=REQ-PARTICIPANT"))
        #expect(mail.contains("/feeds/personal/"))

        // A known address, typed again by anyone: the same page, and the links go by mail to the owner only.
        web.harness.clock.advance(by: 86_400)
        let again = try await web.enrol([("name", "Someone Else"), ("email", "amina@example.org")])
        func body(_ html: String) -> String {
            html.replacingOccurrences(of: #"name="form" value="[^"]*""#, with: "", options: .regularExpression)
        }
        #expect(body(again.text) == body(first.text))
        let known = try await Self.messages(web, to: "amina@example.org").filter { $0.kind == "messages.confirmation" }
        #expect(known.count == 2)
        #expect(known.allSatisfy { $0.recipientName == "Amina Okafor" })
    }

    @Test("a rollback sends nothing: a message queued in a failed transaction never reaches the outbox")
    func rollback() async throws {
        let web = try await Self.fixture()
        struct Failure: Error {}
        await #expect(throws: Failure.self) {
            try await web.harness.workspace.write(as: AuditActor("test")) { transaction in
                let organization = try Lookup.organization("testnet", in: transaction.db)
                try transaction.queue(
                    MessageDraft(
                        organizationId: organization.id!, personId: nil, recipient: MailAddress("x@example.org"),
                        sender: MailAddress("indaba@example.org"), category: .transactional, kind: "test",
                        idempotencyKey: "rollback", subject: "s", textBody: "t"))
                throw Failure()
            }
        }
        #expect(try await web.count("SELECT count(*) FROM outboxMessage") == 0)
    }

    @Test("a reschedule sends an update with a higher SEQUENCE and a cancellation METHOD:CANCEL, same UID")
    func updatesAndCancellations() async throws {
        let web = try await Self.fixture()
        _ = try await web.enrol([("name", "Amina Okafor"), ("email", "amina@example.org")])
        let transport = CapturingTransport()
        _ = try await Self.deliver(web, transport)
        let session = try await web.harness.workspace.read { db in
            try Session.filter(Column("slug") == "feedback").fetchOne(db)!
        }
        try await web.harness.workspace.write(as: AuditActor("test")) { transaction in
            try transaction.reschedule(
                session.id!, startsAt: session.startsAt.addingTimeInterval(3600),
                endsAt: session.endsAt.addingTimeInterval(3600))
        }
        try await web.harness.workspace.write(as: AuditActor("test")) { transaction in
            try transaction.cancel(session.id!)
        }
        _ = try await Self.deliver(web, transport)
        let mails = transport.messages.filter { $0.contains("amina@example.org") }
        let uid = "UID:indaba-session-\(session.id!.rawValue)@"
        let update = try #require(mails.first { $0.contains("Subject: Changed:") })
        #expect(update.contains(uid))
        #expect(update.contains("SEQUENCE:\(session.revision + 1)"))
        let cancel = try #require(mails.first { $0.contains("METHOD:CANCEL") })
        #expect(cancel.contains(uid))
        #expect(cancel.contains("STATUS:CANCELLED"))
    }

    @Test("reminders fall due by the clock, once each, and one click stops them")
    func reminders() async throws {
        let web = try await Self.fixture()
        _ = try await web.enrol([("name", "Amina Okafor"), ("email", "amina@example.org")])
        let transport = CapturingTransport()
        _ = try await Self.deliver(web, transport)
        func reminders() async throws -> [OutboxMessage] {
            try await Self.messages(web, to: "amina@example.org").filter { $0.category == .reminder }
        }
        #expect(try await reminders().isEmpty)
        // The first session starts two days after the clock's start (and the enrolment took a few seconds).
        web.harness.clock.advance(by: 86_400 + 60)
        _ = try await Self.deliver(web, transport)
        _ = try await Self.deliver(web, transport)
        #expect(try await reminders().count == 1)
        web.harness.clock.advance(by: 23 * 3600)
        _ = try await Self.deliver(web, transport)
        #expect(try await reminders().count == 2)
        let reminder = try #require(transport.messages.last { $0.contains("Subject: Reminder:") })
        #expect(reminder.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"))
        let token = try #require(reminder.firstMatch(of: /List-Unsubscribe: <[^>]*\/unsubscribe\/([A-Za-z0-9_-]+)>/))
        // One click (RFC 8058), no form token; then no further reminder for the next session.
        let click = try await web.client.request(
            .post, "/unsubscribe/\(token.1)", json: "List-Unsubscribe=One-Click",
            contentType: "application/x-www-form-urlencoded")
        #expect(click.status == 200)
        #expect(try await web.client.get("/unsubscribe/nope").status == 404)
        web.harness.clock.advance(by: 3 * 86_400)
        _ = try await Self.deliver(web, transport)
        #expect(try await reminders().count == 2)
    }

    @Test("'we missed you' goes once, after a missed live session of an opted-in series, never after an excused one")
    func followUps() async throws {
        let web = try await Self.fixture(settings: ["followUpSeries": .array(["testnet/webinars/series-one"])])
        _ = try await web.enrol([("name", "Amina Okafor"), ("email", "amina@example.org")])
        _ = try await web.enrol([("name", "Kofi Mensah"), ("email", "kofi@example.org")])
        let transport = CapturingTransport()
        _ = try await Self.deliver(web, transport)
        let (session, amina, kofi) = try await web.harness.workspace.read { db in
            (
                try Session.filter(Column("slug") == "intro").fetchOne(db)!,
                try Person.filter(Column("emailKey") == "amina@example.org").fetchOne(db)!.id!,
                try Person.filter(Column("emailKey") == "kofi@example.org").fetchOne(db)!.id!
            )
        }
        // The session ends; Amina is recorded absent, Kofi excused.
        web.harness.clock.advance(by: session.endsAt.timeIntervalSince(web.harness.clock.now) + 60)
        try await web.harness.workspace.write(as: AuditActor("test")) { transaction in
            try transaction.recordAttendance(of: amina, at: session.id!, status: .absent)
            try transaction.recordAttendance(of: kofi, at: session.id!, status: .excused)
        }
        func followUps(_ address: String) async throws -> Int {
            try await Self.messages(web, to: address).filter { $0.category == .followUp }.count
        }
        _ = try await Self.deliver(web, transport)
        #expect(try await followUps("amina@example.org") == 0)  // not before two hours have passed
        web.harness.clock.advance(by: 2 * 3600)
        _ = try await Self.deliver(web, transport)
        _ = try await Self.deliver(web, transport)
        #expect(try await followUps("amina@example.org") == 1)
        #expect(try await followUps("kofi@example.org") == 0)
        let mail = try #require(transport.messages.first { $0.contains("Subject: We missed you at Introduction") })
        #expect(mail.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"))
    }

    @Test("a killed run: a transactional message is sent again, a reminder is held, never sent twice")
    func interruptedRun() async throws {
        let web = try await Self.fixture()
        let (organization, person) = try await web.harness.workspace.read { db in
            (try Lookup.organization("testnet", in: db).id!, try Person.fetchOne(db)!.id!)
        }
        try await web.harness.workspace.write(as: AuditActor("test")) { transaction in
            for (key, category) in [("t", MessageCategory.transactional), ("r", .reminder)] {
                try transaction.queue(
                    MessageDraft(
                        organizationId: organization, personId: person, recipient: MailAddress("p@example.org"),
                        sender: MailAddress("indaba@example.org"), category: category, kind: "test",
                        idempotencyKey: key, subject: key, textBody: "t"))
            }
            // As a run killed after claiming them leaves them.
            try transaction.db.execute(
                sql: "UPDATE outboxMessage SET state = 'sending', claimedAt = ?", arguments: [transaction.now])
        }
        let transport = CapturingTransport()
        var summary = try await Self.deliver(web, transport)
        #expect(summary.sent == 0)  // the claims are still fresh: their run may be alive
        web.harness.clock.advance(by: 16 * 60)
        summary = try await Self.deliver(web, transport)
        #expect(summary.requeued == 1 && summary.interrupted == 1 && summary.sent == 1)
        #expect(transport.messages.count == 1 && transport.messages[0].contains("Subject: t"))
        let states = try await web.harness.workspace.read { db in
            try OutboxMessage.order(Column("idempotencyKey")).fetchAll(db).map(\.state)
        }
        #expect(states == [.interrupted, .sent])
    }

    @Test("a long run stamps each claim and hand-over with the time it happens, not the time the run started")
    func longRunClock() async throws {
        let web = try await Self.fixture()
        let (organization, person) = try await web.harness.workspace.read { db in
            (try Lookup.organization("testnet", in: db).id!, try Person.fetchOne(db)!.id!)
        }
        try await web.harness.workspace.write(as: AuditActor("test")) { transaction in
            for key in ["a", "b"] {
                try transaction.queue(
                    MessageDraft(
                        organizationId: organization, personId: person, recipient: MailAddress("p@example.org"),
                        sender: MailAddress("indaba@example.org"), category: .transactional, kind: "test",
                        idempotencyKey: key, subject: key, textBody: "t"))
            }
        }
        let start = web.harness.clock.now
        // Each hand-over takes 20 minutes: longer than a claim may stay unanswered.
        let slow = SlowTransport(clock: web.harness.clock, seconds: 20 * 60)
        let workspace = web.harness.workspace
        _ = try await OutboxDelivery(
            store: workspace.store, transport: slow, baseURL: workspace.baseURL, logger: workspace.logger,
            clock: workspace.now
        ).deliverDue(now: workspace.now())
        let messages = try await web.harness.workspace.read { db in
            try OutboxMessage.order(Column("idempotencyKey")).fetchAll(db)
        }
        #expect(messages.map(\.state) == [.sent, .sent])
        #expect(messages[1].claimedAt == start.addingTimeInterval(20 * 60))
        #expect(messages[1].sentAt == start.addingTimeInterval(40 * 60))
    }

    @Test("temporary failures retry with backoff; permanent ones are recorded and count against the address")
    func failures() async throws {
        let web = try await Self.fixture()
        _ = try await web.enrol([("name", "Amina Okafor"), ("email", "amina@example.org")])
        let temporary = CapturingTransport(outcome: .temporaryFailure("exit 75: try later"))
        var summary = try await Self.deliver(web, temporary)
        #expect(summary.retrying == 1 && summary.sent == 0)
        let retry = try #require(try await Self.messages(web, to: "amina@example.org").first)
        #expect(retry.state == .queued && retry.attempts == 1 && retry.dueAt > web.harness.clock.now)
        web.harness.clock.advance(by: 61)
        summary = try await Self.deliver(web, CapturingTransport(outcome: .permanentFailure("exit 67: unknown user")))
        #expect(summary.failed == 1)
        let failed = try #require(try await Self.messages(web, to: "amina@example.org").first)
        #expect(failed.state == .failed && failed.lastError == "exit 67: unknown user")
        #expect(
            try await web.count("SELECT permanentFailures FROM messageRecipient WHERE personId = \(failed.personId!)")
                == 1)
    }
}

@Suite("Outbox page")
struct OutboxPageTests {
    @Test("administrators see their organization's messages and send a failed one again; others get a 404")
    func outboxPage() async throws {
        let web = try await MessagingTests.fixture()
        _ = try await web.enrol([("name", "Amina Okafor"), ("email", "amina@example.org")])
        _ = try await MessagingTests.deliver(
            web, CapturingTransport(outcome: .permanentFailure("exit 67: no such user")))
        let cookie = try await web.signIn()
        let page = try await web.open("/workspace/orgs/\(web.network)/outbox?state=failed", cookie: cookie)
        #expect(page.reply.status == 200)
        #expect(page.reply.text.contains("exit 67: no such user"))
        #expect(page.reply.text.contains("You are enrolled: Series One"))
        // Kinds read as words in the page's language, never as codes.
        #expect(page.reply.text.contains("<td>Enrolment confirmation</td>"))
        #expect(!page.reply.text.contains("messages.confirmation"))
        let french = try await web.client.request(
            .get, "/workspace/orgs/\(web.network)/outbox", headers: ["Cookie": cookie, "Accept-Language": "fr"])
        #expect(french.text.contains("<td>Confirmation d’inscription</td>"))
        let id = try #require(page.reply.text.firstMatch(of: /name="id" value="(\d+)"/)).1
        let retried = try await web.post(
            "/workspace/orgs/\(web.network)/outbox", [("form", page.token), ("id", String(id)), ("action", "retry")],
            cookie: page.cookie)
        #expect(retried.status == 303)
        let state = try await web.harness.workspace.read { db in
            try OutboxMessage.fetchOne(db, key: Int64(id)!)?.state
        }
        #expect(state == .queued)

        let member = try await web.member()
        let memberCookie = try await web.signIn(role: .organizationAdmin, organization: member)
        let hidden = try await web.client.request(
            .get, "/workspace/orgs/\(web.network)/outbox", headers: ["Cookie": memberCookie])
        let missing = try await web.client.request(
            .get, "/workspace/orgs/999999/outbox", headers: ["Cookie": memberCookie])
        #expect(hidden.status == 404 && missing.status == 404)
    }
}

@Suite("Message wording page")
struct MessageWordingPageTests {
    @Test("an administrator previews, is refused a broken template, saves, and confirmations use the new wording")
    func wording() async throws {
        let web = try await MessagingTests.fixture()
        let cookie = try await web.signIn()
        let base = "/orgs/\(web.network)/messages/templates"
        let list = try await web.client.request(.get, base, headers: ["Cookie": cookie])
        #expect(list.status == 200 && list.text.contains("Enrolment confirmation"))
        let form = try await web.open("\(base)/confirmation", cookie: cookie)
        #expect(form.reply.text.contains("Preview, on sample data"))
        #expect(form.reply.text.contains("sandbox srcdoc="))
        let text = "Karibu {{{name}}}! {{{series}}} awaits."
        let broken = try await web.post(
            "\(base)/confirmation",
            [
                ("form", form.token), ("subject", "Karibu"), ("text", "{{#sessions}}never closed"),
                ("html", "<p>x</p>"),
                ("action", "save"),
            ], cookie: form.cookie)
        #expect(broken.status == 422 && broken.text.contains("not a valid Mustache template"))
        let again = try await web.open("\(base)/confirmation", cookie: cookie)
        let saved = try await web.post(
            "\(base)/confirmation",
            [
                ("form", again.token), ("subject", "Karibu, {{{name}}}"), ("text", text), ("html", "<p>{{name}}</p>"),
                ("action", "save"),
            ], cookie: again.cookie)
        #expect(saved.status == 303)
        // The browser follows the redirect to the list, which says what was saved.
        #expect(saved.headers[.location] == "\(base)?saved=confirmation")
        let listed = try await web.client.request(.get, "\(base)?saved=confirmation", headers: ["Cookie": cookie])
        #expect(listed.status == 200)
        _ = try await web.enrol([("name", "Amina <Okafor>"), ("email", "amina@example.org")])
        let message = try #require(
            try await MessagingTests.messages(web, to: "amina@example.org").first { $0.kind == "messages.confirmation" }
        )
        #expect(message.subject == "Karibu, Amina <Okafor>")
        #expect(message.textBody == "Karibu Amina <Okafor>! Series One awaits.")
        #expect(message.htmlBody == #"<div lang="en" dir="ltr"><p>Amina &lt;Okafor&gt;</p></div>"#)

        let member = try await web.member()
        let memberCookie = try await web.signIn(role: .organizationAdmin, organization: member)
        let other = try await web.client.request(.get, base, headers: ["Cookie": memberCookie])
        #expect(other.status == 404)
    }
}

@Suite("Certificate issued message")
struct CertificateIssuedMessageTests {
    @Test("issuing queues 'your certificate' with the PDF attached and the verification link, in the same transaction")
    func certificateMail() async throws {
        let web = try await WebFixture()
        try await web.enable("certificates", settings: CertificatePageTests.settings)
        let token = try await web.harness.workspace.write(as: AuditActor("test")) {
            try $0.createToken(role: .networkCoordinator, organization: Organization.ID(web.network)).secret
        }
        let issued = try await web.client.request(
            .post, "/api/v1/orgs/\(web.network)/certificates/series/\(web.series)/issue", token: token)
        #expect(issued.status == 201)
        let queued = try await web.count("SELECT count(*) FROM outboxMessage WHERE kind = 'certificates.issued'")
        let certificates = try await web.count("SELECT count(*) FROM certificates_certificate")
        #expect(queued == certificates && queued > 0)
        let transport = CapturingTransport()
        _ = try await MessagingTests.deliver(web, transport)
        let mail = try #require(transport.sent.withLock { $0 }.first { $0.contains("Subject: Your certificate") })
        #expect(mail.contains("Content-Type: multipart/mixed"))
        #expect(mail.contains("Content-Type: application/pdf; name=\"certificate-"))
        #expect(mail.contains("Content-Disposition: attachment"))
        let decoded = CapturingTransport.decodeQuotedPrintable(mail)
        #expect(decoded.contains("https://indaba.example.org/verify/"))
        // The PDF left with the message; the outbox keeps none of it.
        #expect(try await web.count("SELECT count(*) FROM outboxMessage WHERE attachment IS NOT NULL") == 0)
    }

    @Test("a certificate revoked before its e-mail left is not announced; a re-issue is sent in the holder's language")
    func revokedBeforeSending() async throws {
        let web = try await WebFixture()
        try await web.enable("certificates", settings: CertificatePageTests.settings)
        let token = try await web.harness.workspace.write(as: AuditActor("test")) {
            try $0.createToken(role: .networkCoordinator, organization: Organization.ID(web.network)).secret
        }
        let api = "/api/v1/orgs/\(web.network)/certificates"
        #expect(try await web.client.request(.post, "\(api)/series/\(web.series)/issue", token: token).status == 201)
        let id = try await web.count("SELECT min(id) FROM certificates_certificate")
        let revoked = try await web.client.request(
            .post, "\(api)/certificates/\(id)/revoke", token: token, json: #"{"reason": "issued in error"}"#)
        #expect(revoked.status == 200)
        let state = "SELECT state FROM outboxMessage WHERE idempotencyKey = 'certificates.issued:\(id)'"
        #expect(try await web.string(state) == "cancelled")
        // The holder chose French since: the certificate issued in place of the revoked one is French, and sent.
        let holder = try await web.count("SELECT personId FROM certificates_certificate WHERE id = \(id)")
        try await web.harness.workspace.write(as: AuditActor("test")) {
            try $0.setPreferredLanguage(.french, for: Person.ID(Int64(holder)))
        }
        let reissued = try await web.client.request(.post, "\(api)/certificates/\(id)/reissue", token: token)
        #expect(reissued.status == 201)
        let new = try await web.count("SELECT max(id) FROM certificates_certificate")
        #expect(try await web.string("SELECT language FROM certificates_certificate WHERE id = \(new)") == "fr")
        let transport = CapturingTransport()
        _ = try await MessagingTests.deliver(web, transport)
        let sent = transport.sent.withLock { $0 }
        #expect(sent.count == 1)
        #expect(sent.first.map(CapturingTransport.decodeQuotedPrintable)?.contains("Votre certificat") == true)
    }
}
