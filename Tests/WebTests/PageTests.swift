import Foundation
import HTTPTypes
import Kernel
import KernelTesting
import ServerTesting
import Testing

@Suite struct PageTests {
    @Test("the series page shows sessions in the chosen zone beside the planned one, and escapes data")
    func seriesPage() async throws {
        let sample = Samples.network(replacing: "title: Series One", with: "title: \"Series <b>One</b> & 'Co'\"")
        let web = try await WebFixture(sample: sample)
        let page = try await web.client.get("/series/\(web.series)?tz=Europe/London")
        #expect(page.status == 200)
        #expect(page.text.contains("<h1>Series &lt;b&gt;One&lt;/b&gt; &amp; &#39;Co&#39;</h1>"))
        #expect(!page.text.contains("<b>One</b>"))
        #expect(page.text.contains("(Africa/Harare)"))
        #expect(page.text.contains("Times are in <strong>United Kingdom Time (Europe/London)</strong>"))
        #expect(page.text.contains("Test Facilitator"))
        #expect(page.text.components(separatedBy: "<h1").count == 2)
        let bad = try await web.client.get("/series/\(web.series)?tz=Mars/Olympus")
        #expect(bad.status == 400)
        #expect(bad.text.contains("is not a time zone"))
    }

    @Test("plugin sections follow enablement: the subscribe links vanish when feeds is disabled")
    func sectionsFollowEnablement() async throws {
        let web = try await WebFixture()
        let feed = "webcal://indaba.example.org/public/orgs/\(web.network)/feeds/series/\(web.series)/calendar.ics"
        #expect(try await web.client.get("/series/\(web.series)").text.contains(feed))
        try await web.disable("feeds")
        #expect(!(try await web.client.get("/series/\(web.series)").text.contains("webcal:")))
    }

