import Foundation
import GRDB
import HTTPTypes
import Kernel
import KernelTesting
import ServerTesting
import Testing

@Suite struct PluginSettingsFormTests {
    @Test("the settings form has a field of the right kind for each setting")
    func fields() async throws {
        let web = try await WebFixture()
        let cookie = try await web.signIn()
        let feeds = try await web.open("/workspace/orgs/\(web.network)/plugins/feeds/settings", cookie: cookie)
        #expect(feeds.reply.status == 200)
        #expect(feeds.reply.text.contains("name=\"refreshMinutes\" type=\"number\" value=\"60\" step=\"1\""))
        #expect(feeds.reply.text.contains("name=\"showFacilitators\" type=\"checkbox\" value=\"yes\" checked"))
        #expect(feeds.reply.text.contains("<label for=\"field-refreshMinutes\">Refresh every (minutes)</label>"))
        let retention = try await web.open("/workspace/orgs/\(web.network)/plugins/retention/settings", cookie: cookie)
        #expect(retention.reply.text.contains("newsletter\npartner-org"))
    }

    @Test("plugin menus and settings forms speak the page's language: labels, help and choices (issue 17)")
    func inTheLanguage() async throws {
        let web = try await WebFixture()
        let cookie = try await web.signIn()
        let french = ["Accept-Language": "fr"]
        let feeds = try await web.open(
            "/workspace/orgs/\(web.network)/plugins/feeds/settings", cookie: cookie, headers: french)
        #expect(feeds.reply.text.contains(">Fréquence d’actualisation (minutes)</label>"))
        #expect(!feeds.reply.text.contains("Refresh every"))
        let certificates = try await web.open(
            "/workspace/orgs/\(web.network)/plugins/certificates/settings", cookie: cookie,
            headers: ["Accept-Language": "ar"])
        #expect(certificates.reply.text.contains("عنوان التحقق"))
        #expect(!certificates.reply.text.contains("Verification address"))
        // A choice keeps its value and shows its label in the language.
        #expect(certificates.reply.text.contains("<option value=\"RS256\""))
        #expect(!certificates.reply.text.contains("what every verifier supports"))
        try await web.enable("retention")
        let workspace = try await web.client.request(
            .get, "/workspace", headers: ["Cookie": cookie, "Accept-Language": "fr"])
        #expect(workspace.text.contains(">Tableau de bord de la fidélisation</a>"))
        #expect(!workspace.text.contains(">Retention dashboard</a>"))
    }

