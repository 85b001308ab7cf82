import Foundation
import GRDB
import HTTPTypes
import Kernel
import KernelTesting
import ServerTesting
import Testing

/// The review queue page: link, create or ignore an unmatched row, each one transaction with errors by the field.
@Suite struct ReviewQueuePageTests {
    /// Uploads the sample export; returns the signed-in cookie, the review page's token and the queued item.
    private func queued() async throws -> (WebFixture, cookie: String, token: String, item: Int64) {
        let web = try await WebFixture()
        try await web.enable("retention")
        let cookie = try await web.signIn()
        let page = try await web.open("/orgs/\(web.network)/retention/attendance", cookie: cookie)
        let session = try await web.count("SELECT id FROM session WHERE slug = 'feedback'")
        let done = try await web.upload(
            "/orgs/\(web.network)/retention/attendance", [("form", page.token), ("session", "\(session)")],
            files: [("export", "zoom.csv", AttendancePageTests.export)], cookie: page.cookie)
        #expect(done.status == 200)
        let review = try await web.open("/orgs/\(web.network)/retention/review", cookie: page.cookie)
        #expect(review.reply.status == 200)
        #expect(review.reply.text.contains("Mystery Guest"))
        let item = try await web.count("SELECT id FROM retention_unmatched")
        return (web, review.cookie, review.token, Int64(item))
    }

    @Test("creating a person needs a valid e-mail (shown by the field, 422, nothing written); then it links")
    func create() async throws {
        let (web, cookie, token, item) = try await queued()
        let path = "/orgs/\(web.network)/retention/review/\(item)"
        let people = try await web.count("SELECT count(*) FROM person")
        let bad = try await web.post(
            path, [("form", token), ("action", "create"), ("email", "not-an-address")],
            cookie: cookie)
        #expect(bad.status == 422)
        #expect(
            bad.text.contains("id=\"create-email-\(item)-error\" role=\"alert\">This e-mail address is not a valid"))
        #expect(try await web.count("SELECT count(*) FROM person") == people)
        #expect(try await web.count("SELECT count(*) FROM retention_unmatched WHERE status = 'open'") == 1)
        // What was typed comes back, and the forms still post to the item (the page now has another address).
        #expect(bad.text.contains("value=\"not-an-address\""))
        #expect(bad.text.contains("action=\"/orgs/\(web.network)/retention/review/\(item)\""))

