import Foundation
import GRDB
import HTTPTypes
import Kernel
import KernelTesting
import ServerTesting
import Testing

@Suite struct StructureFormsTests {
    @Test("a programme is created through its form; a bad short name comes back next to the field with the input kept")
    func programme() async throws {
        let web = try await WebFixture()
        let cookie = try await web.signIn()
        let path = "/workspace/orgs/\(web.network)/programmes/new"
        let bad = try await web.submit(path, [("title", "Radio <Lab>"), ("slug", "Radio Lab")], cookie: cookie)
        #expect(bad.status == 422)
        #expect(bad.text.contains("id=\"field-slug-error\">The short name must use 1-63 lowercase letters"))
        #expect(bad.text.contains("value=\"Radio &lt;Lab&gt;\""))
        #expect(bad.text.contains("aria-describedby=\"field-slug-hint field-slug-error\" aria-invalid=\"true\""))
        let taken = try await web.submit(path, [("title", "Again"), ("slug", "webinars")], cookie: cookie)
        #expect(taken.status == 422)
        #expect(taken.text.contains("already uses this short name"))
        let good = try await web.submit(path, [("title", "Radio Lab"), ("slug", "radio-lab")], cookie: cookie)
        #expect(good.status == 303)
        let location = try #require(good.headers[.location])
        #expect(try await web.count("SELECT count(*) FROM programme WHERE slug = 'radio-lab'") == 1)
        let edited = try await web.submit(
            String(location.prefix { $0 != "?" }), [("title", "Radio Lab Two"), ("summary", "On air")], cookie: cookie)
        #expect(edited.status == 303)
        #expect(
            try await web.count("SELECT count(*) FROM programme WHERE slug = 'radio-lab' AND title = 'Radio Lab Two'")
                == 1)
    }

    @Test("a forged or missing form token is refused with 403 and nothing is written")
    func csrf() async throws {
        let web = try await WebFixture()
        let cookie = try await web.signIn()
        let path = "/workspace/orgs/\(web.network)/programmes/new"
        let forged = try await web.submit(
            path, [("title", "Radio Lab"), ("slug", "radio-lab")], cookie: cookie, token: "forged")
        #expect(forged.status == 403)
        #expect(forged.text.contains("value=\"radio-lab\""))
        // A token issued for another form does not work here either.
        let other = try await web.open("/workspace/orgs/\(web.network)/people/new", cookie: cookie)
        let crossed = try await web.post(
            path, [("form", other.token), ("title", "Radio Lab"), ("slug", "radio-lab")], cookie: cookie)
        #expect(crossed.status == 403)
        #expect(try await web.count("SELECT count(*) FROM programme WHERE slug = 'radio-lab'") == 0)
    }

    @Test("a series is created with objectives one per line, then edited in place; a bad zone is refused")
    func series() async throws {
        let web = try await WebFixture()
        let cookie = try await web.signIn()
        let programme = try await web.harness.workspace.read { db in
            try Lookup.programme("testnet/webinars", in: db).id!.rawValue
        }
        let path = "/manage/programmes/\(programme)/series/new"
        let form = try await web.open(path, cookie: cookie)
        #expect(form.reply.text.contains("value=\"Africa/Harare\""))
        let fields = [
            ("title", "Data Basics"), ("slug", "data-basics"), ("objectives", "Read a table\r\n\r\nMake a chart"),
            ("status", "published"),
        ]
        let bad = try await web.submit(path, fields + [("timeZone", "Mars/Olympus")], cookie: cookie)
        #expect(bad.status == 422)
        #expect(bad.text.contains("id=\"field-timeZone-error\">The time zone &#39;Mars/Olympus&#39; is not an IANA"))
        #expect(bad.text.contains("Read a table\r\n\r\nMake a chart") || bad.text.contains("Read a table"))
        let good = try await web.submit(path, fields + [("timeZone", "Africa/Lagos")], cookie: cookie)
        #expect(good.status == 303)
        let saved = try await web.harness.workspace.read { db in
            try Lookup.series("testnet/webinars/data-basics", in: db)
        }
        #expect(saved.objectives == ["Read a table", "Make a chart"])
        #expect(saved.timeZone == "Africa/Lagos")
        let edit = "/manage/series/\(saved.id!.rawValue)/edit"
        let changed = try await web.submit(
            edit, [("title", "Data Basics 2"), ("slug", "ignored"), ("status", "draft"), ("timeZone", "Africa/Lagos")],
            cookie: cookie)
        #expect(changed.status == 303)
        let after = try await web.harness.workspace.read { db in try WebinarSeries.fetchOne(db, key: saved.id!) }
        #expect(after?.title == "Data Basics 2")
        #expect(after?.slug == "data-basics")
        #expect(after?.objectives == [])
    }

    @Test("another organization's programmes, series, people and settings are refused")
    func otherOrganization() async throws {
        let web = try await WebFixture()
        let cookie = try await web.signIn(.organizationAdmin, of: "testnet/lagos-member")
        let (programme, person) = try await web.harness.workspace.read { db in
            (
                try Lookup.programme("testnet/webinars", in: db).id!.rawValue,
                try Lookup.person("participant.one@example.org", in: db).id!.rawValue
            )
        }
        for path in [
            "/workspace/orgs/\(web.network)/programmes/new", "/manage/programmes/\(programme)",
            "/manage/programmes/\(programme)/series/new", "/manage/series/\(web.series)/edit",
            "/manage/series/\(web.series)/enrolments", "/manage/people/\(person)",
            "/workspace/orgs/\(web.network)/people/new", "/workspace/orgs/\(web.network)/plugins/feeds/settings",
        ] {
            let reply = try await web.client.request(.get, path, headers: ["Cookie": cookie])
            #expect([403, 404].contains(reply.status), "\(path) answered \(reply.status)")
            let posted = try await web.post(path, [("title", "x")], cookie: cookie)
            #expect([403, 404].contains(posted.status), "POST \(path) answered \(posted.status)")
        }
        #expect(try await web.client.get("/workspace/orgs/\(web.network)/programmes/new").status == 401)
    }
}