    @Test("a refused value is explained in the page's language: the plugin's reason and the kernel's (issue 17)")
    func refusedInTheLanguage() async throws {
        let web = try await WebFixture()
        let cookie = try await web.signIn()
        let path = "/workspace/orgs/\(web.network)/plugins/feeds/settings"
        let reply = try await web.submit(
            path, [("title", "Our feed"), ("refreshMinutes", "1"), ("color", "")], cookie: cookie,
            headers: ["Accept-Language": "fr"])
        #expect(reply.status == 422)
        #expect(
            reply.text.contains(
                "id=\"field-refreshMinutes-error\">Doit être compris entre 5 minutes et une semaine (10080)."))
        // The field's label names the setting: no internal key, no plugin id.
        #expect(!reply.text.contains("« refreshMinutes »"))
        #expect(!reply.text.contains("must be from 5 minutes"))
        let words = try await web.submit(
            path, [("refreshMinutes", "often")], cookie: cookie, headers: ["Accept-Language": "sw"])
        #expect(words.status == 422)
        #expect(words.text.contains("Lazima iwe namba kamili, kama 60."))
    }

    @Test("a refused value is shown next to its field with the reason; nothing is stored")
    func refused() async throws {
        let web = try await WebFixture()
        let cookie = try await web.signIn()
        let path = "/workspace/orgs/\(web.network)/plugins/feeds/settings"
        let before = try await web.count("SELECT count(*) FROM auditLog WHERE action = 'plugin.settingsChanged'")
        let reply = try await web.submit(
            path, [("title", "Our feed"), ("refreshMinutes", "1"), ("color", "")], cookie: cookie)
        #expect(reply.status == 422)
        #expect(
            reply.text.contains(
                "id=\"field-refreshMinutes-error\">Must be from 5 minutes to one week (10080)."
            ))
        #expect(reply.text.contains("value=\"Our feed\""))
        let words = try await web.submit(path, [("refreshMinutes", "often")], cookie: cookie)
        #expect(words.status == 422)
        #expect(words.text.contains("Must be a whole number"))
        #expect(try await web.count("SELECT count(*) FROM auditLog WHERE action = 'plugin.settingsChanged'") == before)
        let forged = try await web.submit(path, [("refreshMinutes", "30")], cookie: cookie, token: "x")
        #expect(forged.status == 403)
    }

    @Test("a good change is stored through the kernel and audited; unticked boxes become false")
    func saved() async throws {
        let web = try await WebFixture()
        let cookie = try await web.signIn()
        let path = "/workspace/orgs/\(web.network)/plugins/retention/settings"
        let reply = try await web.submit(
            path,
            [
                ("attendedPercent", "60"), ("minimumGroupSize", "5"), ("channels", "radio\r\nnewsletter\r\n"),
                ("walkInChannel", "walk-in"), ("genderGroups", "{}"), ("channelLabels", "{\"radio\": \"Radio\"}"),
            ], cookie: cookie)
        #expect(reply.status == 303)
        let after = try await web.client.request(
            .get, try #require(reply.headers[.location]), headers: ["Cookie": cookie])
        #expect(after.text.contains("<p class=\"notice\" role=\"status\">Saved."))
        #expect(after.text.contains("radio\nnewsletter</textarea>"))
        let stored = try await web.harness.workspace.read { db in
            try String.fetchOne(
                db, sql: "SELECT settings FROM pluginEnablement WHERE pluginId = 'retention' AND organizationId = ?",
                arguments: [web.network])
        }
        #expect(stored?.contains("\"channels\":[\"radio\",\"newsletter\"]") == true)
        #expect(stored?.contains("\"attendedPercent\":60") == true)
        #expect(try await web.count("SELECT count(*) FROM auditLog WHERE action = 'plugin.settingsChanged'") == 1)
        let feeds = try await web.submit(
            "/workspace/orgs/\(web.network)/plugins/feeds/settings", [("refreshMinutes", "60")], cookie: cookie)
        #expect(feeds.status == 303)
        let flag = try await web.harness.workspace.read { db in
            try String.fetchOne(db, sql: "SELECT settings FROM pluginEnablement WHERE pluginId = 'feeds'")
        }
        #expect(flag?.contains("\"showFacilitators\":false") == true)
    }

    @Test("fields carry the labels and help their plugin wrote; a choice is a list, and only its values are taken")
    func describedByThePlugin() async throws {
        let web = try await WebFixture()
        try await web.enable("certificates")
        let cookie = try await web.signIn()
        let path = "/workspace/orgs/\(web.network)/plugins/certificates/settings"
        let page = try await web.open(path, cookie: cookie)
        let text = page.reply.text
        #expect(text.contains("<label for=\"field-verificationBaseURL\">Verification address <span"))
        #expect(text.contains("The public address of this Indaba server that QR codes point to"))
        #expect(!text.contains("Verification base u r l"))
        #expect(text.contains("<option value=\"RS256\" selected>RS256 (what every verifier supports)</option>"))
        let fields = [
            ("rules", "[]"), ("verificationBaseURL", ""), ("primaryColour", "#1F3A5F"), ("accentColour", "#A67C2E"),
            ("paperColour", "#FFFDF7"), ("heading", "Certificate of Completion"), ("signatureName", ""),
            ("signatureRole", ""),
        ]
        let before = try await web.count("SELECT count(*) FROM auditLog WHERE action = 'plugin.settingsChanged'")
        let forged = try await web.submit(path, fields + [("signingAlgorithm", "HS256")], cookie: cookie)
        #expect(forged.status == 422)
        #expect(forged.text.contains("Choose one of the listed values for ‘Signing of Open Badges credentials’."))
        #expect(try await web.count("SELECT count(*) FROM auditLog WHERE action = 'plugin.settingsChanged'") == before)
        let chosen = try await web.submit(path, fields + [("signingAlgorithm", "ES256")], cookie: cookie)
        #expect(chosen.status == 303)
        // Every shipped plugin describes every one of its settings.
        for plugin in web.harness.workspace.registry.plugins {
            for key in try SettingsCodec.merge([:], onto: nil, for: plugin.settings, plugin: plugin.id).keys {
                #expect(plugin.settings.descriptions[key] != nil, "\(plugin.id).\(key)")
            }
        }
    }

    @Test("the staff enrolment form offers the organization's channels by their labels, not as free text")
    func channelLabels() async throws {
        let web = try await WebFixture()
        try await web.enable("retention")
        let cookie = try await web.signIn()
        let page = try await web.open("/manage/series/\(web.series)/enrolments", cookie: cookie)
        #expect(page.reply.text.contains("<option value=\"partner-org\">A partner organization</option>"))
        #expect(page.reply.text.contains("<option value=\"whatsapp\">WhatsApp</option>"))
    }
}
