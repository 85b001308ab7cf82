import Foundation
import KernelTesting
import Testing

@Suite("The real indaba executable on a temporary database")
struct IndabaExecutableTests {
    @Test("series show prints the seed series with its four sessions in their local times")
    func seriesShow() throws {
        let indaba = try IndabaBinary()
        defer { indaba.remove() }
        #expect(try indaba.run("init").status == 0)
        try indaba.importDemo()
        let result = try indaba.run("series", "show", "asknet/webinars/inclusive-spaces")
        #expect(result.status == 0, "\(result.stderr)")
        let out = result.stdout
        #expect(out.hasPrefix("Creating Inclusive Spaces for Women in Tech and Media\n"))
        #expect(out.contains("Facilitators: Kudzai M. Mubaiwa, Soneni Mafu"))
        for expected in [
            "Introduction", "Wed 21 Jun 2023 14:00–15:00 Africa/Harare (UTC+02:00)",
            "Thu 22 Jun 2023 14:00–15:00 Africa/Harare (UTC+02:00)",
            "Thu 22 Jun 2023 15:00–Thu 29 Jun 2023 15:00 Africa/Harare (UTC+02:00)",
            "Fri 30 Jun 2023 14:00–15:30 Africa/Harare (UTC+02:00)", "offline exercise", "feedback (live)",
            "Word association", "Role play",
            "Raise awareness about the challenges faced by women in tech and media activities",
        ] {
            #expect(out.contains(expected), "missing: \(expected)")
        }
        let sessionRows = out.split(separator: "\n").filter { $0.contains("Africa/Harare (UTC+02:00)") }
        #expect(sessionRows.count == 4)
    }

    @Test("importing twice changes nothing; export, import elsewhere, export gives identical bytes")
    func idempotentImportAndRoundTrip() throws {
        let first = try IndabaBinary()
        let second = try IndabaBinary()
        defer { first.remove(); second.remove() }
        try first.importDemo()
        let again = try first.run("import", Fixtures.url("asknet/asknet.yaml").path)
        #expect(again.stdout.contains("nothing to change"))
        let exported = first.directory.appendingPathComponent("export.yaml").path
        #expect(try first.run("export", "asknet", "--output", exported).status == 0)
        #expect(try second.run("import", exported).status == 0)
        let reexported = try second.run("export", "asknet")
        #expect(reexported.stdout == (try String(contentsOfFile: exported, encoding: .utf8)))
    }

