import Foundation
import GRDB
import HTTPTypes
import Kernel
import KernelTesting
import ServerTesting
import Testing

@testable import CaseStudies

/// The public page of a case study, and the links to it from the series page and the library's search.
@Suite struct CaseStudyPublicPageTests {
    static func file(
        slug: String = "open-studio", visibility: String = "public", consent: String = "granted",
        organization: String = "testnet", presentedAt: [String] = ["testnet/webinars/series-one/intro"]
    ) -> String {
        """
        ---
        slug: \(slug)
        title: "Open studio days"
        summary: "Women producers on the morning show."
        organization: \(organization)
        origin: outside
        country: TZ
        sector: media
        topics:
          - recruitment
        outcomes:
          - description: "Women among volunteer producers"
            figure: "from 22% to 47%"
        links:
          - title: "Checklist"
            url: "https://radio.example.org/checklist"
        licence: "CC-BY-4.0"
        consent: \(consent)
        visibility: \(visibility)
        presentedAt:\(presentedAt.isEmpty ? " []" : presentedAt.map { "\n  - \($0)" }.joined())
        ---
        # The problem

        Few women applied to be **producers**; see the [open studio checklist](https://radio.example.org/open).

        ## What worked

        - Open *studio* days
        - A <script>alert(1)</script> rota

        """
    }

    /// A page's text without what changes from one answer to the next (form tokens, nonces).
    static func stable(_ text: String) -> String {
        text.replacing(/value="[^"]{20,}"/, with: "").replacing(/nonce="[^"]*"/, with: "")
    }

    @Test("a public study's page shows its parts, its body rendered safely, and where it was presented")
    func publicPage() async throws {
        let web = try await WebFixture()
        try await web.enable("case-studies")
        try await web.importStudy(Self.file())
        let page = try await web.client.get("/pages/orgs/\(web.network)/case-studies/studies/open-studio")
        #expect(page.status == 200)
        let text = page.text
        #expect(text.contains("<h1>Open studio days</h1>") || text.contains(">Open studio days</h1>"))
        #expect(text.contains("<p class=\"lead\">Women producers on the morning show.</p>"))
        #expect(text.contains("Women among volunteer producers: <strong>from 22% to 47%</strong>"))
        // The body's headings sit under the page's: `#` is an h2, `##` an h3; one h1 on the page.
        #expect(text.contains("<h2>The problem</h2>") && text.contains("<h3>What worked</h3>"))
        #expect(text.components(separatedBy: "<h1").count == 2)
        #expect(text.contains("<strong>producers</strong>") && text.contains("<em>studio</em>"))
        #expect(text.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !text.contains("<script>alert"))
        #expect(text.contains("href=\"https://radio.example.org/checklist\" rel=\"nofollow noopener\">Checklist</a>"))
        #expect(text.contains("CC-BY-4.0"))
        #expect(text.contains("<a href=\"/series/\(web.series)\"><bdi>Series One</bdi></a>: session 1, Introduction"))
        // By id too, as the staff pages link it.
        let id = try await web.count("SELECT id FROM caseStudies_study WHERE slug = 'open-studio'")
        #expect(try await web.client.get("/pages/orgs/\(web.network)/case-studies/studies/\(id)").status == 200)
    }

    @Test("a study not shown in public answers like a missing one: not public, no consent, disabled, unknown")
    func hiddenEqualsMissing() async throws {
        let web = try await WebFixture()
        let member = try await web.member()
        try await web.enable("case-studies")
        try await web.importStudy(Self.file(slug: "network-only", visibility: "network"))
        try await web.importStudy(Self.file(slug: "pending", consent: "pending"))
        try await web.importStudy(Self.file(slug: "private", visibility: "private"))
        try await web.importStudy(Self.file(slug: "shown"))
        let base = "/pages/orgs/\(web.network)/case-studies/studies/"
        let missing = try await web.client.get(base + "nowhere")
        #expect(missing.status == 404)
        for slug in ["network-only", "pending", "private"] {
            let hidden = try await web.client.get(base + slug)
            #expect(hidden.status == 404, "\(slug)")
            #expect(Self.stable(hidden.text) == Self.stable(missing.text), "\(slug)")
        }
        // Signed in staff of the network read the public page as anyone does.
        let cookie = try await web.signIn()
        let signedIn = try await web.client.request(.get, base + "network-only", headers: ["Cookie": cookie])
        #expect(signedIn.status == 404)
        // An organization that has not enabled the plugin, and the plugin disabled: the same 404.
        let notEnabled = try await web.client.get("/pages/orgs/\(member)/case-studies/studies/shown")
        #expect(notEnabled.status == 404 && Self.stable(notEnabled.text) == Self.stable(missing.text))
        #expect(try await web.client.get(base + "shown").status == 200)
        try await web.disable("case-studies")
        let disabled = try await web.client.get(base + "shown")
        #expect(disabled.status == 404 && Self.stable(disabled.text) == Self.stable(missing.text))
    }

    @Test("the series page links each study presented to its page; the public search links and shows plain text")
    func linkedFromSeriesAndSearch() async throws {
        let web = try await WebFixture()
        try await web.enable("case-studies")
        try await web.importStudy(Self.file())
        let series = try await web.client.get("/series/\(web.series)")
        #expect(
            series.text.contains(
                "<a href=\"/pages/orgs/\(web.network)/case-studies/studies/open-studio\">Open studio days</a>"))
        let search = try await web.client.get("/pages/orgs/\(web.network)/case-studies/library?q=checklist")
        #expect(search.status == 200)
        #expect(search.text.contains("<a href=\"studies/open-studio\">Open studio days</a>"))
        // The snippet is text: no Markdown syntax, no address of the link, the match highlighted.
        let snippet = try #require(search.text.firstMatch(of: /<p class="meta">[^<]*<\/p><p>(.*?)<\/p><\/li>/)?.1)
        #expect(snippet.contains("<mark>checklist</mark>"))
        #expect(!snippet.contains("**") && !snippet.contains("](") && !snippet.contains("radio.example.org"))
        #expect(!snippet.contains("#"))
    }
}
