import Foundation
import GRDB
import HTTPTypes
import Kernel
import KernelTesting
import ServerTesting
import Testing

/// The certificates plugin's staff pages: preview, issue, list, revoke, download; gated like every plugin page.
@Suite struct CertificatePageTests {
    /// One session attended is enough: Participant One (present at the introduction) is eligible, Two is not.
    static let settings: [String: JSONValue] = [
        "rules": .array([
            .object(["series": "testnet/webinars/series-one", "minimumSessions": 1, "requiredKinds": .array(["live"])])
        ]),
        "verificationBaseURL": "https://indaba.example.org",
    ]

    private func prepare() async throws -> (WebFixture, cookie: String, token: String, path: String) {
        let web = try await WebFixture()
        try await web.enable("certificates", settings: Self.settings)
        let cookie = try await web.signIn()
        let path = "/orgs/\(web.network)/certificates/series/\(web.series)"
        let page = try await web.open(path, cookie: cookie)
        #expect(page.reply.status == 200)
        return (web, page.cookie, page.token, path)
    }

    @Test("the page previews each participant's verdict with the explanation, and issues with one button")
    func previewAndIssue() async throws {
        let (web, cookie, token, path) = try await prepare()
        let page = try await web.client.request(.get, path, headers: ["Cookie": cookie])
        #expect(page.text.contains("1 of 2 participants meet the rule."))
        #expect(page.text.contains("<th scope=\"row\"><bdi>Participant One</bdi></th><td class=\"text\">eligible"))
        #expect(page.text.contains("<th scope=\"row\"><bdi>Participant Two</bdi></th><td class=\"text\">not eligible"))
        #expect(page.text.contains("Issue 1 certificate<"))

        let forged = try await web.post(path + "/issue", [("form", "forged")], cookie: cookie)
        #expect(forged.status == 403)
        #expect(try await web.count("SELECT count(*) FROM certificates_certificate") == 0)

        let issued = try await web.post(path + "/issue", [("form", token)], cookie: cookie)
        #expect(issued.status == 303)
        #expect(issued.headers[.location] == path + "?issued=1")
        #expect(try await web.count("SELECT count(*) FROM certificates_certificate") == 1)
        let listed = try await web.client.request(.get, path + "?issued=1", headers: ["Cookie": cookie])
        #expect(listed.text.contains("1 certificate issued."))
        let code = try #require(
            listed.text.firstMatch(of: /href="\/verify\/([A-Z0-9-]+)"/).map { String($0.1) })
        #expect(try await web.client.get("/verify/\(code)").text.contains("valid"))
        #expect(listed.text.contains("Everyone eligible has a certificate."))