    @Test("a plugin's pages and navigation exist only where it is enabled, and only for signed-in staff")
    func pluginPagesGated() async throws {
        let web = try await WebFixture()
        let page = "/orgs/\(web.network)/notes/board"
        let cookie = try await web.signIn()
        #expect(try await web.client.request(.get, page, headers: ["Cookie": cookie]).status == 404)
        #expect(!(try await web.open("/workspace", cookie: cookie).reply.text.contains(page)))
        try await web.enable("notes")
        let shown = try await web.client.request(.get, page, headers: ["Cookie": cookie])
        #expect(shown.status == 200)
        #expect(shown.text.contains("Notes of Test Network"))
        #expect(try await web.open("/workspace", cookie: cookie).reply.text.contains("href=\"\(page)\""))
        #expect(try await web.client.get(page).status == 401)
        let member = try await web.harness.workspace.read { db in
            try Lookup.organization("testnet/lagos-member", in: db).id!
        }
        #expect(
            try await web.client.request(.get, "/orgs/\(member)/notes/board", headers: ["Cookie": cookie]).status == 404
        )
        try await web.disable("notes")
        #expect(try await web.client.request(.get, page, headers: ["Cookie": cookie]).status == 404)
    }

    @Test("drafts and unknown series are a 404 page; every page is HTML with the layout's landmarks")
    func notFoundAndLayout() async throws {
        let web = try await WebFixture()
        let missing = try await web.client.get("/series/999")
        #expect(missing.status == 404)
        #expect(missing.header("Content-Type") == "text/html; charset=utf-8")
        for path in ["/", "/series/\(web.series)", "/series/\(web.series)/enrol", "/sign-in", "/series/999"] {
            let reply = try await web.client.get(path)
            #expect(reply.text.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\" dir=\"ltr\">"), "\(path)")
            for landmark in ["<header", "<nav aria-label=\"Site\"", "<main id=\"main\"", "<footer", "href=\"#main\""] {
                #expect(reply.text.contains(landmark), "\(path): \(landmark)")
            }
        }
        let css = try await web.client.get("/static/indaba.css")
        #expect(css.status == 200)
        #expect(css.header("Content-Type") == "text/css; charset=utf-8")
    }

    @Test("the case-study library page comes and goes with the plugin and escapes the query")
    func libraryPage() async throws {
        let web = try await WebFixture()
        let cookie = try await web.signIn()
        let library = "/orgs/\(web.network)/case-studies/library"
        #expect(try await web.client.request(.get, library, headers: ["Cookie": cookie]).status == 404)
        try await web.enable("case-studies")
        #expect(try await web.open("/workspace", cookie: cookie).reply.text.contains("href=\"\(library)\""))
        let page = try await web.client.request(
            .get, library + "?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", headers: ["Cookie": cookie])
        #expect(page.status == 200)
        #expect(page.text.contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt;\""))
        #expect(!page.text.contains("<script>alert"))
        #expect(page.text.contains("0 studies match"))
    }

    @Test("the retention dashboard shows a series' funnel to its administrators, only where retention is enabled")
    func retentionDashboard() async throws {
        let web = try await WebFixture()
        let cookie = try await web.signIn()
        let page = "/orgs/\(web.network)/retention/series/\(web.series)"
        #expect(try await web.client.request(.get, page, headers: ["Cookie": cookie]).status == 404)
        try await web.enable("retention")
        let overview = try await web.client.request(
            .get, "/orgs/\(web.network)/retention/series", headers: ["Cookie": cookie])
        #expect(overview.text.contains("href=\"series/\(web.series)\"><bdi>Series One</bdi></a>"))
        let shown = try await web.client.request(.get, page, headers: ["Cookie": cookie])
        #expect(shown.status == 200)
        #expect(shown.text.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(shown.text.contains("Dropped out here"))
        #expect(try await web.client.get(page).status == 401)
        #expect(
            try await web.client.request(.get, "/orgs/\(web.network)/retention/series/999", headers: ["Cookie": cookie])
                .status == 404)
    }

    @Test("the series report page is for the series' administrators, and lists the workspace's series")
    func reportPage() async throws {
        let web = try await WebFixture()
        let page = "/reports/series/\(web.series)"
        #expect(try await web.client.get(page).status == 401)
        let cookie = try await web.signIn()
        #expect(try await web.open("/workspace", cookie: cookie).reply.text.contains("href=\"\(page)\""))
        let report = try await web.client.request(.get, page, headers: ["Cookie": cookie])
        #expect(report.status == 200)
        #expect(report.text.contains("<h1>Series One: series report</h1>"))
        #expect(report.text.contains("<h2>Participation</h2>"))
        #expect(!report.text.contains("<h2>Retention</h2>"))
        try await web.enable("retention")
        #expect(
            try await web.client.request(.get, page, headers: ["Cookie": cookie]).text.contains("<h2>Retention</h2>"))
        let member = try await web.harness.workspace.read { db in
            try Lookup.organization("testnet/lagos-member", in: db).id!
        }
        let (_, secret) = try await web.harness.workspace.write(as: AuditActor("test")) {
            try $0.createLoginLink(role: .organizationAdmin, organization: member)
        }
        let form = try await web.open("/sign-in?link=\(secret)")
        let signedIn = try await web.post("/sign-in", [("form", form.token), ("link", secret)], cookie: form.cookie)
        let other =
            form.cookie + "; "
            + (signedIn.headers[values: .setCookie].first { $0.hasPrefix("indaba_session=") }?
                .split(separator: ";").first.map(String.init) ?? "")
        #expect(try await web.client.request(.get, page, headers: ["Cookie": other]).status == 404)
    }

    @Test("an administrator enables and disables a plugin from the workspace; its page follows; forged posts fail")
    func pluginSwitch() async throws {
        let web = try await WebFixture()
        let cookie = try await web.signIn()
        let page = "/orgs/\(web.network)/notes/board"
        let action = "/workspace/orgs/\(web.network)/plugins/notes"
        let workspace = try await web.open("/workspace", cookie: cookie)
        #expect(workspace.reply.text.contains("aria-label=\"Enable notes for Test Network\""))
        #expect(workspace.reply.text.contains("<span class=\"plugin\">notes</span> <code>notes</code>"))
        let token = try #require(
            workspace.reply.text.firstMatch(
                of:
                    /action="\/workspace\/orgs\/\d+\/plugins\/notes" class="switch"><input type="hidden" name="form" value="([^"]+)"/
            ))
        let forged = try await web.post(action, [("form", "x"), ("enabled", "yes")], cookie: cookie)
        #expect(forged.status == 403)
        #expect(try await web.client.request(.get, page, headers: ["Cookie": cookie]).status == 404)
        let on = try await web.post(action, [("form", String(token.1)), ("enabled", "yes")], cookie: cookie)
        #expect(on.status == 303)
        #expect(try await web.client.request(.get, page, headers: ["Cookie": cookie]).status == 200)
        #expect(
            try await web.count(
                "SELECT count(*) FROM auditLog WHERE action = 'plugin.enabled' AND pluginId = 'notes' AND actor LIKE 'session:%'"
            ) == 1)
        let off = try await web.post(action, [("form", String(token.1)), ("enabled", "no")], cookie: cookie)
        #expect(off.status == 303)
        #expect(try await web.client.request(.get, page, headers: ["Cookie": cookie]).status == 404)
        #expect(try await web.post(action, [("form", String(token.1)), ("enabled", "yes")], cookie: "").status == 401)
    }

    @Test("a plugin's public pages need no sign-in and exist only where it is enabled")
    func publicPluginPages() async throws {
        let web = try await WebFixture()
        let library = "/pages/orgs/\(web.network)/case-studies/library"
        #expect(try await web.client.get(library).status == 404)
        try await web.enable("case-studies")
        let page = try await web.client.get(library + "?q=%22%3E%3Cb%3E")
        #expect(page.status == 200)
        #expect(page.text.contains("<a href=\"/\">All series</a>"))
        #expect(page.text.contains("value=\"&quot;&gt;&lt;b&gt;\""))
        #expect(try await web.client.get("/pages/orgs/999/case-studies/library").status == 404)
    }
}
