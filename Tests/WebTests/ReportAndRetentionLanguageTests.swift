import Foundation
import HTTPTypes
import Kernel
import KernelTesting
import ServerTesting
import Testing

/// Issue 17: the retention dashboard, the series report with the plugins' sections, and the certificates pages
/// speak the page's language; Arabic ones run right to left, the funnel chart too.
@Suite("Plugin pages and the series report in French and Arabic")
struct ReportAndRetentionLanguageTests {
    @Test("the retention dashboard in French and in Arabic, its funnel chart mirrored right to left")
    func retentionDashboard() async throws {
        let web = try await WebFixture()
        let cookie = try await web.signIn()
        try await web.enable("retention")
        let page = "/orgs/\(web.network)/retention/series/\(web.series)"
        let french = try await web.client.request(
            .get, page, headers: ["Cookie": cookie, "Accept-Language": "fr-SN"])
        #expect(french.status == 200)
        #expect(french.text.contains("<html lang=\"fr\" dir=\"ltr\">"))
        #expect(french.text.contains("<caption>Étapes de l’entonnoir</caption>"))
        #expect(french.text.contains("<th scope=\"col\">Abandons à cette étape</th>"))
        #expect(french.text.contains("Series One : entonnoir de participation"))
        #expect(!french.text.contains("Dropped out here"))
        #expect(!french.text.contains("direction=\"rtl\""))
        let arabic = try await web.client.request(.get, page, headers: ["Cookie": cookie, "Accept-Language": "ar"])
        #expect(arabic.status == 200)
        #expect(arabic.text.contains("<html lang=\"ar\" dir=\"rtl\">"))
        #expect(arabic.text.contains("<caption>مراحل القمع</caption>"))
        #expect(arabic.text.contains("<th scope=\"row\">المسجلون</th>"))
        // The chart reads right to left: labels anchored on the right, bars growing towards the left.
        #expect(arabic.text.contains("direction=\"rtl\""))
        #expect(arabic.text.contains("<text x=\"510\" y=\"74\" text-anchor=\"end\" fill=\"#1a1a1a\">المسجلون</text>"))
        #expect(!arabic.text.contains("Dropped out here"))
    }

    @Test("the series report page in French and Arabic, with the retention and certificates sections translated")
    func reportPage() async throws {
        let web = try await WebFixture()
        let cookie = try await web.signIn()
        try await web.enable("retention")
        try await web.enable("certificates")
        let page = "/reports/series/\(web.series)"
        let french = try await web.client.request(.get, page, headers: ["Cookie": cookie, "Accept-Language": "fr"])
        #expect(french.status == 200)
        #expect(french.text.contains("<h1>Series One : rapport de la série</h1>"))
        #expect(french.text.contains("<h2>Fidélisation</h2>") && french.text.contains("<h2>Certificats</h2>"))
        #expect(french.text.contains("Aucune règle de certificat n’est définie pour cette série"))
        let arabic = try await web.client.request(.get, page, headers: ["Cookie": cookie, "Accept-Language": "ar"])
        #expect(arabic.text.contains("<html lang=\"ar\" dir=\"rtl\">"))
        #expect(arabic.text.contains("<h2>نظرة عامة</h2>") && arabic.text.contains("<h2>الاستبقاء</h2>"))
        #expect(arabic.text.contains("<caption>الإكمال حسب الجلسة</caption>"))
    }
}