    @Test("a bad file fails with file, line and field, a non-zero exit, and writes nothing")
    func badFileWritesNothing() throws {
        let indaba = try IndabaBinary()
        defer { indaba.remove() }
        try indaba.importDemo()
        let before = try indaba.run("export", "asknet").stdout
        let broken = try Fixtures.text("asknet/asknet.yaml")
            .replacingOccurrences(of: "timeZone: Africa/Lagos", with: "timeZone: Africa/Lagoss")
            .replacingOccurrences(of: "slug: feedback", with: "slug: Feedback Session")
        let path = indaba.directory.appendingPathComponent("broken.yaml").path
        try broken.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try indaba.run("import", path)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("broken.yaml: "))
        #expect(result.stderr.contains("problems; nothing was imported"))
        #expect(
            result.stderr.range(
                of:
                    #"broken\.yaml:\d+:\d+: network\.members\[\d\]\.timeZone: 'Africa/Lagoss' is not an IANA time zone"#,
                options: .regularExpression) != nil)
        #expect(
            result.stderr.range(
                of: #"broken\.yaml:\d+:\d+: network\.programmes\[0\]\.series\[\d\]\.sessions\[3\]\.slug"#,
                options: .regularExpression) != nil)
        #expect(try indaba.run("export", "asknet").stdout == before)
    }

    @Test("reschedule and cancel bump the revision; bad references and usage fail with a sentence")
    func sessionCommands() throws {
        let indaba = try IndabaBinary()
        defer { indaba.remove() }
        try indaba.importDemo()
        let session = "asknet/webinars/data-storytelling/kickoff"
        let list = try indaba.run("session", "list", "asknet/webinars/data-storytelling")
        #expect(list.status == 0)
        let slug = try #require(
            list.stdout.split(separator: "\n").dropFirst().first?.split(
                separator: " ", omittingEmptySubsequences: true)[2])
        let reference = "asknet/webinars/data-storytelling/\(slug)"
        let moved = try indaba.run(
            "session", "reschedule", reference, "--starts", "2027-02-10T16:00", "--ends", "2027-02-10T17:30")
        #expect(moved.status == 0, "\(moved.stderr)")
        #expect(moved.stdout.contains("16:00–17:30 Africa/Lagos (UTC+01:00) (revision 2)"))
        let cancelled = try indaba.run("session", "cancel", reference)
        #expect(cancelled.stdout.contains("is cancelled (revision 3)"))
        let missing = try indaba.run("session", "show", session + "-nope")
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("No session matches"))
        let usage = try indaba.run("session", "add")
        #expect(usage.status == 64)
        let badTime = try indaba.run("session", "reschedule", reference, "--starts", "tomorrow", "--ends", "later")
        #expect(badTime.status == 64)
        #expect(badTime.stderr.contains("'tomorrow' is not a date and time"))
    }

    @Test("series create and session add build a new series that series show lists in order")
    func createSeriesAndSessions() throws {
        let indaba = try IndabaBinary()
        defer { indaba.remove() }
        try indaba.importDemo()
        let created = try indaba.run(
            "series", "create", "--programme", "asknet/webinars", "--slug", "safe-sources", "--title", "Safe Sources",
            "--time-zone", "Africa/Nairobi", "--objective", "Protect sources", "--objective", "Verify claims")
        #expect(created.status == 0, "\(created.stderr)")
        let duplicate = try indaba.run(
            "series", "create", "--programme", "asknet/webinars", "--slug", "safe-sources", "--title", "Again")
        #expect(duplicate.status == 1 && duplicate.stderr.contains("already exists"))
        let series = "asknet/webinars/safe-sources"
        let first = try indaba.run(
            "session", "add", series, "--slug", "opening", "--title", "Opening", "--starts", "2027-03-01T10:00",
            "--ends", "2027-03-01T11:00", "--join-url", "https://meet.example.org/safe", "--agenda", "Welcome")
        #expect(first.status == 0, "\(first.stderr)")
        let homework = try indaba.run(
            "session", "add", series, "--slug", "homework", "--title", "Homework", "--kind", "offlineExercise",
            "--starts", "2027-03-01T11:00", "--ends", "2027-03-08T11:00")
        #expect(homework.status == 0, "\(homework.stderr)")
        let backwards = try indaba.run(
            "session", "add", series, "--slug", "late", "--title", "Late", "--starts", "2027-03-09T11:00",
            "--ends", "2027-03-09T10:00")
        #expect(backwards.status == 64 && backwards.stderr.contains("--ends must be after --starts"))
        let shown = try indaba.run("series", "show", series).stdout
        #expect(shown.contains("1. Protect sources") && shown.contains("2. Verify claims"))
        #expect(shown.contains("Mon 1 Mar 2027 10:00–11:00 Africa/Nairobi (UTC+03:00)"))
        #expect(shown.contains("Mon 1 Mar 2027 11:00–Mon 8 Mar 2027 11:00 Africa/Nairobi (UTC+03:00)"))
    }

    @Test("enrol, attend, submit and JSON output work from the command line")
    func participation() throws {
        let indaba = try IndabaBinary()
        defer { indaba.remove() }
        try indaba.importDemo()
        let series = "asknet/webinars/data-storytelling"
        let person = try indaba.run("person", "list", "--series", "asknet/webinars/inclusive-spaces", "--json")
        let people = try JSONSerialization.jsonObject(with: Data(person.stdout.utf8)) as? [[String: Any]]
        #expect(people?.count == 63)
        let id = try #require(people?.first?["id"] as? Int)
        #expect(try indaba.run("enrol", "\(id)", series, "--channel", "newsletter").status == 0)
        let sessions = try indaba.run("session", "list", series, "--json")
        let first = try #require(
            (try JSONSerialization.jsonObject(with: Data(sessions.stdout.utf8)) as? [[String: Any]])?.first)
        // The series lies ahead: someone can be excused in advance, but not marked present.
        let early = try indaba.run(
            "attend", "\(id)", "\(first["id"] as! Int)", "--status", "present", "--minutes", "50")
        #expect(early.status == 1 && early.stderr.contains("can only be excused before the session starts"))
        let excused = try indaba.run("attend", "\(id)", "\(first["id"] as! Int)", "--status", "excused")
        #expect(excused.status == 0, "\(excused.stderr)")
        let submit = try indaba.run("submit", "\(id)", "\(first["id"] as! Int)", "--link", "https://example.org/x")
        #expect(submit.status == 1)
        #expect(submit.stderr.contains("is a live session; this needs an offline exercise"))
        // A submission after the exercise ended is kept, and the command says it does not complete the session.
        let exercise = "asknet/webinars/inclusive-spaces/offline-exercise"
        let enrolled = try indaba.run("person", "list", "--series", "asknet/webinars/inclusive-spaces", "--json")
        let participant = try #require(
            (try JSONSerialization.jsonObject(with: Data(enrolled.stdout.utf8)) as? [[String: Any]])?.first?["id"]
                as? Int)
        let late = try indaba.run("submit", "\(participant)", exercise, "--at", "2023-06-30T09:00:00Z")
        #expect(late.status == 0, "\(late.stderr)")
        #expect(late.stdout.contains("It came after the exercise ended (2023-06-29T13:00:00Z)"))
        let onTime = try indaba.run("submit", "\(participant)", exercise, "--at", "2023-06-25T09:00:00Z")
        #expect(onTime.status == 0 && !onTime.stdout.contains("after the exercise ended"))
    }

    @Test("backup writes a copy that holds the same network")
    func backup() throws {
        let indaba = try IndabaBinary()
        defer { indaba.remove() }
        try indaba.importDemo()
        let copy = indaba.directory.appendingPathComponent("copy.sqlite").path
        #expect(try indaba.run("backup", copy).status == 0)
        let original = try indaba.run("export", "asknet").stdout
        let fromCopy = try indaba.run("export", "asknet", "--db", copy).stdout
        #expect(!original.isEmpty && original == fromCopy)
        let again = try indaba.run("backup", copy)
        #expect(again.status == 1 && again.stderr.contains("already exists"))
    }

    @Test("a command, the kernel's or a plugin's, leaves the database's write-ahead log empty")
    func commandsEmptyTheLog() throws {
        let indaba = try IndabaBinary()
        defer { indaba.remove() }
        /// 0 when there is no log.
        func logBytes() -> Int {
            (try? FileManager.default.attributesOfItem(atPath: indaba.database + "-wal"))?[.size] as? Int ?? 0
        }
        try indaba.importDemo()
        #expect(logBytes() == 0)
        #expect(try indaba.run("plugin", "enable", "case-studies", "--org", "asknet").status == 0)
        let imported = try indaba.run("case-studies", "import", Fixtures.url("case-studies").path, "--org", "asknet")
        #expect(imported.status == 0 && imported.stdout.contains("6 created"))
        #expect(logBytes() == 0)
        #expect(try indaba.run("export", "asknet").stdout.contains("case-studies"))
    }

    @Test("no personal data reaches the logs, even at trace level")
    func logsCarryNoPersonalData() throws {
        let indaba = try IndabaBinary()
        defer { indaba.remove() }
        let trace = ["INDABA_LOG_LEVEL": "trace"]
        var stderr = try indaba.run(["import", Fixtures.url("asknet/asknet.yaml").path], environment: trace).stderr
        stderr += try indaba.run(["series", "show", "asknet/webinars/inclusive-spaces"], environment: trace).stderr
        stderr += try indaba.run(
            ["session", "cancel", "asknet/webinars/inclusive-spaces/feedback"], environment: trace
        ).stderr
        let fixture = try Fixtures.text("asknet/asknet.yaml")
        let emails = fixture.split(separator: "\n").compactMap { line -> String? in
            guard let range = line.range(of: "email: ") else { return nil }
            return String(line[range.upperBound...]).trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
        }
        #expect(emails.count == 66)
        #expect(stderr.contains("Network imported") && stderr.contains("Write committed"))
        #expect(stderr.contains("events=session.cancelled=1"))
        for email in emails { #expect(!stderr.contains(email)) }
        for name in ["Kudzai", "Soneni", "Muthoni"] { #expect(!stderr.contains(name)) }
    }

    @Test("a command on a database that does not exist says so, and creates nothing")
    func missingDatabase() throws {
        let indaba = try IndabaBinary()
        defer { indaba.remove() }
        let result = try indaba.run("series", "show", "asknet/webinars/inclusive-spaces")
        #expect(result.status == 64)
        #expect(result.stderr.contains("There is no database at") && result.stderr.contains("indaba init"))
        #expect(!FileManager.default.fileExists(atPath: indaba.database))
        #expect(try indaba.run("init").status == 0)
        let permissions = try FileManager.default.attributesOfItem(atPath: indaba.database)[.posixPermissions] as? Int
        #expect(permissions == 0o600, "the database holds personal data: owner only")
    }
}
