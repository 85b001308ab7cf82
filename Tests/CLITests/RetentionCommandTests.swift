import Foundation
import KernelTesting
import Testing

@Suite("Retention commands through the real binary")
struct RetentionCommandTests {
    @Test("Demo network: import a Zoom export, see the queue, resolve it, read the report; a broken file exits 64")
    func demo() throws {
        let indaba = try IndabaBinary()
        defer { indaba.remove() }
        let demo = Fixtures.repositoryRoot.appendingPathComponent("fixtures/asknet/asknet.yaml").path
        #expect(try indaba.run(["import", demo]).status == 0)
        // Not enabled yet: refused, naming the plugin.
        let refused = try indaba.run(["retention", "report", "asknet/webinars/inclusive-spaces", "--org", "asknet"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("retention"))
        #expect(try indaba.run(["plugin", "enable", "retention", "--org", "asknet"]).status == 0)

        let report = try indaba.run(["retention", "report", "asknet/webinars/inclusive-spaces", "--org", "asknet"])
        #expect(report.status == 0)
        #expect(report.stdout.contains("Creating Inclusive Spaces for Women in Tech and Media"))
        #expect(report.stdout.contains("Completed every session"))
        #expect(report.stdout.contains("By gender"))

        let export = Fixtures.repositoryRoot.appendingPathComponent(
            "Tests/RetentionTests/Exports/zoom-meeting-participants.csv"
        ).path
        let session = "asknet/webinars/inclusive-spaces/introduction"
        let dryRun = try indaba.run([
            "attendance", "import", export, "--session", session, "--org", "asknet", "--dry-run",
        ])
        #expect(dryRun.status == 0)
        #expect(dryRun.stdout.contains("Dry run: nothing was written."))
        #expect(!dryRun.stdout.contains("Tariro"))
        let imported = try indaba.run(["attendance", "import", export, "--session", session, "--org", "asknet"])
        #expect(imported.status == 0)
        #expect(imported.stdout.contains("Zoom participant or webinar attendee report"))
        let queue = try indaba.run(["attendance", "unmatched", "--org", "asknet", "--json"])
        let items = try JSONSerialization.jsonObject(with: Data(queue.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(items.count == 7)
        let first = items[0]["id"] as! Int
        let resolved = try indaba.run(["attendance", "resolve", "\(first)", "--ignore", "--org", "asknet"])
        #expect(resolved.stdout == "Item \(first) is ignored.\n")
        let again = try indaba.run(["attendance", "import", export, "--session", session, "--org", "asknet"])
        #expect(again.stdout.contains("Nothing to change"))

        // A shorter file would set someone back to absent: refused without --confirm-absent, nothing written.
        let both = indaba.directory.appendingPathComponent("both.csv")
        let shorter = indaba.directory.appendingPathComponent("shorter.csv")
        let header = "Name,Email,Join Time,Leave Time\n"
        let wekesa = "W,wekesa.barasa@example.org,06/21/2023 02:00 PM,06/21/2023 03:00 PM\n"
        let yaa = "Y,yaa.agyeman@example.org,06/21/2023 02:00 PM,06/21/2023 02:50 PM\n"
        try (header + wekesa + yaa).write(to: both, atomically: true, encoding: .utf8)
        try (header + wekesa).write(to: shorter, atomically: true, encoding: .utf8)
        #expect(
            try indaba.run(["attendance", "import", both.path, "--session", session, "--org", "asknet"]).status == 0)
        let unconfirmed = try indaba.run([
            "attendance", "import", shorter.path, "--session", session, "--org", "asknet",
        ])
        #expect(unconfirmed.status != 0)
        #expect(unconfirmed.stderr.contains("--confirm-absent"))
        #expect(
            try indaba.run(["attendance", "import", both.path, "--session", session, "--org", "asknet"])
                .stdout.contains("Nothing to change"))
        let confirmed = try indaba.run([
            "attendance", "import", shorter.path, "--session", session, "--org", "asknet", "--confirm-absent",
        ])
        #expect(confirmed.status == 0)
        #expect(confirmed.stdout.contains("1 set back to absent"))

        let broken = indaba.directory.appendingPathComponent("broken.csv")
        try "Name,Email,Duration\nSomeone,someone@example.org,soon\n".write(
            to: broken, atomically: true, encoding: .utf8)
        let failed = try indaba.run(["attendance", "import", broken.path, "--session", session, "--org", "asknet"])
        #expect(failed.status == 64)
        #expect(failed.stderr.contains("Line 2, column 'Duration'"))
        #expect(!failed.stderr.contains("someone@example.org"))

        let csv = try indaba.run(["retention", "followup", "asknet/webinars/inclusive-spaces", "--org", "asknet"])
        #expect(csv.stdout.hasPrefix("\u{FEFF}name,email,channel"))
    }

    @Test("series show, the series report and the network funnel count the same participants (no facilitators)")
    func oneParticipantDefinition() throws {
        let indaba = try IndabaBinary()
        defer { indaba.remove() }
        let demo = Fixtures.repositoryRoot.appendingPathComponent("fixtures/asknet/asknet.yaml").path
        #expect(try indaba.run(["import", demo]).status == 0)
        #expect(try indaba.run(["plugin", "enable", "retention", "--org", "asknet"]).status == 0)
        let series = "asknet/webinars/inclusive-spaces"
        let show = try indaba.run(["series", "show", series, "--json"])
        let report = try indaba.run(["retention", "report", series, "--org", "asknet", "--format", "json"])
        let shown = try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
        let figures = try #require(
            try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
        var present: [Int: Int] = [:]
        for line in shown["sessions"] as? [[String: Any]] ?? [] {
            if let id = (line["session"] as? [String: Any])?["id"] as? Int { present[id] = line["present"] as? Int }
        }
        let live = (figures["steps"] as? [[String: Any]] ?? []).filter {
            ["live", "feedback"].contains($0["kind"] as? String)
        }
        #expect(live.count >= 2)
        for step in live {
            #expect(present[step["sessionId"] as? Int ?? -1] == step["people"] as? Int)
        }
        #expect(shown["enrolled"] as? Int == figures["enrolled"] as? Int)
        let network = try indaba.run(["retention", "network", "--org", "asknet", "--json"])
        let funnel = try #require(try JSONSerialization.jsonObject(with: Data(network.stdout.utf8)) as? [String: Any])
        let totals = (funnel["stages"] as? [[String: Any]] ?? []).map { $0["total"] as? Int ?? 0 }
        #expect(totals.count > 1)
        #expect(totals.dropFirst().allSatisfy { $0 <= totals[0] })
    }

    @Test("Bulk load through the binary: rows load in one transaction; a bad line loads nothing")
    func bulkLoad() throws {
        let indaba = try IndabaBinary()
        defer { indaba.remove() }
        let demo = Fixtures.repositoryRoot.appendingPathComponent("fixtures/asknet/asknet.yaml").path
        #expect(try indaba.run(["import", demo]).status == 0)
        #expect(try indaba.run(["plugin", "enable", "retention", "--org", "asknet"]).status == 0)
        func json(_ arguments: [String]) throws -> [[String: Any]] {
            let out = try indaba.run(arguments + ["--json"]).stdout
            return try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [[String: Any]] ?? []
        }
        let series = "asknet/webinars/inclusive-spaces"
        let sessions = try json(["session", "list", series]).filter { ($0["kind"] as? String) != "offlineExercise" }
        let people = try json(["person", "list", "--series", series])
        let (first, last) = (sessions[0]["id"] as! Int, sessions[sessions.count - 1]["id"] as! Int)
        let person = people[0]["id"] as! Int
        let good = indaba.directory.appendingPathComponent("good.csv")
        try "session_id,person_id,minutes_attended,status\n\(first),\(person),45,present\n\(last),\(person),0,absent\n"
            .write(to: good, atomically: true, encoding: .utf8)
        let loaded = try indaba.run(["attendance", "load", good.path, "--org", "asknet"])
        #expect(loaded.status == 0)
        #expect(loaded.stdout == "Loaded 2 attendance rows for 2 sessions.\n")
        let report = try indaba.run(["retention", "report", series, "--org", "asknet", "--format", "json"])
        #expect(report.status == 0)
        let bad = indaba.directory.appendingPathComponent("bad.csv")
        try "session_id,person_id,minutes_attended\n\(first),\(person),30\n\(first),999999,30\n"
            .write(to: bad, atomically: true, encoding: .utf8)
        let refused = try indaba.run(["attendance", "load", bad.path, "--org", "asknet"])
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("Line 3, column 'person_id': person 999999 has no place in series"))
        let after = try indaba.run(["retention", "report", series, "--org", "asknet", "--format", "json"])
        #expect(after.stdout == report.stdout)
    }
}
