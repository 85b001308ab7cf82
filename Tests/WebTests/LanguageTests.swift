import Foundation
import HTTPTypes
import Kernel
import KernelTesting
import ServerTesting
import Testing

@Suite("Pages speak the visitor's language: switcher, preference, Accept-Language, organization default")
struct LanguageTests {
    @Test("Accept-Language chooses among the shipped languages; Arabic pages run right to left")
    func acceptLanguage() async throws {
        let web = try await WebFixture()
        let french = try await web.client.request(
            .get, "/series/\(web.series)", headers: ["Accept-Language": "de-DE, fr-SN;q=0.8, en;q=0.5"])
        #expect(french.text.hasPrefix("<!DOCTYPE html>\n<html lang=\"fr\" dir=\"ltr\">"))
        #expect(french.text.contains("S’inscrire à cette série"))
        #expect(french.text.contains("<span lang=\"fr\" aria-current=\"true\">Français</span>"))
        let arabic = try await web.client.request(.get, "/", headers: ["Accept-Language": "ar-EG"])
        #expect(arabic.text.hasPrefix("<!DOCTYPE html>\n<html lang=\"ar\" dir=\"rtl\">"))
        #expect(arabic.text.contains("<h1>سلاسل الندوات عبر الإنترنت</h1>"))
        let refused = try await web.client.request(.get, "/", headers: ["Accept-Language": "fr;q=0, sw"])
        #expect(refused.text.contains("<html lang=\"sw\""))
        let english = try await web.client.request(.get, "/", headers: ["Accept-Language": "de, zh"])
        #expect(english.text.contains("<html lang=\"en\" dir=\"ltr\">"))
    }

    @Test("the cached page of one language is never served in another; Vary names Accept-Language")
    func cachePerLanguage() async throws {
        let web = try await WebFixture()
        for _ in 0..<2 {
            let portuguese = try await web.client.request(
                .get, "/series/\(web.series)", headers: ["Accept-Language": "pt-MZ"])
            let swahili = try await web.client.request(
                .get, "/series/\(web.series)", headers: ["Accept-Language": "sw"])
            #expect(portuguese.text.contains("Inscrever-se nesta série"))
            #expect(swahili.text.contains("Jisajili kwa mfululizo huu"))
            #expect(portuguese.header("ETag") != swahili.header("ETag"))
            #expect(portuguese.header("Vary")?.contains("Accept-Language") == true)
        }
    }

    @Test("the switcher's cookie beats Accept-Language; the way back stays on this site")
    func switcher() async throws {
        let web = try await WebFixture()
        let chosen = try await web.client.request(
            .get, "/language?to=ar",
            headers: ["Referer": "http://localhost/series/\(web.series)?tz=UTC", "Accept-Language": "fr"])
        #expect(chosen.status == 303)
        #expect(chosen.header("Location") == "/series/\(web.series)?tz=UTC")
        #expect(chosen.header("Set-Cookie")?.hasPrefix("indaba_lang=ar;") == true)
        let page = try await web.client.request(
            .get, "/series/\(web.series)", headers: ["Cookie": "indaba_lang=ar", "Accept-Language": "fr"])
        #expect(page.text.contains("<html lang=\"ar\" dir=\"rtl\">"))
        let encoded = try await web.client.request(
            .get, "/language?to=sw",
            headers: ["Referer": "http://localhost/series/\(web.series)%0D%0Ax?tz=Africa%2FDakar"])
        #expect(encoded.header("Location") == "/series/\(web.series)%0D%0Ax?tz=Africa%2FDakar")
        for (referer, back) in [
            ("https://evil.example/x", nil), (nil, "//evil.example/x"), (nil, "https://evil.example"),
        ] {
            var headers: [String: String] = [:]
            if let referer { headers["Referer"] = referer }
            let path = "/language?to=fr" + (back.map { "&back=" + $0 } ?? "")
            let reply = try await web.client.request(.get, path, headers: headers)
            #expect(reply.header("Location") == "/", "\(referer ?? back ?? "")")
        }
        let unknown = try await web.client.request(.get, "/language?to=xx", headers: ["Accept-Language": "fr"])
        #expect(unknown.status == 400)
        #expect(unknown.text.contains("Langue inconnue"))
        // The pseudo-language is for layout tests only: without it on, its tag means plain English.
        let pseudoChosen = try await web.client.get("/language?to=en-XA")
        #expect(pseudoChosen.header("Set-Cookie")?.hasPrefix("indaba_lang=en;") == true)
        let pseudo = try await web.client.request(.get, "/", headers: ["Cookie": "indaba_lang=en-XA"])
        #expect(pseudo.text.contains("<html lang=\"en\""))
    }