        let good = try await web.post(
            path, [("form", token), ("action", "create"), ("email", "mystery@example.org")], cookie: cookie)
        #expect(good.status == 303)
        #expect(good.headers[.location] == "/orgs/\(web.network)/retention/review?resolved=\(item)")
        #expect(try await web.count("SELECT count(*) FROM person") == people + 1)
        #expect(try await web.count("SELECT count(*) FROM retention_unmatched WHERE status = 'created'") == 1)
        let after = try await web.client.request(
            .get, "/orgs/\(web.network)/retention/review?resolved=\(item)", headers: ["Cookie": cookie])
        #expect(after.text.contains("Item \(item) is resolved."))
        #expect(after.text.contains("Nothing to review"))
    }

    @Test("ignoring resolves the row; linking by an unknown e-mail is refused by the field; forged forms are 403")
    func ignoreAndLink() async throws {
        let (web, cookie, token, item) = try await queued()
        let path = "/orgs/\(web.network)/retention/review/\(item)"
        let forged = try await web.post(path, [("form", "x"), ("action", "ignore")], cookie: cookie)
        #expect(forged.status == 403)
        let unknown = try await web.post(
            path, [("form", token), ("action", "link"), ("linkEmail", "nobody@example.org")], cookie: cookie)
        #expect(unknown.status == 422)
        #expect(unknown.text.contains("id=\"link-email-\(item)-error\" role=\"alert\">Nobody you can see"))
        #expect(try await web.count("SELECT count(*) FROM retention_unmatched WHERE status = 'open'") == 1)
        let ignore = try await web.post(path, [("form", token), ("action", "ignore")], cookie: cookie)
        #expect(ignore.status == 303)
        #expect(try await web.count("SELECT count(*) FROM retention_unmatched WHERE status = 'ignored'") == 1)
        let again = try await web.post(path, [("form", token), ("action", "ignore")], cookie: cookie)
        #expect(again.status == 422)
        // A form token is bound to the form's address: one served for this item's forms does not open another's.
        let missing = try await web.post(
            "/orgs/\(web.network)/retention/review/999", [("form", token), ("action", "ignore")], cookie: cookie)
        #expect(missing.status == 403)
    }

    @Test("a forged link to another network's person is refused like a missing person, on the page and the API")
    func linkToHiddenPerson() async throws {
        let (web, cookie, token, item) = try await queued()
        try await web.harness.importText(
            """
            format: indaba/1
            network:
              slug: othernet
              name: Other Network
              country: KE
              timeZone: Africa/Nairobi
              people:
                - {email: other.one@example.org, name: Other One}
            """, file: "other.yaml")
        let hidden = try await web.count("SELECT id FROM person WHERE emailKey = 'other.one@example.org'")
        let path = "/orgs/\(web.network)/retention/review/\(item)"
        var texts: [String] = []
        for person in [hidden, 999_999] {
            let reply = try await web.post(
                path, [("form", token), ("action", "link"), ("person", "\(person)")], cookie: cookie)
            #expect(reply.status == 422)
            texts.append(reply.text)
        }
        #expect(texts.allSatisfy { $0.contains("Nobody you can see is this person") })
        #expect(try await web.count("SELECT count(*) FROM retention_unmatched WHERE status = 'open'") == 1)

        let (_, secret) = try await web.harness.workspace.write(as: AuditActor("test")) {
            try $0.createToken(role: .organizationAdmin, organization: Organization.ID(web.network), label: "t")
        }
        var bodies: [String] = []
        for person in [hidden, 999_999] {
            let reply = try await web.client.request(
                .post, "/api/v1/orgs/\(web.network)/retention/attendance/unmatched/\(item)", token: secret,
                json: "{\"person\": \(person)}")
            #expect(reply.status == 404)
            bodies.append(reply.text.replacingOccurrences(of: "id \(person) ", with: "id ID "))
        }
        #expect(bodies[0] == bodies[1])
        #expect(try await web.count("SELECT count(*) FROM retention_unmatched WHERE status = 'open'") == 1)
        #expect(try await web.count("SELECT count(*) FROM seriesRole WHERE personId = \(hidden)") == 0)
    }

    @Test("linking to a known person by e-mail records their attendance")
    func link() async throws {
        let (web, cookie, token, item) = try await queued()
        let reply = try await web.post(
            "/orgs/\(web.network)/retention/review/\(item)",
            [("form", token), ("action", "link"), ("linkEmail", "participant.two@example.org")], cookie: cookie)
        #expect(reply.status == 303)
        #expect(try await web.count("SELECT count(*) FROM retention_unmatched WHERE status = 'linked'") == 1)
        #expect(
            try await web.count(
                """
                SELECT count(*) FROM attendance a JOIN person p ON p.id = a.personId
                WHERE p.emailKey = 'participant.two@example.org'
                """) == 1)
    }

    @Test("after a link, the page offers the same link for the rows of that name in the series' other sessions")
    func seriesWideOffer() async throws {
        let (web, cookie, token, item) = try await queued()
        let intro = try await web.count("SELECT id FROM session WHERE slug = 'intro'")
        let upload = try await web.open("/orgs/\(web.network)/retention/attendance", cookie: cookie)
        let export = """
            Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants
            "845 2291 7731","Introduction",06/21/2023 01:55:00 PM,06/21/2023 03:00:00 PM,facilitator@example.org,65,3

            Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest,Recording Consent,In Waiting Room
            Participant One,participant.one@example.org,06/21/2023 02:00:00 PM,06/21/2023 02:55:00 PM,55,Yes,Y,No
            Mystery Guest,,06/21/2023 02:05:00 PM,06/21/2023 02:50:00 PM,45,Yes,Y,No

            """
        let done = try await web.upload(
            "/orgs/\(web.network)/retention/attendance", [("form", upload.token), ("session", "\(intro)")],
            files: [("export", "zoom.csv", export)], cookie: cookie)
        #expect(done.status == 200)
        #expect(try await web.count("SELECT count(*) FROM retention_unmatched WHERE status = 'open'") == 2)
        let linked = try await web.post(
            "/orgs/\(web.network)/retention/review/\(item)",
            [("form", token), ("action", "link"), ("linkEmail", "participant.two@example.org")], cookie: cookie)
        #expect(linked.status == 303)
        let review = try await web.open("/orgs/\(web.network)/retention/review?resolved=\(item)", cookie: cookie)
        let action = "/orgs/\(web.network)/retention/review/\(item)/series"
        #expect(review.reply.text.contains("1 more row of the same name or address is waiting"))
        let all = try await web.post(action, [("form", review.token(for: action))], cookie: cookie)
        #expect(all.status == 303)
        #expect(try await web.count("SELECT count(*) FROM retention_unmatched WHERE status = 'open'") == 0)
        #expect(
            try await web.count(
                """
                SELECT count(*) FROM attendance a JOIN person p ON p.id = a.personId
                WHERE p.emailKey = 'participant.two@example.org' AND a.sessionId = \(intro)
                """) == 1)
        // Nothing more to offer, and a forged post changes nothing.
        let after = try await web.open("/orgs/\(web.network)/retention/review?resolved=\(item)", cookie: cookie)
        #expect(!after.reply.text.contains("more row"))
        #expect(try await web.post(action, [("form", "forged")], cookie: cookie).status == 403)
    }
}
