import Foundation
import GRDB
import HTTPTypes
import Kernel
import KernelTesting
import ServerTesting
import Testing

@Suite("Coordinators' pages: leaders of a series, running it again, people and their merging, member organizations")
struct CoordinationPagesTests {
    @Test("a facilitator added on the leaders page sees the series and may record its attendance; removal audited")
    func leaders() async throws {
        let web = try await WebFixture()
        try await web.enable("retention")
        let cookie = try await web.signIn()
        let path = "/manage/series/\(web.series)/leaders"
        let page = try await web.open(path, cookie: cookie)
        #expect(page.reply.status == 200)
        #expect(page.reply.text.contains("Test Facilitator"))
        let unknown = try await web.post(
            path, [("form", page.token(for: path)), ("email", "nobody@example.org"), ("role", "facilitator")],
            cookie: cookie)
        #expect(unknown.status == 422 && unknown.text.contains("No one you can see is registered"))
        let added = try await web.post(
            path,
            [("form", page.token(for: path)), ("email", "participant.two@example.org"), ("role", "facilitator")],
            cookie: cookie)
        #expect(added.status == 303)
        // Participant Two now signs in as a facilitator: the series is in their workspace and the attendance upload
        // offers its sessions.
        let facilitator = try await web.signIn(.facilitator, of: "testnet", as: "participant.two@example.org")
        let workspace = try await web.client.request(.get, "/workspace", headers: ["Cookie": facilitator])
        #expect(workspace.text.contains("Series One"))
        let upload = try await web.client.request(
            .get, "/orgs/\(web.network)/retention/attendance", headers: ["Cookie": facilitator])
        #expect(upload.status == 200 && upload.text.contains("Introduction"))
        // Facilitators do not reach the leaders page.
        let refused = try await web.client.request(.get, path, headers: ["Cookie": facilitator])
        #expect(refused.status == 403)
        let listed = try await web.open(path, cookie: cookie)
        let person = try await web.harness.workspace.read { db in
            try Lookup.person("participant.two@example.org", in: db).id!.rawValue
        }
        let removed = try await web.post(
            path + "/remove",
            [("form", listed.token(for: path + "/remove")), ("person", "\(person)"), ("role", "facilitator")],
            cookie: cookie)
        #expect(removed.status == 303)
        let after = try await web.client.request(.get, "/workspace", headers: ["Cookie": facilitator])
        #expect(!after.text.contains("Series One"))
        #expect(
            try await web.count(
                "SELECT count(*) FROM auditLog WHERE action IN ('series.roleAdded', 'series.roleRemoved')")
                == 2)
    }

    @Test("another network's series answers the leaders and clone pages as a missing one does")
    func hiddenEqualsMissing() async throws {
        let web = try await WebFixture()
        try await web.harness.importText(Samples.otherNetwork)
        let foreign = try await web.harness.workspace.read { db in
            try Lookup.series("othernet/webinars/series-one", in: db).id!.rawValue
        }
        let cookie = try await web.signIn()
        for page in ["leaders", "clone"] {
            let hidden = try await web.client.request(
                .get, "/manage/series/\(foreign)/\(page)", headers: ["Cookie": cookie])
            let missing = try await web.client.request(
                .get, "/manage/series/987654/\(page)", headers: ["Cookie": cookie])
            #expect(hidden.status == 404 && missing.status == 404)
            // Fresh form tokens (the header's sign-out form) differ on every page; they are left out.
            func normalized(_ text: String, _ id: String) -> String {
                text.replacing(/name="form" value="[^"]+"/, with: "").replacingOccurrences(of: id, with: "ID")
            }
            #expect(normalized(hidden.text, "\(foreign)") == normalized(missing.text, "987654"))
        }
    }

    @Test("running a series again from its page: a draft with its sessions on the new dates; errors kept in place")
    func clone() async throws {
        let web = try await WebFixture()
        let cookie = try await web.signIn()
        let path = "/manage/series/\(web.series)/clone"
        let bad = try await web.submit(
            path, [("title", "Series One again"), ("slug", "series-one"), ("startsOn", "next week")], cookie: cookie)
        #expect(bad.status == 422)
        #expect(bad.text.contains("already uses this short name") && bad.text.contains("Give the day of the first"))
        #expect(bad.text.contains("value=\"Series One again\""))
        let made = try await web.submit(
            path, [("title", "Series One again"), ("slug", "series-one-2024"), ("startsOn", "2024-06-19")],
            cookie: cookie)
        #expect(made.status == 303)
        let (copy, sessions) = try await web.harness.workspace.read { db in
            let copy = try Lookup.series("testnet/webinars/series-one-2024", in: db)
            return (copy, try Session.filter(Column("seriesId") == copy.id).order(Column("position")).fetchAll(db))
        }
        #expect(copy.status == .draft && copy.title == "Series One again")
        let zone = TimeZone(identifier: "Africa/Harare")!
        #expect(
            sessions.map { TimeFormats.localTimeText($0.startsAt, in: zone) } == [
                "2024-06-19T14:00+02:00", "2024-06-19T15:00+02:00", "2024-06-28T14:00+02:00",
            ])
        #expect(made.headers[.location] == "/manage/series/\(copy.id!.rawValue)#sessions")
        #expect(try await web.count("SELECT count(*) FROM enrolment WHERE seriesId = \(copy.id!.rawValue)") == 0)
    }

    @Test("the people list searches by name or e-mail, pages by 50, and shows a consented gender to administrators")
    func peopleList() async throws {
        let web = try await WebFixture()
        try await web.harness.workspace.write(as: AuditActor("test")) { transaction in
            let network = try Lookup.organization("testnet", in: transaction.db).id!
            for index in 1...60 {
                try transaction.save(
                    Person(
                        organizationId: network, displayName: "Member \(index)", email: "m\(index)@example.org",
                        createdAt: transaction.now, updatedAt: transaction.now))
            }
        }
        let cookie = try await web.signIn()
        let base = "/workspace/orgs/\(web.network)/people"
        let first = try await web.client.request(.get, base, headers: ["Cookie": cookie])
        #expect(first.status == 200)
        #expect(first.text.contains("1–50 of 62") && first.text.contains("rel=\"next\""))
        let second = try await web.client.request(.get, base + "?page=2", headers: ["Cookie": cookie])
        #expect(second.text.contains("51–62 of 62") && !second.text.contains("rel=\"next\""))
        let search = try await web.client.request(.get, base + "?q=participant.one", headers: ["Cookie": cookie])
        #expect(search.text.contains("Participant One") && search.text.contains("<td>woman</td>"))
        #expect(search.text.contains("1–1 of 1"))
        let wildcard = try await web.client.request(.get, base + "?q=%25", headers: ["Cookie": cookie])
        #expect(wildcard.text.contains("No one matches this search."))
        // A member's administrator reaches only their own organization's list.
        let member = try await web.member()
        let admin = try await web.signIn(role: .organizationAdmin, organization: member)
        let hidden = try await web.client.request(.get, base, headers: ["Cookie": admin])
        let missing = try await web.client.request(.get, "/workspace/orgs/987654/people", headers: ["Cookie": admin])
        #expect(hidden.status == 404 && missing.status == 404)
        let own = try await web.client.request(
            .get, "/workspace/orgs/\(member)/people", headers: ["Cookie": admin])
        #expect(own.text.contains("Participant Two") && !own.text.contains("Participant One"))
    }

    @Test("merging on the web moves the duplicate's records, recounts retention's tallies and audits both ids")
    func merge() async throws {
        let web = try await WebFixture()
        try await web.enable("retention")
        let (kept, duplicate) = try await web.harness.workspace.write(as: AuditActor("test")) { transaction in
            let kept = try Lookup.person("participant.one@example.org", in: transaction.db)
            let intro = try Lookup.session("testnet/webinars/series-one/intro", in: transaction.db).id!
            let duplicate = try transaction.save(
                Person(
                    organizationId: kept.organizationId, displayName: "P One", email: "p1@example.org",
                    createdAt: transaction.now, updatedAt: transaction.now))
            let series = try Lookup.series("testnet/webinars/series-one", in: transaction.db).id!
            try transaction.enrol(duplicate.id!, in: series, channel: "radio")
            try transaction.recordAttendance(of: duplicate.id!, at: intro, status: .present, minutes: 10)
            return (kept.id!.rawValue, duplicate.id!.rawValue)
        }
        let tally = "SELECT coalesce(sum(people), 0) FROM retention_attendedTally"
        #expect(try await web.count(tally) == 2)
        let cookie = try await web.signIn()
        let path = "/workspace/orgs/\(web.network)/people/merge"
        let unconfirmed = try await web.submit(
            path, [("keep", "\(kept)"), ("duplicate", "\(duplicate)")], cookie: cookie)
        #expect(unconfirmed.status == 422 && unconfirmed.text.contains("Tick this box"))
        let merged = try await web.submit(
            path, [("keep", "\(kept)"), ("duplicate", "\(duplicate)"), ("confirm", "yes")], cookie: cookie)
        #expect(merged.status == 303)
        #expect(try await web.count("SELECT count(*) FROM person WHERE id = \(duplicate)") == 0)
        #expect(try await web.count("SELECT count(*) FROM attendance WHERE personId = \(kept)") == 1)
        #expect(try await web.count(tally) == 1)
        #expect(try await web.count("SELECT count(*) FROM auditLog WHERE action = 'person.merged'") == 1)
        let gone = try await web.submit(
            path, [("keep", "\(kept)"), ("duplicate", "\(duplicate)"), ("confirm", "yes")], cookie: cookie)
        #expect(gone.status == 422 && gone.text.contains("Give the id of someone you look after"))
    }

    @Test("a coordinator adds and edits a member organization (audited); a member's admin cannot add one")
    func organizations() async throws {
        let web = try await WebFixture()
        let cookie = try await web.signIn()
        let path = "/workspace/orgs/\(web.network)/members/new"
        let bad = try await web.submit(
            path, [("name", "Nairobi Hub"), ("slug", "lagos-member"), ("country", "XX"), ("timeZone", "Mars/Base")],
            cookie: cookie)
        #expect(bad.status == 422)
        #expect(bad.text.contains("Another member of Test Network already uses this short name."))
        let made = try await web.submit(
            path,
            [("name", "Nairobi Hub"), ("slug", "nairobi-hub"), ("country", "ke"), ("timeZone", "Africa/Nairobi")],
            cookie: cookie)
        #expect(made.status == 303)
        let hub = try await web.harness.workspace.read { db in try Lookup.organization("testnet/nairobi-hub", in: db) }
        #expect(hub.country == "KE" && hub.parentId?.rawValue == web.network)
        let edited = try await web.submit(
            "/manage/orgs/\(hub.id!.rawValue)/edit",
            [
                ("name", "Nairobi Media Hub"), ("country", "KE"), ("timeZone", "Africa/Nairobi"),
                ("website", "https://hub.example.org"),
            ], cookie: cookie)
        #expect(edited.status == 303)
        let actions = try await web.harness.workspace.read { db in
            try String.fetchAll(
                db, sql: "SELECT action || ' ' || detail FROM auditLog WHERE subject = ? ORDER BY id",
                arguments: ["organization:\(hub.id!.rawValue)"])
        }
        #expect(
            actions == [
                "organization.created {}",
                "organization.updated {\"fields\":[\"name\",\"website\"]}",
            ])
        // The language its pages, messages and feeds fall back to: chosen from the shipped ones, audited.
        let form = "/manage/orgs/\(hub.id!.rawValue)/edit"
        let fields = [("name", "Nairobi Media Hub"), ("country", "KE"), ("timeZone", "Africa/Nairobi")]
        let page = try await web.client.request(.get, form, headers: ["Cookie": cookie])
        #expect(page.text.contains(#"<option value="ar">العربية</option>"#))
        let unknown = try await web.submit(form, fields + [("language", "xx")], cookie: cookie)
        #expect(unknown.status == 422)
        #expect(unknown.text.contains("Choose one of the listed languages, or none."))
        #expect(try await web.submit(form, fields + [("language", "sw")], cookie: cookie).status == 303)
        let swahili = try await web.harness.workspace.read { db in
            try Lookup.organization("testnet/nairobi-hub", in: db)
        }
        #expect(swahili.language == .swahili)
        #expect(
            try await web.client.request(.get, form, headers: ["Cookie": cookie]).text.contains(
                #"<option value="sw" selected>Kiswahili</option>"#))
        #expect(try await web.submit(form, fields + [("language", "")], cookie: cookie).status == 303)
        let none = try await web.harness.workspace.read { db in try Lookup.organization("testnet/nairobi-hub", in: db) }
        #expect(none.language == nil)
        let member = try await web.member()
        let admin = try await web.signIn(role: .organizationAdmin, organization: member)
        let refused = try await web.client.request(
            .get, "/workspace/orgs/\(member)/members/new", headers: ["Cookie": admin])
        #expect(refused.status == 404)
    }
}
