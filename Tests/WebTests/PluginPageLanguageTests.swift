import Foundation
import HTTPTypes
import Kernel
import KernelTesting
import ServerTesting
import Testing

/// Plugins' pages and sections speak the page's language: the case-study library and a study's public page, the
/// feeds' subscribe section of a series page.
@Suite struct PluginPageLanguageTests {
    @Test("a public case study in Arabic and French: headings, labels and the session's date")
    func publicStudy() async throws {
        let web = try await WebFixture()
        try await web.enable("case-studies")
        try await web.importStudy(CaseStudyPublicPageTests.file())
        let path = "/pages/orgs/\(web.network)/case-studies/studies/open-studio"
        let arabic = try await web.client.request(.get, path, headers: ["Accept-Language": "ar"])
        #expect(arabic.status == 200)
        #expect(arabic.text.contains("<html lang=\"ar\" dir=\"rtl\""))
        #expect(arabic.text.contains("<h2>أين عُرضت</h2>") && arabic.text.contains("مكتبة دراسات الحالة"))
        let french = try await web.client.request(.get, path, headers: ["Accept-Language": "fr"])
        #expect(french.text.contains("<h2>Ce qui en est ressorti</h2>"))
        #expect(french.text.contains("Une initiative extérieure au réseau"))
        // The date of the session it was presented in, with the French month.
        let month = "(janv\\.|févr\\.|mars|avr\\.|mai|juin|juil\\.|août|sept\\.|oct\\.|nov\\.|déc\\.)"
        #expect(french.text.contains(try Regex("Introduction \\(\\d{1,2} \(month) \\d{4}\\)")))
        // English stays as it was.
        let english = try await web.client.get(path)
        #expect(english.text.contains("<h2>Where it was presented</h2>"))
    }

    @Test("the library counts with the language's plural forms")
    func libraryCount() async throws {
        let web = try await WebFixture()
        try await web.enable("case-studies")
        try await web.importStudy(CaseStudyPublicPageTests.file())
        let path = "/pages/orgs/\(web.network)/case-studies/library"
        let french = try await web.client.request(.get, path, headers: ["Accept-Language": "fr"])
        #expect(french.text.contains("1 étude dans la bibliothèque."))
        #expect(
            french.text.contains(
                "<nav aria-label=\"Fil d’Ariane\" class=\"crumbs\"><a href=\"/\">Toutes les séries</a>"))
        let swahili = try await web.client.request(.get, path + "?q=studio", headers: ["Accept-Language": "sw"])
        #expect(swahili.text.contains("Kisa mafunzo 1 kinalingana na “studio”."))
    }

    @Test("the feeds' section of a series page and its subscribe steps in Portuguese")
    func subscribeSection() async throws {
        let web = try await WebFixture()
        try await web.enable("feeds")
        let page = try await web.client.request(
            .get, "/series/\(web.series)", headers: ["Accept-Language": "pt-PT"])
        #expect(page.text.contains("Subscrever o calendário"))
        #expect(page.text.contains("<em>Outros calendários</em>"))
    }
}
