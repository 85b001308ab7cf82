import Foundation
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
}