        let id = try await web.count("SELECT id FROM certificates_certificate")
        let pdf = try await web.client.request(
            .get, "/orgs/\(web.network)/certificates/certificates/\(id)/certificate.pdf", headers: ["Cookie": cookie])
        #expect(pdf.status == 200)
        #expect(pdf.headers[.contentType] == "application/pdf")
        #expect(pdf.body.starts(with: Data("%PDF".utf8)))
        let jwt = try await web.client.request(
            .get, "/orgs/\(web.network)/certificates/certificates/\(id)/credential.jwt", headers: ["Cookie": cookie])
        #expect(jwt.status == 200)
        #expect(jwt.text.split(separator: ".").count == 3)
    }

    @Test("a series without a rule says so as its page speaks: this series, the settings page, no command line")
    func seriesWithoutRule() async throws {
        let web = try await WebFixture()
        try await web.enable("certificates", settings: ["verificationBaseURL": "https://indaba.example.org"])
        let cookie = try await web.signIn()
        let path = "/orgs/\(web.network)/certificates/series/\(web.series)"
        for (language, sentence) in [
            ("en", "This series has no certificate rule yet; add one in the certificates settings."),
            (
                "fr",
                "Cette série n’a pas encore de règle de certificat ; ajoutez-en une dans les réglages des certificats."
            ),
        ] {
            let page = try await web.client.request(
                .get, path, headers: ["Cookie": cookie, "Accept-Language": language])
            #expect(page.status == 200)
            #expect(page.text.contains(sentence), "\(language)")
            #expect(!page.text.contains("indaba plugin settings"), "\(language)")
        }
    }

    @Test("revoking needs a reason (shown by the field, 422); then the verification page says revoked")
    func revoke() async throws {
        let (web, cookie, token, path) = try await prepare()
        #expect(try await web.post(path + "/issue", [("form", token)], cookie: cookie).status == 303)
        let id = try await web.count("SELECT id FROM certificates_certificate")
        let revoke = "/orgs/\(web.network)/certificates/certificates/\(id)/revoke"
        let revokeToken = try await web.open(path, cookie: cookie).token(for: revoke)
        let empty = try await web.post(revoke, [("form", revokeToken), ("reason", "  ")], cookie: cookie)
        #expect(empty.status == 422)
        #expect(empty.text.contains("id=\"reason-\(id)-error\" role=\"alert\">Give a reason"))
        #expect(try await web.count("SELECT count(*) FROM certificates_certificate WHERE status = 'revoked'") == 0)
        let forged = try await web.post(revoke, [("form", "1.2.3"), ("reason", "issued in error")], cookie: cookie)
        #expect(forged.status == 403)
        let done = try await web.post(revoke, [("form", revokeToken), ("reason", "issued in error")], cookie: cookie)
        #expect(done.status == 303)
        #expect(done.headers[.location] == path + "?revoked=\(id)")
        #expect(try await web.count("SELECT count(*) FROM certificates_certificate WHERE status = 'revoked'") == 1)
        let again = try await web.post(revoke, [("form", revokeToken), ("reason", "twice")], cookie: cookie)
        #expect(again.status == 409)
    }

    @Test("rules are edited in a form, not as JSON: saved into the settings, refused next to the field when wrong")
    func rulesForm() async throws {
        let (web, cookie, _, _) = try await prepare()
        let path = "/orgs/\(web.network)/certificates/settings"
        let page = try await web.open(path, cookie: cookie)
        #expect(page.reply.status == 200)
        #expect(page.reply.text.contains("name=\"minimumSessions\""))
        #expect(page.reply.text.contains("value=\"1\""))
        let action = path + "/rules/\(web.series)"
        let bad = try await web.post(action, [("form", page.token), ("minimumSessions", "0")], cookie: page.cookie)
        #expect(bad.status == 422)
        #expect(bad.text.contains("id=\"minimum-\(web.series)-error\" role=\"alert\">Give a whole number"))
        // A rule the series cannot meet is refused where it is written, naming the sessions it has; nothing is saved.
        for (field, value, reason) in [
            ("requiredSessions", "intro, no-such-session", "the series has no session &#39;no-such-session&#39;"),
            ("minimumSessions", "40", "it asks for more sessions (40) than the series has"),
        ] {
            var form = [("form", page.token), ("minimumSessions", "1"), (field, value)]
            if field == "minimumSessions" { form.remove(at: 1) }
            let misfit = try await web.post(action, form, cookie: page.cookie)
            #expect(misfit.status == 422, "\(value)")
            #expect(misfit.text.contains("This rule does not fit the series: \(reason)"), "\(value)")
            #expect(misfit.text.contains("Its sessions: intro, "), "\(value)")
        }
        let unchanged = try await web.harness.workspace.read { db in
            try String.fetchOne(
                db, sql: "SELECT settings FROM pluginEnablement WHERE pluginId = 'certificates' AND organizationId = ?",
                arguments: [web.network])
        }
        #expect(unchanged?.contains("no-such-session") == false)
        #expect(unchanged?.contains("\"minimumSessions\":1") == true)
        let saved = try await web.post(
            action,
            [("form", page.token), ("minimumSessions", "2"), ("kind-feedback", "yes"), ("kind-live", "yes")],
            cookie: page.cookie)
        #expect(saved.status == 303)
        let settings = try await web.harness.workspace.read { db in
            try String.fetchOne(
                db, sql: "SELECT settings FROM pluginEnablement WHERE pluginId = 'certificates' AND organizationId = ?",
                arguments: [web.network])
        }
        let stored = try #require(settings)
        #expect(stored.contains("\"minimumSessions\":2"))
        #expect(stored.contains("\"requiredKinds\":[\"live\",\"feedback\"]"))
        // An empty minimum removes the rule.
        #expect(
            try await web.post(action, [("form", page.token), ("minimumSessions", "")], cookie: page.cookie).status
                == 303)
        let removed = try await web.harness.workspace.read { db in
            try String.fetchOne(
                db, sql: "SELECT settings FROM pluginEnablement WHERE pluginId = 'certificates' AND organizationId = ?",
                arguments: [web.network])
        }
        #expect(removed?.contains("\"rules\":[]") == true)
        // The logo is an upload kept by Indaba; a file that is not a PNG is refused by the field.
        let logo = try await web.upload(
            path + "/logo", [("form", page.token(for: path + "/logo"))], files: [("logo", "logo.gif", "GIF89a")],
            cookie: page.cookie)
        #expect(logo.status == 422)
        #expect(logo.text.contains("it is not a PNG image"))
    }

    @Test("after revoking, the page offers no bulk issue that issues nothing, but a new certificate for the holder")
    func revokeThenIssueAnew() async throws {
        let (web, cookie, token, path) = try await prepare()
        #expect(try await web.post(path + "/issue", [("form", token)], cookie: cookie).status == 303)
        let id = try await web.count("SELECT id FROM certificates_certificate")
        let base = "/orgs/\(web.network)/certificates/certificates/\(id)"
        let revokeToken = try await web.open(path, cookie: cookie).token(for: base + "/revoke")
        #expect(
            try await web.post(
                base + "/revoke", [("form", revokeToken), ("reason", "issued in error")], cookie: cookie
            )
            .status == 303)
        let page = try await web.client.request(.get, path, headers: ["Cookie": cookie])
        #expect(!page.text.contains("Issue 1 certificate<"))
        #expect(page.text.contains("Issue a new certificate"))
        let forged = try await web.post(base + "/reissue", [("form", "forged")], cookie: cookie)
        #expect(forged.status == 403)
        let reissueToken = try await web.open(path, cookie: cookie).token(for: base + "/reissue")
        let issued = try await web.post(base + "/reissue", [("form", reissueToken)], cookie: cookie)
        #expect(issued.status == 303)
        #expect(try await web.count("SELECT count(*) FROM certificates_certificate WHERE status = 'valid'") == 1)
        #expect(try await web.count("SELECT count(*) FROM certificates_certificate WHERE status = 'revoked'") == 1)
        let again = try await web.post(base + "/reissue", [("form", reissueToken)], cookie: cookie)
        #expect(again.status == 409)
    }

    @Test("the pages need sign-in, vanish with the plugin, and refuse another organization's series")
    func gating() async throws {
        let (web, cookie, token, path) = try await prepare()
        #expect(try await web.client.get(path).status == 401)
        let member = try await web.member()
        try await web.enable("certificates", for: member)
        let memberCookie = try await web.signIn(role: .organizationAdmin, organization: member)
        let other = "/orgs/\(member)/certificates/series/\(web.series)"
        #expect(try await web.client.request(.get, other, headers: ["Cookie": memberCookie]).status == 404)
        let overview = try await web.client.request(
            .get, "/orgs/\(member)/certificates/series", headers: ["Cookie": memberCookie])
        #expect(overview.status == 200)
        #expect(!overview.text.contains("Series One"))
        // A genuine form token of the member's pages (the upload form) is bound to that form: it opens no other,
        // and a hidden series answers exactly like a missing one.
        try await web.enable("retention", for: member)
        let memberPage = try await web.open("/orgs/\(member)/retention/attendance", cookie: memberCookie)
        let refused = try await web.post(other + "/issue", [("form", memberPage.token)], cookie: memberPage.cookie)
        #expect(refused.status == 403)
        let missing = try await web.post(
            "/orgs/\(member)/certificates/series/999999/issue", [("form", memberPage.token)], cookie: memberPage.cookie)
        #expect(missing.status == refused.status && missing.text == refused.text)
        try await web.disable("certificates")
        #expect(try await web.client.request(.get, path, headers: ["Cookie": cookie]).status == 404)
        #expect(try await web.post(path + "/issue", [("form", token)], cookie: cookie).status == 404)
        #expect(try await web.count("SELECT count(*) FROM certificates_certificate") == 0)
    }

    @Test("a network's admin sees a member's series neither on its pages nor in its API: hidden answers like missing")
    func memberSeriesHidden() async throws {
        let web = try await WebFixture()
        try await web.enable("certificates", settings: Self.settings)
        let member = try await web.member()
        try await web.enable("certificates", for: member)
        try await web.harness.workspace.write(as: AuditActor("test")) { transaction in
            try transaction.db.execute(sql: "UPDATE programme SET organizationId = ?", arguments: [member])
        }
        let cookie = try await web.signIn()
        let (series, missing) = ("\(web.series)", "999999")
        let overview = try await web.client.request(
            .get, "/orgs/\(web.network)/certificates/series", headers: ["Cookie": cookie])
        #expect(overview.status == 200)
        #expect(!overview.text.contains("Series One"))
        let pages = "/orgs/\(web.network)/certificates/series/"
        let hidden = try await web.client.request(.get, pages + series, headers: ["Cookie": cookie])
        let unknown = try await web.client.request(.get, pages + missing, headers: ["Cookie": cookie])
        #expect(hidden.status == 404 && unknown.status == 404)
        #expect(!hidden.text.contains("Participant One"))
        #expect(Self.masked(hidden.text) == Self.masked(unknown.text))
        // The member's own pages still show it to the coordinator, who administers the member too.
        let own = try await web.client.request(
            .get, "/orgs/\(member)/certificates/series/\(series)", headers: ["Cookie": cookie])
        #expect(own.status == 200 && own.text.contains("Series One"))

        let network = Organization.ID(web.network)
        let token = try await web.harness.workspace.write(as: AuditActor("test")) { transaction in
            try transaction.createToken(role: .networkCoordinator, organization: network).secret
        }
        let api = "/api/v1/orgs/\(web.network)/certificates/series/"
        for tail in ["/certificates", "/eligibility"] {
            let hidden = try await web.client.get(api + series + tail, token: token)
            let unknown = try await web.client.get(api + missing + tail, token: token)
            #expect(hidden.status == 404 && unknown.status == 404, "\(tail)")
            #expect(Self.masked(hidden.text) == Self.masked(unknown.text), "\(tail)")
        }
        let dryRun = try await web.client.request(.post, api + series + "/issue?dryRun=true", token: token)
        #expect(dryRun.status == 404)
    }

    /// The main part of a reply with every number masked: a hidden and a missing id must answer alike but for the id.
    static func masked(_ text: String) -> String {
        let main = text.range(of: "<main").map { String(text[$0.lowerBound...]) } ?? text
        return main.replacing(/[0-9]+/, with: "#")
    }
}
