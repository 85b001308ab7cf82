import Foundation
import Kernel
import KernelTesting
import ServerTesting
import Testing

@testable import CaseStudies

@Suite("Search: bm25 ranking, highlighted snippets, filters, accents, visibility")
struct SearchTests {
    /// A library of a few studies made for searching, in testnet.
    private func library() async throws -> LibraryFixture {
        let fixture = try await LibraryFixture()
        try await fixture.importStudies(
            [
                study(
                    slug: "mentoring-title", visibility: "public", title: "Mentoring circles for mentoring",
                    summary: "Mentoring, mentoring and more mentoring.", body: "Circles of mentoring peers.\n",
                    topics: ["retention"], sector: "tech", country: "KE"),
                study(
                    slug: "mentoring-once", visibility: "public", title: "A newsroom rota",
                    body: "Long text about rotas and shifts and transport, with mentoring once, and more about rotas, "
                        + "shifts, editors, meetings and transport home after late shifts.\n",
                    topics: ["logistics"], sector: "media", country: "ZW", origin: "outside"),
                study(
                    slug: "ecole", visibility: "public", title: "École de code à Yamoussoukro",
                    summary: "Une école pour les développeuses de Côte d'Ivoire.",
                    body: "Àwọn obìnrin ní Ọ̀yọ́ and <script>alert('x')</script> recruitment tricks.\n",
                    topics: ["recruitment", "cultural-barriers"], sector: "tech", country: "CI"),
            ], as: "testnet")
        return fixture
    }

    private func search(
        _ fixture: LibraryFixture, _ query: String, reader: LibraryReader = .anonymous,
        filters: SearchFilters = SearchFilters()
    ) async throws -> [CaseStudySearch.Hit] {
        let network = Organization.ID(fixture.network)
        return try await fixture.harness.workspace.read { db in
            try CaseStudySearch.search(
                query, network: network, reader: reader, filters: filters, limit: 20, snippetWords: 8, in: db)
        }
    }

    @Test(
        "more, denser matches rank first; scores go up (bm25: lower is better); column, prefix, AND and phrase queries")
    func ranking() async throws {
        let fixture = try await library()
        let hits = try await search(fixture, "mentoring")
        #expect(hits.map(\.study.slug) == ["mentoring-title", "mentoring-once"])
        #expect(hits[0].score < hits[1].score)
        // The title column can be asked for alone.
        #expect(try await search(fixture, "title:mentoring").map(\.study.slug) == ["mentoring-title"])
        #expect(try await search(fixture, "mentor*").map(\.study.slug) == ["mentoring-title", "mentoring-once"])
        #expect(try await search(fixture, "rotas AND transport").map(\.study.slug) == ["mentoring-once"])
        #expect(try await search(fixture, "\"transport home\"").map(\.study.slug) == ["mentoring-once"])
    }

    @Test("equal scores come in id order, and a limit keeps the best visible matches (hidden ones never count)")
    func tiesAndLimit() async throws {
        let fixture = try await LibraryFixture()
        let same = ["tie-c", "tie-a", "tie-e", "tie-b", "tie-d"].map {
            study(
                slug: $0, visibility: "public", title: "Quokka notes", summary: "Notes.", body: "Quokka field notes.\n")
        }
        let best = study(
            slug: "tie-best", visibility: "public", title: "Quokka quokka", summary: "Notes.",
            body: "Quokka field notes.\n")
        let hidden = study(
            slug: "tie-hidden", visibility: "private", title: "Quokka quokka quokka", summary: "Notes.",
            body: "Quokka field notes.\n")
        try await fixture.importStudies(Array(same.prefix(2)) + [hidden, best] + same.dropFirst(2), as: "testnet")
        let network = Organization.ID(fixture.network)
        func hits(limit: Int) async throws -> [CaseStudySearch.Hit] {
            try await fixture.harness.workspace.read { db in
                try CaseStudySearch.search(
                    "quokka", network: network, reader: .anonymous, filters: SearchFilters(), limit: limit,
                    snippetWords: 8, in: db)
            }
        }
        let all = try await hits(limit: 20)
        #expect(all.map(\.study.slug).first == "tie-best")
        #expect(all.count == 6)
        let ties = all.dropFirst()
        #expect(Set(ties.map(\.score)).count == 1)
        #expect(ties.map(\.study.id.rawValue) == ties.map(\.study.id.rawValue).sorted())
        #expect(try await hits(limit: 3).map(\.study.id) == all.prefix(3).map(\.study.id))
    }

