import Foundation
import GRDB
import HTTPTypes
import Kernel
import KernelTesting
import ServerTesting
import Testing

/// The audit page: each change with its actor in plain words, filters, pages; administrators only.
@Suite struct AuditPageTests {
    private func intro(_ web: WebFixture) async throws -> Int64 {
        try await web.harness.workspace.read { db in
            try Lookup.session("testnet/webinars/series-one/intro", in: db).id!.rawValue
        }
    }

    @Test("changes made in the browser are listed with the signed-in role; filters narrow the list")
    func listsAndFilters() async throws {
        let web = try await WebFixture()
        let cookie = try await web.signIn()
        let session = try await intro(web)
        let manage = try await web.open("/manage/series/\(web.series)", cookie: cookie)
        let moved = try await web.post(
            "/manage/series/\(web.series)/sessions/\(session)/reschedule",
            [
                ("form", manage.token), ("startDate", "2027-03-01"), ("startTime", "16:00"),
                ("endDate", "2027-03-01"), ("endTime", "17:30"),
            ], cookie: cookie)
        #expect(moved.status == 303)
        let path = "/workspace/orgs/\(web.network)/audit"
        let page = try await web.open(path, cookie: cookie)
        #expect(page.reply.status == 200)
        #expect(page.reply.text.contains("<td>Session rescheduled</td><td dir=\"ltr\">session:\(session)</td>"))
        #expect(
            page.reply.text.contains(#/<td>Signed-in network coordinator \(session \d+\)</td><td>Session rescheduled/#))
        #expect(page.reply.text.contains("<td>Network file import</td><td>Network file imported</td>"))
        let workspace = try await web.open("/workspace", cookie: cookie)
        #expect(workspace.reply.text.contains("href=\"\(path)\""))

        let rescheduled = try await web.open(path + "?action=session.rescheduled", cookie: cookie)
        #expect(rescheduled.reply.text.contains("Session rescheduled"))
        #expect(!rescheduled.reply.text.contains("<td>Network file imported</td>"))
        let imports = try await web.open(path + "?actor=import&action=", cookie: cookie)
        #expect(imports.reply.text.contains("<td>Network file imported</td>"))
        #expect(!imports.reply.text.contains("<td>Session rescheduled</td>"))
        let about = try await web.open(path + "?subject=session:\(session)", cookie: cookie)
        #expect(about.reply.text.contains("<td>Session rescheduled</td>"))
        #expect(!about.reply.text.contains("<td>Network file imported</td>"))
        let future = try await web.open(path + "?since=2099-01-01", cookie: cookie)
        #expect(future.reply.text.contains("No change matches."))
        let bad = try await web.open(path + "?since=soon", cookie: cookie)
        #expect(bad.reply.status == 400)
        #expect(bad.reply.text.contains("role=\"alert\">From must be a day"))
    }

    @Test("actions, areas and actors read in the page's language (issue 17)")
    func inTheLanguage() async throws {
        let web = try await WebFixture()
        let cookie = try await web.signIn()
        let session = try await intro(web)
        let manage = try await web.open("/manage/series/\(web.series)", cookie: cookie)
        _ = try await web.post(
            "/manage/series/\(web.series)/sessions/\(session)/reschedule",
            [
                ("form", manage.token), ("startDate", "2027-03-01"), ("startTime", "16:00"),
                ("endDate", "2027-03-01"), ("endTime", "17:30"),
            ], cookie: cookie)
        let path = "/workspace/orgs/\(web.network)/audit"
        let french = try await web.open(path, cookie: cookie, headers: ["Accept-Language": "fr"])
        #expect(french.reply.text.contains("<td>Session reprogrammée</td><td dir=\"ltr\">session:\(session)</td>"))
        #expect(french.reply.text.contains("<td>Import du fichier du réseau</td><td>Fichier du réseau importé</td>"))
        #expect(french.reply.text.contains(#/<td>coordinateur·rice du réseau connecté·e \(session \d+\)</td>/#))
        #expect(french.reply.text.contains(">Toute modification de session</option>"))
        #expect(!french.reply.text.contains("Session rescheduled"))
        let arabic = try await web.open(path, cookie: cookie, headers: ["Accept-Language": "ar"])
        #expect(arabic.reply.text.contains("<td>أُعيدت جدولة جلسة</td>"))
        // A plugin's change names the plugin as people know it, not by its id.
        let network = Organization.ID(web.network)
        try await web.harness.workspace.write(as: AuditActor("test")) { transaction in
            try transaction.audit("feeds.personalLinkRotated", organization: network, plugin: PluginID("feeds"))
        }
        let english = try await web.open(path, cookie: cookie)
        #expect(english.reply.text.contains("<td>Personal calendar link replaced (Calendar feeds)</td>"))
        let inFrench = try await web.open(path, cookie: cookie, headers: ["Accept-Language": "fr"])
        #expect(!inFrench.reply.text.contains("(feeds)"))
        #expect(!inFrench.reply.text.contains("(Calendar feeds)"))
    }

    @Test("fifty lines a page; the next page holds the older ones")
    func pages() async throws {
        let web = try await WebFixture()
        let cookie = try await web.signIn()
        let series = WebinarSeries.ID(web.series)
        try await web.harness.workspace.write(as: AuditActor.commandLine(user: "amina")) { transaction in
            for number in 1...60 {
                try transaction.recordQuote("Quote \(number)", consent: false, in: series)
            }
        }
        let path = "/workspace/orgs/\(web.network)/audit"
        let first = try await web.open(path + "?actor=cli:amina", cookie: cookie)
        #expect(first.reply.text.components(separatedBy: "<td>Quote created</td>").count == 51)
        let older = try #require(first.reply.text.firstMatch(of: /href="([^"]+)" rel="next"/).map { String($0.1) })
        let second = try await web.open(older.replacingOccurrences(of: "&amp;", with: "&"), cookie: cookie)
        #expect(second.reply.text.components(separatedBy: "<td>Quote created</td>").count == 11)
        #expect(second.reply.text.contains("amina (command line)"))
        #expect(!second.reply.text.contains("rel=\"next\""))
    }

    @Test("a facilitator, or an administrator of another organization, finds no audit page, as for a missing one")
    func hiddenIsMissing() async throws {
        let web = try await WebFixture()
        let member = try await web.member()
        let facilitator = try await web.signIn(.facilitator, of: "testnet", as: "facilitator@example.org")
        let memberAdmin = try await web.signIn(.organizationAdmin, of: "testnet/lagos-member")
        let hidden = try await web.open("/workspace/orgs/\(web.network)/audit", cookie: facilitator)
        let missing = try await web.open("/workspace/orgs/999999/audit", cookie: facilitator)
        #expect(hidden.reply.status == 404 && missing.reply.status == 404)
        #expect(hidden.reply.text.filter { !$0.isNumber } == missing.reply.text.filter { !$0.isNumber })
        let other = try await web.open("/workspace/orgs/\(web.network)/audit", cookie: memberAdmin)
        #expect(other.reply.status == 404)
        let own = try await web.open("/workspace/orgs/\(member)/audit", cookie: memberAdmin)
        #expect(own.reply.status == 200)
        let anonymous = try await web.open("/workspace/orgs/\(web.network)/audit")
        #expect(anonymous.reply.status != 200)
    }

    @Test("a session's description, saved on the management page, shows on the public series page, escaped")
    func description() async throws {
        let web = try await WebFixture()
        let cookie = try await web.signIn()
        let session = try await intro(web)
        let manage = try await web.open("/manage/series/\(web.series)", cookie: cookie)
        let saved = try await web.post(
            "/manage/series/\(web.series)/sessions/\(session)/describe",
            [("form", manage.token), ("description", "Amina led <b>the role play</b>.\r\n\r\nKofi closed.")],
            cookie: cookie)
        #expect(saved.status == 303)
        let page = try await web.open("/series/\(web.series)")
        #expect(page.reply.text.contains("<p>Amina led &lt;b&gt;the role play&lt;/b&gt;.</p><p>Kofi closed.</p>"))
        let refused = try await web.post(
            "/manage/series/\(web.series)/sessions/\(session)/describe",
            [("form", manage.token), ("description", "Bad \u{202E} text")], cookie: cookie)
        #expect(refused.status == 422)
        let kept = try await web.harness.workspace.read { db in try Session.fetchOne(db, key: session) }
        #expect(kept?.description == "Amina led <b>the role play</b>.\n\nKofi closed.")
    }
}
