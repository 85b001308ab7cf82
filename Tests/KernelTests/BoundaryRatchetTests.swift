import Foundation
import GRDB
import Kernel
import Logging
import Testing

/// The boundary rule, checked on the source tree: only the kernel names kernel tables in SQL, and plugins start
/// every read of kernel records from the kernel's queries (``Scope`` and `Sources/Kernel/Queries`).
///
/// The kernel tables are read from a freshly migrated database, so a new kernel table is covered without editing
/// this test. An exception needs an entry in ``allowed`` with the reason it must stay.
@Suite("Boundary ratchet: kernel tables are the kernel's")
struct BoundaryRatchetTests {
    /// `path:line` → why that line may name a kernel table. Keep it empty; every entry is a debt.
    static let allowed: [String: String] = [:]

    /// The repository's root, found from this file's place in `Tests/KernelTests`.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func kernelTables() throws -> [String] {
        let store = try Store.inMemory()
        try store.migrate(plugins: [], logger: Logger(label: "test"))
        return try store.writer.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
                    AND name NOT LIKE 'grdb_%'
                    """)
        }
    }

    /// Every Swift file under `folders`, as (path relative to the root, lines).
    static func sources(in folders: [String]) throws -> [(path: String, lines: [Substring])] {
        var found: [(String, [Substring])] = []
        for folder in folders {
            let base = root.appendingPathComponent(folder)
            guard let files = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else {
                continue
            }
            for case let file as URL in files where file.pathExtension == "swift" {
                let text = try String(contentsOf: file, encoding: .utf8)
                let path = String(file.path.dropFirst(root.path.count + 1))
                found.append((path, text.split(separator: "\n", omittingEmptySubsequences: false)))
            }
        }
        return found.sorted { $0.0 < $1.0 }
    }

    /// Lines of `files` matching `pattern`, as `path:line: text`, less the allowed ones.
    static func offences(_ pattern: String, in files: [(path: String, lines: [Substring])]) throws -> [String] {
        let expression = try NSRegularExpression(pattern: pattern)
        return files.flatMap { file in
            file.lines.enumerated().compactMap { index, line -> String? in
                let text = String(line)
                let range = NSRange(text.startIndex..., in: text)
                guard expression.firstMatch(in: text, range: range) != nil else { return nil }
                let place = "\(file.path):\(index + 1)"
                return allowed[place] == nil ? "\(place): \(text.trimmingCharacters(in: .whitespaces))" : nil
            }
        }
    }

    @Test("the kernel's tables are found, so the checks below check something")
    func tablesAreKnown() throws {
        let tables = try Self.kernelTables()
        #expect(tables.contains("webinarSeries") && tables.contains("attendance") && tables.count >= 10)
        let sources = try Self.sources(in: ["Plugins", "Sources"])
        #expect(sources.count > 100 && sources.contains { $0.path.hasPrefix("Plugins/Retention/") })
    }

    @Test("no SQL outside Sources/Kernel names a kernel table")
    func noKernelTableInSQLOutsideTheKernel() throws {
        let tables = try Self.kernelTables().joined(separator: "|")
        let files = try Self.sources(in: ["Plugins", "Sources"]).filter { !$0.path.hasPrefix("Sources/Kernel/") }
        let pattern = #"\b(FROM|JOIN|INTO|UPDATE|TABLE|ON|EXISTS)\s+["`]?("# + tables + #")\b["`]?(\s|$|,|\)|")"#
        let offences = try Self.offences(pattern, in: files)
        #expect(
            offences.isEmpty, "SQL on kernel tables; use a kernel query instead:\n\(offences.joined(separator: "\n"))")
    }

    @Test("plugins read kernel records only through the kernel's queries")
    func pluginsStartFromKernelQueries() throws {
        let records = [
            "Organization", "Programme", "WebinarSeries", "Session", "Person", "SeriesRole", "Enrolment", "Attendance",
            "ExerciseSubmission", "Quote", "ApiToken", "PluginEnablementRecord", "AuditEntry",
        ]
        let verbs =
            "filter|fetchOne|fetchAll|fetchCursor|fetchCount|fetchSet|all|select|order|joining|including|none"
            + "|exists|deleteAll|updateAll|deleteOne"
        let pattern = #"(?<![\w.])("# + records.joined(separator: "|") + #")\.("# + verbs + #")\b"#
        let offences = try Self.offences(pattern, in: try Self.sources(in: ["Plugins"]))
        let listing = offences.joined(separator: "\n")
        #expect(
            offences.isEmpty, "Plugins reading kernel records directly; start from Scope or a kernel query:\n\(listing)"
        )
    }

    @Test("the pattern catches the shapes of SQL it is meant to catch")
    func patternCatchesKnownShapes() throws {
        let tables = try Self.kernelTables().joined(separator: "|")
        let pattern = #"\b(FROM|JOIN|INTO|UPDATE|TABLE|ON|EXISTS)\s+["`]?("# + tables + #")\b["`]?(\s|$|,|\)|")"#
        let sample: [(path: String, lines: [Substring])] = [
            (
                "Plugins/Example/Sample.swift",
                [
                    #"sql: "SELECT id FROM webinarSeries WHERE id = ?""#, "  JOIN person p ON p.id = x.personId",
                    "CREATE TRIGGER t AFTER INSERT ON attendance BEGIN", #"INSERT INTO "enrolment" (a) VALUES (1)"#,
                    "// a session starts", "FROM example_session s",
                ]
            )
        ]
        #expect(try Self.offences(pattern, in: sample).count == 4)
    }
}