    @Test("the organization's default language applies when the browser names none Indaba ships")
    func organizationDefault() async throws {
        let web = try await WebFixture()
        try await web.harness.workspace.write(as: AuditActor("test")) {
            try $0.setDefaultLanguage(.portuguese, for: Organization.ID(web.network))
        }
        let page = try await web.client.request(
            .get, "/series/\(web.series)", headers: ["Accept-Language": "de"])
        #expect(page.text.contains("<html lang=\"pt\""))
        let asked = try await web.client.request(.get, "/series/\(web.series)", headers: ["Accept-Language": "sw"])
        #expect(asked.text.contains("<html lang=\"sw\""))
        // The page for visitors naming no shipped language is cached as "the organization's default": a change of
        // that default is a write, and the next such visitor gets the new language, not the page cached before.
        let none = try await web.client.request(.get, "/series/\(web.series)")
        #expect(none.text.contains("<html lang=\"pt\""))
        try await web.harness.workspace.write(as: AuditActor("test")) {
            try $0.setDefaultLanguage(.french, for: Organization.ID(web.network))
        }
        for headers in [["Accept-Language": "de"], [:]] {
            let changed = try await web.client.request(.get, "/series/\(web.series)", headers: headers)
            #expect(changed.text.contains("<html lang=\"fr\""))
        }
        #expect(
            try await web.count(
                "SELECT count(*) FROM auditLog WHERE action = 'organization.languageChanged'") == 2)
    }

    @Test("enrolment in Arabic: errors in Arabic beside their fields (422); the chosen language is kept")
    func enrolmentInArabic() async throws {
        let web = try await WebFixture()
        let form = try await web.open("/series/\(web.series)/enrol", cookie: "indaba_lang=ar")
        #expect(form.reply.text.contains("<option value=\"ar\" lang=\"ar\" selected>العربية</option>"))
        web.harness.clock.advance(by: 5)
        let refused = try await web.post(
            "/series/\(web.series)/enrol", [("form", form.token), ("name", ""), ("email", "x"), ("language", "xx")],
            cookie: form.cookie)
        #expect(refused.status == 422)
        #expect(refused.text.contains("id=\"name-error\">اكتب اسمك.</p>"))
        #expect(refused.text.contains("id=\"language-error\">"))
        let accepted = try await web.post(
            "/series/\(web.series)/enrol",
            [("form", form.token), ("name", "أمينة"), ("email", "amina@example.org"), ("language", "pt")],
            cookie: form.cookie)
        #expect(accepted.status == 200)
        #expect(accepted.text.contains("<h1>تمّ تسجيلك</h1>"))
        #expect(
            try await web.count(
                "SELECT count(*) FROM person WHERE emailKey = 'amina@example.org' AND preferredLanguage = 'pt'") == 1)
    }

    @Test("dates, durations and plurals follow the page's language")
    func formatting() async throws {
        let web = try await WebFixture()
        let french = try await web.client.request(
            .get, "/series/\(web.series)?tz=UTC", headers: ["Accept-Language": "fr"])
        #expect(french.text.contains(" minutes</p>") || french.text.contains(" minute</p>"))
        #expect(french.text.contains("Session en direct"))
        let arabic = try await web.client.request(
            .get, "/series/\(web.series)?tz=UTC", headers: ["Accept-Language": "ar"])
        #expect(arabic.text.contains("جلسة مباشرة"))
        #expect(!arabic.text.contains(" minutes"))
        // The offer of the visitor's own zone (added by the page's script) is worded by the page, in its language.
        #expect(arabic.text.contains(#"data-label="اعرضها حسب منطقتك الزمنية ({zone})""#))
        // Weekdays in full, with their article (الأربعاء), never the short form that drops it (أربعاء).
        let weekdays = ["أحد", "اثنين", "ثلاثاء", "أربعاء", "خميس", "جمعة", "سبت"]
        let times = arabic.text.matches(of: /<time datetime="[^"]+">([^<]+)<\/time>/).map { String($0.1) }
        #expect(!times.isEmpty)
        for time in times {
            #expect(weekdays.contains { time.contains("ال" + $0) }, "\(time)")
        }
    }
}
