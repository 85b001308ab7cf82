import Feeds
import Foundation
import GRDB
import HTTPTypes
import Kernel
import KernelTesting
import ServerTesting
import Testing

/// A participant's own pages: sign-in by a mailed one-time link, their sessions and series, leaving and joining
/// again, consent, their private calendar link, downloading their data and erasing themselves.
@Suite("My Indaba: participants' own pages")
struct MyIndabaTests {
    static let one = "participant.one@example.org"

    static func fixture() async throws -> WebFixture {
        let web = try await WebFixture()
        try await web.enable("certificates")
        return web
    }

    /// Signs `email` in through a link made by the kernel (as `indaba person sign-in-link` does); returns the cookie.
    static func signIn(_ web: WebFixture, _ email: String = one) async throws -> String {
        let secret = try await web.harness.workspace.write(as: AuditActor("test")) { transaction in
            try transaction.createParticipantLink(for: try Lookup.person(email, in: transaction.db).id!)
        }
        return try await use(web, secret)
    }

    static func use(_ web: WebFixture, _ secret: String) async throws -> String {
        let form = try await web.open("/me/sign-in/\(secret)")
        let reply = try await web.post("/me/sign-in/\(secret)", [("form", form.token)], cookie: form.cookie)
        let session = reply.headers[values: .setCookie].first { $0.hasPrefix("indaba_me=") } ?? ""
        return form.cookie + "; " + (session.split(separator: ";").first.map(String.init) ?? "")
    }

    static func person(_ web: WebFixture, _ email: String = one) async throws -> Person.ID {
        try await web.harness.workspace.read { db in try Lookup.person(email, in: db).id! }
    }

    @Test("asking for a link: the same answer for a known and an unknown address; only the known one gets mail")
    func requestLink() async throws {
        let web = try await Self.fixture()
        let form = try await web.open("/me")
        #expect(form.reply.status == 200)
        #expect(form.reply.text.contains("Send me a sign-in link"))
        let known = try await web.post(
            "/me/sign-in", [("form", form.token), ("email", "PARTICIPANT.ONE@example.org")], cookie: form.cookie)
        let unknown = try await web.post(
            "/me/sign-in", [("form", form.token), ("email", "nobody@example.org")], cookie: form.cookie)
        #expect(known.status == 200)
        #expect(known.text == unknown.text)
        let mail = try await web.harness.workspace.read { db in
            try OutboxMessage.filter(Column("kind") == "kernel.participant-sign-in").fetchAll(db)
        }
        #expect(mail.count == 1)
        #expect(mail.first?.recipient == "Participant.One@example.org")
        let secret = try #require(mail.first?.textBody.firstMatch(of: /\/me\/sign-in\/([A-Za-z0-9_-]{43})/)).1
        // The link shows a button first (mail scanners open links); the POST signs in, once.
        let cookie = try await Self.use(web, String(secret))
        let home = try await web.client.request(.get, "/me", headers: ["Cookie": cookie])
        #expect(home.text.contains("Signed in as <bdi>Participant One</bdi>"))
        let again = try await web.open("/me/sign-in/\(secret)")
        let reused = try await web.post("/me/sign-in/\(secret)", [("form", again.token)], cookie: again.cookie)
        #expect(reused.status == 400)
        // A bad address is refused next to its field, and no mail goes.
        let bad = try await web.post(
            "/me/sign-in", [("form", form.token), ("email", "not an address")], cookie: form.cookie)
        #expect(bad.status == 422)
    }

