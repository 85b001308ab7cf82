import Foundation
import GRDB
import KernelTesting
import Testing

@Suite("indaba case-studies: the real binary on a temporary database")
struct CaseStudiesCommandTests {
    @Test("import the demo library, search it, show, link, history, export it unchanged; errors name file and line")
    func libraryCommands() throws {
        let indaba = try IndabaBinary()
        defer { indaba.remove() }
        #expect(try indaba.run("import", Fixtures.url("asknet/asknet.yaml").path).status == 0)
        let library = Fixtures.url("case-studies").path
        let disabled = try indaba.run("case-studies", "import", library, "--org", "asknet")
        #expect(disabled.status != 0 && disabled.stderr.contains("not enabled"))
        #expect(try indaba.run("plugin", "enable", "case-studies", "--org", "asknet").status == 0)
        let imported = try indaba.run("case-studies", "import", library, "--org", "asknet")
        #expect(imported.status == 0)
        #expect(imported.stdout.contains("6 created"))
        #expect(try indaba.run("case-studies", "import", library, "--org", "asknet").stdout.contains("6 unchanged"))

        let search = try indaba.run("case-studies", "search", "societe developpeuses", "--org", "asknet")
        #expect(search.status == 0)
        #expect(search.stdout.contains("safe-travel-evening-events") && search.stdout.contains("[[Société]]"))
        let filtered = try indaba.run(
            "case-studies", "search", "mothers OR developers", "--org", "asknet", "--sector", "tech", "--origin",
            "network", "--json")
        let slugs = try #require(
            try JSONSerialization.jsonObject(with: Data(filtered.stdout.utf8)) as? [[String: Any]]
        ).compactMap { ($0["study"] as? [String: Any])?["slug"] as? String }
        #expect(Set(slugs) == ["mentoring-circles-pilot", "childcare-stipend-bootcamp"])
        let publicOnly = try indaba.run("case-studies", "list", "--org", "asknet", "--public-only")
        #expect(
            !publicOnly.stdout.contains("childcare-stipend-bootcamp") && !publicOnly.stdout.contains("bylines-audit"))
        #expect(try indaba.run("case-studies", "search", "x", "--org", "asknet", "--origin", "inside").status != 0)

        let html = try indaba.run(
            "case-studies", "show", "community-radio-women-producers", "--org", "asknet", "--html")
        #expect(html.stdout.hasPrefix("<h2>The problem</h2>"))

        let link = try indaba.run(
            "case-studies", "link", "mentoring-circles-pilot", "asknet/webinars/inclusive-spaces/feedback", "--org",
            "asknet")
        #expect(link.status == 0)
        let history = try indaba.run("case-studies", "history", "mentoring-circles-pilot", "--org", "asknet")
        #expect(history.stdout.split(separator: "\n").count == 2)
        let old = try indaba.run("case-studies", "show", "mentoring-circles-pilot", "--org", "asknet", "--version", "1")
        #expect(
            old.stdout
                == (try String(contentsOf: Fixtures.url("case-studies/mentoring-circles-pilot.md"), encoding: .utf8)))
        #expect(
            try indaba.run(
                "case-studies", "link", "mentoring-circles-pilot", "asknet/webinars/inclusive-spaces/feedback",
                "--org", "asknet", "--remove"
            ).status == 0)

        let out = indaba.directory.appendingPathComponent("out").path
        #expect(try indaba.run("case-studies", "export", out, "--org", "asknet").status == 0)
        for name in try FileManager.default.contentsOfDirectory(atPath: library) {
            let original = try String(contentsOfFile: "\(library)/\(name)", encoding: .utf8)
            #expect(try String(contentsOfFile: "\(out)/\(name)", encoding: .utf8) == original, "\(name)")
        }

        let bad = indaba.directory.appendingPathComponent("bad")
        try FileManager.default.createDirectory(at: bad, withIntermediateDirectories: true)
        let text = try String(contentsOfFile: "\(out)/bylines-audit.md", encoding: .utf8)
        try text.replacingOccurrences(of: "country: GH", with: "country: Ghana")
            .replacingOccurrences(of: "slug: bylines-audit", with: "slug: bylines-audit-2")
            .write(to: bad.appendingPathComponent("bylines-audit-2.md"), atomically: true, encoding: .utf8)
        let refused = try indaba.run("case-studies", "import", bad.path, "--org", "asknet")
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("bylines-audit-2.md:7: country: 'Ghana' is not an ISO 3166-1 alpha-2"))
        #expect(refused.stderr.contains("nothing was imported"))
        #expect(try indaba.run("case-studies", "list", "--org", "asknet").stdout.split(separator: "\n").count == 6)
    }

    @Test("bench prints each target beside its figure, and a row per query with its ratios; bad options say why")
    func bench() throws {
        let indaba = try IndabaBinary()
        defer { indaba.remove() }
        try indaba.importDemo()
        #expect(try indaba.run("plugin", "enable", "case-studies", "--org", "asknet").status == 0)
        let library = Fixtures.url("case-studies")
        #expect(try indaba.run("case-studies", "import", library.path, "--org", "asknet").status == 0)
        // The kit's side: its table and FTS5 index (make_fts_queries.py's names), holding the same six texts.
        let kit = indaba.directory.appendingPathComponent("community.sqlite").path
        let queue = try DatabaseQueue(path: kit)
        try queue.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE case_studies(id INTEGER PRIMARY KEY, title TEXT, body TEXT);
                    CREATE VIRTUAL TABLE case_studies_fts USING fts5(title, body, content='case_studies',
                        content_rowid='id');
                    """)
            for name in try FileManager.default.contentsOfDirectory(atPath: library.path).sorted() {
                let text = try String(contentsOf: library.appendingPathComponent(name), encoding: .utf8)
                try db.execute(sql: "INSERT INTO case_studies(title, body) VALUES (?, ?)", arguments: [name, text])
            }
            try db.execute(sql: "INSERT INTO case_studies_fts(case_studies_fts) VALUES ('rebuild')")
        }
        try queue.close()
        let queries = ["radio OR mentoring", "\"childcare stipend\""]
        let batch = indaba.directory.appendingPathComponent("q4_batch.sql").path
        try queries.enumerated().map { index, match in
            "SELECT \(index + 1), c.id, round(bm25(case_studies_fts), 3) FROM case_studies_fts JOIN case_studies c "
                + "ON c.id = case_studies_fts.rowid WHERE case_studies_fts MATCH '\(match)' "
                + "ORDER BY bm25(case_studies_fts) LIMIT 20;"
        }.joined(separator: "\n").write(toFile: batch, atomically: true, encoding: .utf8)
        let report = indaba.directory.appendingPathComponent("per-query.tsv").path
        func bench(_ extra: String...) throws -> IndabaBinary.Result {
            try indaba.run(["case-studies", "bench", "--org", "asknet", "--queries", batch, "--bare", kit] + extra)
        }

        let result = try bench("--runs", "4", "--report", report)
        #expect(result.status == 0, "\(result.stderr)")
        for line in [
            "queries: 2, 4 runs each in 3 blocks", "ratio ours/bare per query, of their p50s: median ",
            "paired, each run's ours over the bare run right after it", "the floor: the search's SQL alone",
            "target: every query within 1.5x bare (paired): ", "target: under 2 ms where bare is under 1 ms: ",
        ] {
            #expect(result.stdout.contains(line), "missing: \(line)")
        }
        let rows = try String(contentsOfFile: report, encoding: .utf8).split(separator: "\n").map {
            $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        }
        #expect(
            rows.first == [
                "query", "ours_p50_ms", "bare_p50_ms", "ratio", "same_top20", "sql_alone_ratio", "paired_ratio",
                "match",
            ])
        #expect(rows.dropFirst().map { $0.last } == queries)
        for row in rows.dropFirst() {
            for column in [1, 2, 3, 5, 6] {
                #expect((Double(row[column]) ?? 0) > 0, "column \(rows[0][column]) of \(row)")
            }
        }

        let noRuns = try bench("--runs", "0")
        #expect(noRuns.status != 0 && noRuns.stderr.contains("--runs must be 1 or more"))
        let noKit = try indaba.run(
            "case-studies", "bench", "--org", "asknet", "--queries", batch, "--bare", kit + ".missing")
        #expect(noKit.status != 0 && noKit.stderr.contains("There is no database at"))
        try "SELECT 1;\n".write(toFile: batch, atomically: true, encoding: .utf8)
        let noQueries = try bench()
        #expect(noQueries.status != 0 && noQueries.stderr.contains("No queries found in"))
    }
}