    @Test("titles and snippets are escaped HTML with the matches in <mark>")
    func snippets() async throws {
        let fixture = try await library()
        let hit = try #require(try await search(fixture, "mentoring").first)
        let view = SearchHitView(hit)
        #expect(view.titleHTML == "<mark>Mentoring</mark> circles for <mark>mentoring</mark>")
        #expect(view.snippetHTML.contains("<mark>"))
        let hostile = try #require(try await search(fixture, "recruitment").first { $0.study.slug == "ecole" })
        let snippet = SearchHitView(hostile).snippetHTML
        #expect(snippet.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
        #expect(snippet.contains("<mark>recruitment</mark>"))
        #expect(!snippet.contains("<script"))
        // A long body is cut to the words around the match.
        let long = try #require(try await search(fixture, "once").first)
        #expect(long.markedSnippet.hasPrefix("…") || long.markedSnippet.hasSuffix("…"))
    }

    @Test("accents never matter, on either side, composed or decomposed")
    func diacritics() async throws {
        let fixture = try await library()
        for query in ["ecole", "ÉCOLE", "école", "developpeuses", "cote", "oyo", "Ọ̀yọ́", "awon", "obinrin"] {
            #expect(try await search(fixture, query).map(\.study.slug) == ["ecole"], "\(query)")
        }
        let decomposed = "Ọ̀yọ́".decomposedStringWithCanonicalMapping
        #expect(try await search(fixture, decomposed).map(\.study.slug) == ["ecole"])
    }

    @Test("filters by topic, sector, country and origin combine with the query")
    func filters() async throws {
        let fixture = try await library()
        let all = ["ecole", "mentoring-once", "mentoring-title"]
        let query = "mentoring OR recruitment"
        #expect(try await search(fixture, query).map(\.study.slug).sorted() == all)
        #expect(
            try await search(fixture, query, filters: SearchFilters(topic: "cultural-barriers")).map(\.study.slug)
                == ["ecole"])
        #expect(
            try await search(fixture, query, filters: SearchFilters(sector: "media")).map(\.study.slug)
                == ["mentoring-once"])
        #expect(
            try await search(fixture, query, filters: SearchFilters(country: "ke")).map(\.study.slug)
                == ["mentoring-title"])
        #expect(
            try await search(fixture, query, filters: SearchFilters(origin: .outside)).map(\.study.slug)
                == ["mentoring-once"])
        #expect(
            try await search(fixture, query, filters: SearchFilters(sector: "tech", origin: .outside)).isEmpty)
        // Topics are searchable words too.
        #expect(try await search(fixture, "logistics").map(\.study.slug) == ["mentoring-once"])
    }

    @Test("search respects visibility, and text that is not FTS5 syntax is searched as words")
    func visibilityAndLiteralFallback() async throws {
        let fixture = try await library()
        #expect(try await search(fixture, "body").map(\.study.slug) == ["public-consented"])
        let everything = try await search(
            fixture, "body",
            reader: try await fixture.harness.workspace.read { db in
                try LibraryReader.operatorOf(try Lookup.organization("testnet", in: db), in: db)
            })
        #expect(everything.count == LibraryFixture.ownStudies.count)
        #expect(try await search(fixture, "rota's \"shifts").map(\.study.slug).isEmpty)
        #expect(try await search(fixture, "newsroom \"rota").map(\.study.slug) == ["mentoring-once"])
        #expect(try await search(fixture, "AND OR (").isEmpty)
    }

    @Test("over HTTP: q, filters and limit")
    func overHTTP() async throws {
        let fixture = try await library()
        let base = "/public/orgs/\(fixture.network)/case-studies/studies"
        let reply = try await fixture.client.get(base + "?q=mentoring&limit=1")
        #expect(reply.status == 200)
        let items = reply.json["items"] as? [[String: Any]] ?? []
        #expect(items.count == 1)
        #expect(items.first?["titleHTML"] as? String == "<mark>Mentoring</mark> circles for <mark>mentoring</mark>")
        let filtered = try await fixture.client.get(base + "?q=mentoring&origin=outside&sector=media&country=ZW")
        #expect(LibraryFixture.slugs(filtered) == ["mentoring-once"])
        let topic = try await fixture.client.get(base + "?topic=recruitment")
        #expect(LibraryFixture.slugs(topic) == ["ecole"])
    }
}
