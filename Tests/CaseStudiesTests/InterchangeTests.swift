import Foundation
import GRDB
import Kernel
import KernelTesting
import ServerTesting
import Testing

@testable import CaseStudies

@Suite("Library folders: lossless round trip, located errors, all or nothing, version history")
struct InterchangeTests {
    /// The demo's studies on the demo network.
    private func demo() async throws -> (PluginHarness, Organization, [(name: String, text: String)]) {
        let harness = try PluginHarness(plugins: [CaseStudiesPlugin.self])
        try await harness.importFixture("asknet/asknet.yaml")
        let files = try LibraryImport.files(in: Fixtures.url("case-studies"))
        let network = try await harness.workspace.read { db in try Lookup.organization("asknet", in: db) }
        return (harness, network, files)
    }

    private func counts(_ harness: PluginHarness) async throws -> [Int] {
        try await harness.workspace.read { db in
            try ["caseStudies_study", "caseStudies_version", "caseStudies_presentation"].map {
                try Int.fetchOne(db, sql: "SELECT count(*) FROM \($0)") ?? -1
            }
        }
    }

    private func exported(_ harness: PluginHarness, _ network: Organization) async throws -> [String: String] {
        try await harness.workspace.read { db in
            let reader = try LibraryReader.operatorOf(network, in: db)
            let studies = try CaseStudyLibrary.list(
                network: network.id!, reader: reader, filters: SearchFilters(), in: db)
            return Dictionary(
                uniqueKeysWithValues: try studies.map {
                    ("\($0.slug).md", try CaseStudyLibrary.file(of: $0, in: db).text)
                })
        }
    }

    @Test("the demo folder imports, exports byte for byte, and imports again changing nothing")
    func roundTrip() async throws {
        let (harness, network, files) = try await demo()
        #expect(files.count == 6)
        let first = try await LibraryImport.run(
            files, for: network, workspace: harness.workspace, actor: AuditActor("test"), dryRun: false)
        #expect(first == LibraryImport.Summary(created: 6, updated: 0, unchanged: 0))
        let out = try await exported(harness, network)
        for (name, text) in files {
            let fileName = URL(fileURLWithPath: name).lastPathComponent
            #expect(out[fileName] == text, "\(fileName)")
        }
        let again = try await LibraryImport.run(
            out.map { ($0.key, $0.value) }, for: network, workspace: harness.workspace, actor: AuditActor("test"),
            dryRun: false)
        #expect(again == LibraryImport.Summary(created: 0, updated: 0, unchanged: 6))
        // The guest speaker's study is linked to session 2 of the seed series.
        let presented = try await harness.workspace.read { db in
            let series = try Lookup.series("asknet/webinars/inclusive-spaces", in: db)
            return try CaseStudyLibrary.presented(inSeries: series.id!, reader: .anonymous, in: db)
                .map { ($0.session, $0.study.slug) }
        }
        let session = try await harness.workspace.read { db in
            try Lookup.session("asknet/webinars/inclusive-spaces/case-study", in: db).id!
        }
        #expect(presented.map(\.0) == [session] && presented.map(\.1) == ["community-radio-women-producers"])
    }

