import Foundation
import GRDB
import HTTPTypes
import Kernel
import KernelTesting
import ServerTesting
import Testing

@Suite struct ManageSeriesTests {
    /// The management page's token and the id of the series' first session.
    private func open(_ web: WebFixture, cookie: String) async throws -> (token: String, session: Int64) {
        let page = try await web.open("/manage/series/\(web.series)", cookie: cookie)
        #expect(page.reply.status == 200)
        let session = try await web.harness.workspace.read { db in
            try Int64.fetchOne(
                db, sql: "SELECT id FROM session WHERE seriesId = ? ORDER BY startsAt LIMIT 1", arguments: [web.series])
        }
        return (page.token, try #require(session))
    }

    @Test("an administrator reschedules a session in the series' zone; the kernel bumps its revision")
    func reschedule() async throws {
        let web = try await WebFixture()
        let cookie = try await web.signIn()
        let (token, session) = try await open(web, cookie: cookie)
        let reply = try await web.post(
            "/manage/series/\(web.series)/sessions/\(session)/reschedule",
            [
                ("form", token), ("startDate", "2027-03-01"), ("startTime", "16:00"), ("endDate", "2027-03-01"),
                ("endTime", "17:30"),
            ], cookie: cookie)
        #expect(reply.status == 303)
        let moved = try await web.harness.workspace.read { db in try Session.fetchOne(db, key: session) }
        // Africa/Harare is UTC+2 all year: 16:00 there is 14:00 UTC.
        #expect(moved?.startsAt == Date(timeIntervalSince1970: 1_803_909_600))
        #expect(moved?.plannedMinutes == 90)
        #expect((moved?.revision ?? 0) > 1)
    }

    @Test("an end before the start is refused next to the session, with nothing written")
    func badTimes() async throws {
        let web = try await WebFixture()
        let cookie = try await web.signIn()
        let (token, session) = try await open(web, cookie: cookie)
        let before = try await web.harness.workspace.read { db in try Session.fetchOne(db, key: session) }
        let reply = try await web.post(
            "/manage/series/\(web.series)/sessions/\(session)/reschedule",
            [("form", token), ("startDate", "2027-03-01"), ("startTime", "16:00"), ("endTime", "15:00")],
            cookie: cookie)
        #expect(reply.status == 422)
        #expect(reply.text.contains("id=\"error-\(session)\" role=\"alert\">The end must be after the start."))
        #expect(try await web.harness.workspace.read { db in try Session.fetchOne(db, key: session) } == before)
    }

    @Test("cancel and add go through the kernel; a forged form changes nothing")
    func cancelAndAdd() async throws {
        let web = try await WebFixture()
        let cookie = try await web.signIn()
        let (token, session) = try await open(web, cookie: cookie)
        let forged = try await web.post(
            "/manage/series/\(web.series)/sessions/\(session)/cancel", [("form", "nope")], cookie: cookie)
        #expect(forged.status == 403)
        #expect(try await web.count("SELECT count(*) FROM session WHERE status = 'cancelled'") == 0)
        let cancel = try await web.post(
            "/manage/series/\(web.series)/sessions/\(session)/cancel", [("form", token)], cookie: cookie)
        #expect(cancel.status == 303)
        #expect(try await web.count("SELECT count(*) FROM session WHERE id = \(session) AND status = 'cancelled'") == 1)
        let sessions = try await web.count("SELECT count(*) FROM session WHERE seriesId = \(web.series)")
        let missing = try await web.post(
            "/manage/series/\(web.series)/sessions", [("form", token), ("title", ""), ("kind", "live")],
            cookie: cookie)
        #expect(missing.status == 422)
        #expect(missing.text.contains("The title must not be empty."))
        let add = try await web.post(
            "/manage/series/\(web.series)/sessions",
            [
                ("form", token), ("title", "Wrap-up & next steps"), ("kind", "live"), ("startDate", "2027-04-01"),
                ("startTime", "10:00"), ("endTime", "11:00"),
            ], cookie: cookie)
        #expect(add.status == 303)
        #expect(try await web.count("SELECT count(*) FROM session WHERE seriesId = \(web.series)") == sessions + 1)
        #expect(try await web.count("SELECT count(*) FROM session WHERE slug = 'wrap-up-next-steps'") == 1)
    }

    @Test("only administrators of the series' organization manage it")
    func access() async throws {
        let web = try await WebFixture()
        #expect(try await web.client.get("/manage/series/\(web.series)").status == 401)
        let member = try await web.harness.workspace.read { db in
            try Lookup.organization("testnet/lagos-member", in: db).id!
        }
        let (_, secret) = try await web.harness.workspace.write(as: AuditActor("test")) {
            try $0.createLoginLink(role: .organizationAdmin, organization: member)
        }
        let form = try await web.open("/sign-in?link=\(secret)")
        let signedIn = try await web.post("/sign-in", [("form", form.token), ("link", secret)], cookie: form.cookie)
        let session =
            signedIn.headers[values: .setCookie].first { $0.hasPrefix("indaba_session=") }?
            .split(separator: ";").first.map(String.init) ?? ""
        let reply = try await web.client.request(
            .get, "/manage/series/\(web.series)", headers: ["Cookie": form.cookie + "; " + session])
        #expect(reply.status == 404)
    }
}