    @Test("the sign-in link's e-mail speaks the person's language, else their organization's (issue 17)")
    func linkInTheLanguage() async throws {
        let web = try await Self.fixture()
        let person = try await Self.person(web)
        try await web.harness.workspace.write(as: AuditActor("test")) {
            try $0.setPreferredLanguage(.swahili, for: person)
        }
        let form = try await web.open("/me")
        _ = try await web.post("/me/sign-in", [("form", form.token), ("email", Self.one)], cookie: form.cookie)
        let mail = try #require(
            try await web.harness.workspace.read { db in
                try OutboxMessage.filter(Column("kind") == "kernel.participant-sign-in").fetchOne(db)
            })
        #expect(mail.subject == "Kiungo chako cha kuingia kwenye Indaba Yangu")
        #expect(!mail.textBody.contains("Sign in to your own pages") && !mail.textBody.contains("Hello"))
        #expect(mail.textBody.contains("/me/sign-in/"))
    }

    @Test("a participant session is not staff access, and a staff session does not open My Indaba")
    func separateSessions() async throws {
        let web = try await Self.fixture()
        let participant = try await Self.signIn(web)
        let workspace = try await web.client.request(.get, "/workspace", headers: ["Cookie": participant])
        #expect(workspace.status != 200 || !workspace.text.contains("Series One"))
        let staff = try await web.signIn()
        let me = try await web.client.request(.get, "/me", headers: ["Cookie": staff])
        #expect(me.text.contains("Send me a sign-in link"))
        #expect(!me.text.contains("Signed in as"))
    }

    @Test("the home page lists the person's series and sessions with join links, and nobody else's")
    func home() async throws {
        let web = try await Self.fixture()
        // Move the series' first session into the future, so it is upcoming.
        try await web.harness.workspace.write(as: AuditActor("test")) { transaction in
            try transaction.db.execute(
                sql: "UPDATE session SET startsAt = ?, endsAt = ? WHERE slug = 'intro'",
                arguments: [transaction.now.addingTimeInterval(86_400), transaction.now.addingTimeInterval(90_000)])
        }
        let cookie = try await Self.signIn(web)
        let home = try await web.client.request(.get, "/me", headers: ["Cookie": cookie])
        #expect(home.status == 200)
        #expect(home.text.contains("Series One"))
        #expect(home.text.contains("https://meet.example.org/one"))
        #expect(home.text.contains("Attended 1 of 2 live sessions"))
        #expect(!home.text.contains("Participant Two"))
        #expect(!home.text.contains("participant.two@example.org"))
    }

    @Test(
        "leaving keeps the enrolment in the figures, stops messages and the private calendar; joining again undoes it")
    func withdrawAndRejoin() async throws {
        let web = try await Self.fixture()
        let cookie = try await Self.signIn(web)
        let person = try await Self.person(web)
        let feed = try await web.harness.workspace.write(as: AuditActor("test")) { transaction in
            try FeedsLink.issue(person, network: Organization.ID(web.network), transaction)
        }
        let calendar = try await web.client.get(feed).text
        #expect(calendar.contains("SUMMARY:Series One: Introduction"))
        let enrolled = try await web.count("SELECT count(*) FROM enrolment WHERE seriesId = \(web.series)")
        let left = try await web.submit(
            "/me", to: "/me/series/\(web.series)/withdraw", [("reason", "The times clash with my work")],
            cookie: cookie,
            token: try await web.open("/me", cookie: cookie).token(for: "/me/series/\(web.series)/withdraw"))
        #expect(left.status == 303)
        let stored = try await web.harness.workspace.read { db in
            try Enrolment.filter(Column("personId") == person).fetchOne(db)
        }
        #expect(stored?.withdrawnAt != nil)
        #expect(stored?.withdrawalReason == "The times clash with my work")
        #expect(try await web.count("SELECT count(*) FROM enrolment WHERE seriesId = \(web.series)") == enrolled)
        let audience = try await web.harness.workspace.read { db in
            try MessageAudience.participants(of: WebinarSeries.ID(web.series), in: db).map(\.personId)
        }
        #expect(!audience.contains(person))
        #expect(!(try await web.client.get(feed).text.contains("SUMMARY:Series One: Introduction")))
        let staff = try await web.signIn()
        let report = try await web.client.request(.get, "/reports/series/\(web.series)", headers: ["Cookie": staff])
        #expect(report.text.contains("Who left, and why"))
        #expect(report.text.contains("The times clash with my work"))
        #expect(!report.text.contains("Participant One left"))
        let page = try await web.client.request(.get, "/me?done=withdrawn", headers: ["Cookie": cookie])
        #expect(page.text.contains("You left this series"))
        let back = try await web.post(
            "/me/series/\(web.series)/rejoin",
            [("form", try await web.open("/me", cookie: cookie).token(for: "/me/series/\(web.series)/rejoin"))],
            cookie: cookie)
        #expect(back.status == 303)
        let rejoined = try await web.harness.workspace.read { db in
            try Enrolment.filter(Column("personId") == person).fetchOne(db)
        }
        #expect(rejoined?.withdrawnAt == nil)
        // A series the person is not enrolled in answers like one that does not exist.
        let action = "/me/series/999/withdraw"
        let missing = try await web.post(
            action, [("form", try await web.open("/me", cookie: cookie).token)], cookie: cookie)
        // A form for a series the page never offered carries no valid token: refused, nothing changed.
        #expect(missing.status == 403)
        let audit = try await web.harness.workspace.read { db in
            try AuditEntry.filter(Column("subject") == "person:\(person.rawValue)").fetchAll(db).map(\.action)
        }
        #expect(audit.contains("enrolment.withdrawn"))
        #expect(audit.contains("enrolment.rejoined"))
    }

    @Test("withdrawing consent deletes the gender and moves the figures; a new zone is kept")
    func details() async throws {
        let web = try await Self.fixture()
        let cookie = try await Self.signIn(web)
        let form = try await web.open("/me", cookie: cookie)
        let saved = try await web.post(
            "/me/details",
            [("form", form.token(for: "/me/details")), ("gender", "woman"), ("timeZone", "Africa/Dakar")],
            cookie: cookie)
        #expect(saved.status == 303)
        let person = try await web.harness.workspace.read { db in try Lookup.person(Self.one, in: db) }
        #expect(person.consent == false)
        #expect(person.gender == nil)
        let zone = try await web.harness.workspace.read { db in try ParticipantRecord.timeZone(of: person.id!, in: db) }
        #expect(zone == "Africa/Dakar")
        let bad = try await web.post(
            "/me/details", [("form", form.token(for: "/me/details")), ("timeZone", "Mars/Olympus")], cookie: cookie)
        #expect(bad.status == 422)
    }

    @Test("a gender the text rule refuses is named in the page's language, and nothing is kept")
    func refusedGender() async throws {
        let web = try await Self.fixture()
        let cookie = try await Self.signIn(web)
        let before = try await web.harness.workspace.read { db in try Lookup.person(Self.one, in: db) }
        let form = try await web.open("/me", cookie: cookie)
        let fields = [
            ("form", form.token(for: "/me/details")), ("consent", "yes"),
            ("gender", String(repeating: "a", count: 101)),
        ]
        let french = try await web.post("/me/details", fields, cookie: cookie, headers: ["Accept-Language": "fr"])
        #expect(french.status == 422)
        #expect(french.text.contains("Votre genre : plus de 100 caractères ; raccourcissez le texte."))
        let english = try await web.post("/me/details", fields, cookie: cookie)
        #expect(english.status == 422)
        #expect(english.text.contains("Your gender is longer than 100 characters; shorten it."))
        let after = try await web.harness.workspace.read { db in try Lookup.person(Self.one, in: db) }
        #expect(after.gender == before.gender && after.consent == before.consent)
    }

    @Test("the language chosen on My Indaba is kept, and pages follow it unless the switcher says otherwise")
    func language() async throws {
        let web = try await Self.fixture()
        let cookie = try await Self.signIn(web)
        let form = try await web.open("/me", cookie: cookie)
        #expect(form.reply.text.contains("<option value=\"sw\" lang=\"sw\">Kiswahili</option>"))
        let saved = try await web.post(
            "/me/details", [("form", form.token(for: "/me/details")), ("language", "sw")], cookie: cookie)
        #expect(saved.status == 303)
        let person = try await web.harness.workspace.read { db in try Lookup.person(Self.one, in: db) }
        #expect(person.preferredLanguage == "sw")
        let page = try await web.client.request(
            .get, "/me", headers: ["Cookie": cookie, "Accept-Language": "fr"])
        #expect(page.text.contains("<html lang=\"sw\""))
        #expect(page.text.contains("<option value=\"sw\" lang=\"sw\" selected>Kiswahili</option>"))
        let switched = try await web.client.request(
            .get, "/me", headers: ["Cookie": cookie + "; indaba_lang=pt", "Accept-Language": "fr"])
        #expect(switched.text.contains("<html lang=\"pt\""))
        let bad = try await web.post(
            "/me/details", [("form", form.token(for: "/me/details")), ("language", "xx")], cookie: cookie)
        #expect(bad.status == 422)
        let audit = try await web.count("SELECT count(*) FROM auditLog WHERE action = 'person.languageChanged'")
        #expect(audit == 1)
    }

    @Test("a new private calendar link: the old address stops, the new one works")
    func rotateCalendar() async throws {
        let web = try await Self.fixture()
        let person = try await Self.person(web)
        let old = try await web.harness.workspace.write(as: AuditActor("test")) { transaction in
            try FeedsLink.issue(person, network: Organization.ID(web.network), transaction)
        }
        #expect(try await web.client.get(old).status == 200)
        let cookie = try await Self.signIn(web)
        let action = "/me/orgs/\(web.network)/feeds/calendar/rotate"
        let home = try await web.open("/me", cookie: cookie)
        #expect(home.reply.text.contains("Your private calendar"))
        let rotated = try await web.post(action, [("form", home.token(for: action))], cookie: cookie)
        #expect(rotated.status == 200)
        let new = try #require(
            rotated.text.firstMatch(of: /(\/public\/orgs\/\d+\/feeds\/personal\/[A-Za-z0-9_-]+\/calendar\.ics)/)
        ).1
        #expect(try await web.client.get(String(new)).status == 200)
        #expect(try await web.client.get(old).status == 404)
        // Without a participant session the page is not there.
        let anonymous = try await web.post(
            action, [("form", home.token(for: action))], cookie: home.cookie.components(separatedBy: "; indaba_me")[0])
        #expect(anonymous.status == 404)
    }

    @Test("download my data: the person's own record and what plugins keep, as JSON")
    func download() async throws {
        let web = try await Self.fixture()
        let cookie = try await Self.signIn(web)
        let reply = try await web.client.request(.get, "/me/data.json", headers: ["Cookie": cookie])
        #expect(reply.status == 200)
        #expect(reply.header("Content-Disposition")?.contains("my-indaba-data.json") == true)
        let json = try #require(try JSONSerialization.jsonObject(with: reply.body) as? [String: Any])
        let details = try #require(json["person"] as? [String: Any])
        #expect(details["email"] as? String == "Participant.One@example.org")
        #expect(details["gender"] as? String == "woman")
        let series = try #require(json["series"] as? [[String: Any]])
        #expect(series.first?["series"] as? String == "Series One")
        #expect(!reply.text.contains("Participant Two"))
        let signedOut = try await web.client.request(.get, "/me/data.json")
        #expect(signedOut.status == 303)
    }

    @Test("erasing: no page, feed, export or API answer shows the name or address; the figures do not change")
    func erase() async throws {
        let web = try await Self.fixture()
        let person = try await Self.person(web)
        let feed = try await web.harness.workspace.write(as: AuditActor("test")) { transaction in
            try FeedsLink.issue(person, network: Organization.ID(web.network), transaction)
        }
        let figures =
            "SELECT (SELECT count(*) FROM enrolment) || '/' || (SELECT count(*) FROM attendance WHERE status = 'present')"
        let before = try await web.harness.workspace.read { db in try String.fetchOne(db, sql: figures) }
        let staff = try await web.signIn()
        let token = try await web.harness.workspace.write(as: AuditActor("test")) { transaction in
            try transaction.createToken(
                role: .networkCoordinator, organization: Organization.ID(web.network), label: "t"
            ).secret
        }
        // What staff, the API and an export show of the person: the name and address before, neither after.
        func answers() async throws -> [String] {
            var answers: [String] = []
            for path in ["/manage/people/\(person.rawValue)", "/reports/series/\(web.series)", "/workspace"] {
                answers.append(try await web.client.request(.get, path, headers: ["Cookie": staff]).text)
            }
            for path in ["/", "/series/\(web.series)"] {
                answers.append(try await web.client.request(.get, path).text)
            }
            for path in [
                "/api/v1/people", "/api/v1/people/\(person.rawValue)", "/api/v1/enrolments?series=\(web.series)",
            ] {
                answers.append(try await web.client.get(path, token: token).text)
            }
            answers.append(String(describing: try await web.harness.workspace.exportNetwork("testnet")))
            return answers
        }
        let shown = try await answers()
        #expect(shown[0].contains("Participant One"))
        #expect(shown[5].contains("Participant.One@example.org"))
        #expect(shown[8].contains("Participant One"))
        let cookie = try await Self.signIn(web)
        let page = try await web.open("/me/erase", cookie: cookie)
        let unconfirmed = try await web.post("/me/erase", [("form", page.token)], cookie: cookie)
        #expect(unconfirmed.status == 422)
        #expect(try await web.count("SELECT count(*) FROM person WHERE erasedAt IS NOT NULL") == 0)
        let erased = try await web.post(
            "/me/erase", [("form", page.token), ("confirm", "yes"), ("keepGender", "yes")], cookie: cookie)
        #expect(erased.status == 200)
        #expect(erased.text.contains("Your data is erased"))
        #expect(try await web.harness.workspace.read { db in try String.fetchOne(db, sql: figures) } == before)
        let stored = try await web.harness.workspace.read { db in try Person.fetchOne(db, key: person) }
        #expect(stored?.erasedAt != nil)
        #expect(stored?.gender == "woman")
        // The session, the calendar and the sign-in are gone.
        #expect(
            try await web.client.request(.get, "/me", headers: ["Cookie": cookie]).text.contains(
                "Send me a sign-in link"))
        #expect(try await web.client.get(feed).status == 404)
        let answers = try await answers()
        for answer in answers {
            #expect(!answer.contains("Participant One"))
            #expect(!answer.localizedCaseInsensitiveContains("participant.one@example.org"))
        }
        let audit = try await web.harness.workspace.read { db in
            try AuditEntry.filter(Column("action") == "person.erased").fetchOne(db)
        }
        #expect(audit?.actor == "participant:\(person.rawValue)")
        #expect(audit?.subject == "person:\(person.rawValue)")
    }
}

/// A private calendar link issued as the enrolment confirmation does, as a path.
enum FeedsLink {
    static func issue(_ person: Person.ID, network: Organization.ID, _ transaction: WriteTransaction) throws -> String {
        try FeedsPlugin.personalCalendarLink(for: person, organization: network, baseURL: "", in: transaction)
    }
}