    @Test("text survives the trip: quotes, backslashes, new lines, tabs, non-Latin scripts, odd bodies")
    func trickyText() async throws {
        let fixture = try await LibraryFixture()
        let tricky = study(
            slug: "tricky", title: "“Quotes” \"double\" 'single' \\ back: colon # hash – ꯃꯤ 女性 نساء",
            summary: "Line one\nline two\ttab\u{7}bell \u{2028}sep", body: "---\nnot front matter\n---\n\n  trailing  ",
            topics: [], presentedAt: ["testnet/webinars/series-one/intro"])
        try await fixture.importStudies([tricky], as: "testnet")
        let text = try await fixture.harness.workspace.read { db in
            let study = try #require(
                try CaseStudyLibrary.study(slug: "tricky", network: Organization.ID(fixture.network), in: db))
            #expect(study.summary == "Line one\nline two\ttab\u{7}bell \u{2028}sep")
            #expect(study.body == "---\nnot front matter\n---\n\n  trailing  ")
            return try CaseStudyLibrary.file(of: study, in: db).text
        }
        #expect(text == tricky.text)
    }

    @Test("bad front matter is reported with file, line and field, every problem at once, and nothing is written")
    func locatedErrors() async throws {
        let fixture = try await LibraryFixture()
        let before = try await counts(fixture.harness)
        let good = study(slug: "fine")
        let bad = study(slug: "bad", country: "Zimbabwe").text
            .replacingOccurrences(of: "origin: network", with: "origin: inside")
            .replacingOccurrences(of: "licence:", with: "licens:")
        let badLink = study(slug: "bad-link").text.replacingOccurrences(
            of: "url: \"https://example.org/report\"", with: "url: \"javascript:alert(1)\"")
        let syntax = "---\nslug: broken\ntitle: [unclosed\n---\nbody\n"
        let unclosed = "---\nslug: open\n"
        let unknownSession = study(slug: "lost", presentedAt: ["testnet/webinars/series-one/nope"])
        let foreign = study(slug: "foreign", organization: "othernet")
        let error = await #expect(throws: LibraryImportError.self) {
            try await fixture.importStudies(
                [good, ("bad.md", bad), ("bad-link.md", badLink), ("broken.md", syntax), ("open.md", unclosed)],
                as: "testnet")
        }
        let issues = try #require(error?.issues).map(\.description)
        #expect(issues.contains("bad.md:6: origin: 'inside' is not one of network, outside"))
        #expect(issues.contains { $0.hasPrefix("bad.md:7: country: 'Zimbabwe' is not an ISO 3166-1 alpha-2") })
        #expect(issues.contains { $0.hasPrefix("bad.md:17: licens: is not a known key") })
        #expect(issues.contains { $0.hasPrefix("bad.md:2: licence: is required") || $0.hasPrefix("bad.md:1: licence") })
        #expect(issues.contains { $0.hasPrefix("bad-link.md:16: links[0].url: 'javascript:alert(1)' is not") })
        #expect(issues.contains { $0.hasPrefix("broken.md:") && $0.contains("is not valid YAML") })
        #expect(issues.contains { $0.hasPrefix("open.md:1: (front matter):") })
        // The database checks come after the file checks, still before anything is written.
        let second = await #expect(throws: LibraryImportError.self) {
            try await fixture.importStudies([good, unknownSession, foreign], as: "testnet")
        }
        let databaseIssues = try #require(second?.issues).map(\.description)
        #expect(
            databaseIssues.contains { $0.hasPrefix("lost.md:21: presentedAt[0]: 'testnet/webinars/series-one/nope'") })
        #expect(
            databaseIssues.contains { $0.hasPrefix("foreign.md:5: organization: 'othernet' is not an organization") })
        #expect(try await counts(fixture.harness) == before)
        // A member's operator may not write the network's studies.
        await #expect(throws: LibraryImportError.self) {
            try await fixture.importStudies(
                [study(slug: "net-owned", organization: "testnet")], as: "testnet/lagos-member")
        }
        #expect(try await counts(fixture.harness) == before)
        // A dry run counts and writes nothing.
        let dry = try await fixture.importStudies([good], as: "testnet", dryRun: true)
        #expect(dry.created == 1)
        #expect(try await counts(fixture.harness) == before)
    }

    @Test("every change records a version with the whole file; an unchanged import records none")
    func versionHistory() async throws {
        let fixture = try await LibraryFixture()
        let network = Organization.ID(fixture.network)
        try await fixture.importStudies([study(slug: "history", body: "First.\n")], as: "testnet")
        fixture.harness.clock.advance(by: 3600)
        try await fixture.importStudies([study(slug: "history", body: "Second.\n")], as: "testnet")
        try await fixture.importStudies([study(slug: "history", body: "Second.\n")], as: "testnet")
        fixture.harness.clock.advance(by: 3600)
        try await fixture.importStudies(
            [study(slug: "history", body: "Second.\n", presentedAt: ["testnet/webinars/series-one/intro"])],
            as: "testnet")
        let (current, history) = try await fixture.harness.workspace.read { db in
            let study = try #require(try CaseStudyLibrary.study(slug: "history", network: network, in: db))
            return (study, try CaseStudyLibrary.history(of: study.id!, in: db))
        }
        #expect(current.version == 3)
        #expect(history.map(\.version) == [1, 2, 3])
        #expect(history[0].document.hasSuffix("---\nFirst.\n"))
        #expect(history[1].document.hasSuffix("---\nSecond.\n"))
        #expect(history[2].document.contains("presentedAt:\n  - testnet/webinars/series-one/intro\n"))
        #expect(history[0].createdAt < history[1].createdAt)
        #expect(current.createdAt == history[0].createdAt && current.updatedAt == history[2].createdAt)
        // Search follows the current text only.
        let hits = try await fixture.harness.workspace.read { db in
            try CaseStudySearch.search(
                "first", network: network, reader: .anonymous, filters: SearchFilters(), limit: 5, snippetWords: 8,
                in: db)
        }
        #expect(hits.isEmpty)
        let versions = try await fixture.client.get(
            "/api/v1/orgs/\(fixture.network)/case-studies/studies/history/versions", token: fixture.tokens[.coordinator]
        )
        #expect((versions.json["items"] as? [[String: Any]])?.count == 3)
    }

    @Test("the plugin passes the conformance checks")
    func conformance() async throws {
        #expect(try await PluginConformance.problems(of: CaseStudiesPlugin.self) == [])
    }
}
