import Foundation
import GRDB
import Kernel
import KernelTesting
import Testing

/// A description per session: kept by the kernel with the rules of other text, carried by the YAML format, shown in
/// the series report; and the report's numbering of sessions, which a reschedule does not change.
@Suite("Session descriptions and the series report")
struct SessionDescriptionTests {
    private let described = Samples.network(
        replacing: "              joinUrl: https://meet.example.org/one\n",
        with: """
                          joinUrl: https://meet.example.org/one
                          description: |
                            Amina led the role play: "who speaks first?"

                            Kofi answered questions # not a comment

            """)

    private func series(_ harness: PluginHarness) async throws -> WebinarSeries {
        try await harness.workspace.read { db in try Lookup.series("testnet/webinars/series-one", in: db) }
    }

    @Test("a description round-trips through YAML export and import, unchanged")
    func roundTrip() async throws {
        let harness = try PluginHarness()
        try await harness.importText(described)
        let intro = try await harness.workspace.read { db in
            try Lookup.session("testnet/webinars/series-one/intro", in: db)
        }
        #expect(
            intro.description
                == "Amina led the role play: \"who speaks first?\"\n\nKofi answered questions # not a comment")
        let text = YAMLWriter.text(of: try await harness.workspace.exportNetwork("testnet"))
        #expect(text.contains("description: "))
        let copy = try PluginHarness()
        try await copy.importText(text, file: "export.yaml")
        #expect(YAMLWriter.text(of: try await copy.workspace.exportNetwork("testnet")) == text)
        #expect(try await copy.importText(text).changes == 0)
        let plain = YAMLWriter.text(
            of: try await { () async throws -> NetworkDocument in
                let harness = try PluginHarness()
                try await harness.importText(Samples.network)
                return try await harness.workspace.exportNetwork("testnet")
            }())
        #expect(!plain.contains("description:"))
    }

    @Test("hostile characters and overlong text are refused, by the kernel and in a file, with the field named")
    func refused() async throws {
        let harness = try PluginHarness()
        try await harness.importText(Samples.network)
        let intro = try await harness.workspace.read { db in
            try Lookup.session("testnet/webinars/series-one/intro", in: db)
        }
        for bad in ["Escape \u{1B}[2J here", "Reversed \u{202E}txet", String(repeating: "a", count: 4001)] {
            var session = intro
            session.description = bad
            do {
                try await harness.workspace.write(as: AuditActor("test")) { [session] in try $0.save(session) }
                Issue.record("accepted \(bad.prefix(20))")
            } catch let error as KernelError {
                #expect(
                    error
                        == .invalidField(
                            field: "description", reason: FieldReason(field: Session.descriptionProblem(bad)!)))
            }
        }
        var session = intro
        session.description = "Line one\r\nLine two\twith a tab  "
        let saved = try await harness.workspace.write(as: AuditActor("test")) { [session] in try $0.save(session) }
        #expect(saved.description == "Line one\nLine two\twith a tab")
        let file = Samples.network(
            replacing: "              joinUrl: https://meet.example.org/one\n",
            with: "              joinUrl: https://meet.example.org/one\n"
                + "              description: \"Bad \\u202E text\"\n")
        do {
            try await PluginHarness().importText(file, file: "bad.yaml")
            Issue.record("a description with a bidi override was imported")
        } catch let error as ImportError {
            #expect("\(error)".contains("bad.yaml:") && "\(error)".contains("description"))
        }
    }

    @Test("the report shows descriptions and keeps each session's number after a reschedule")
    func reportNumbering() async throws {
        let harness = try PluginHarness()
        try await harness.importText(described)
        let seriesId = try await series(harness).id!
        let before = try await SeriesReportDocument.build(series: seriesId, workspace: harness.workspace)
        let ran = try #require(before.sections.first { $0.title == "How it ran" })
        #expect(ran.markdown.contains("### 1. Introduction") && ran.markdown.contains("### 3. Feedback"))
        #expect(ran.markdown.contains("Kofi answered questions"))
        #expect(
            ran.html.markup.contains(
                "<p class=\"description\">Amina led the role play: &quot;who speaks first?&quot;</p>"))
        // Introduction moves after Feedback: it is still session 1.
        try await harness.workspace.write(as: AuditActor("test")) { transaction in
            let intro = try Lookup.session("testnet/webinars/series-one/intro", in: transaction.db)
            try transaction.reschedule(
                intro.id!, startsAt: intro.startsAt.addingTimeInterval(30 * 86_400),
                endsAt: intro.endsAt.addingTimeInterval(30 * 86_400))
        }
        let after = try await SeriesReportDocument.build(series: seriesId, workspace: harness.workspace)
        let moved = try #require(after.sections.first { $0.title == "How it ran" })
        #expect(moved.markdown.contains("### 1. Introduction") && moved.markdown.contains("### 3. Feedback"))
        let participation = try #require(after.sections.first { $0.title == "Participation" })
        #expect(participation.markdown.contains("| 1. Introduction (attended) |"))
    }

    @Test("an organization's methodology paragraph appears after the overview, and can be removed")
    func methodology() async throws {
        let harness = try PluginHarness()
        try await harness.importText(Samples.network)
        let seriesId = try await series(harness).id!
        let none = try await SeriesReportDocument.build(series: seriesId, workspace: harness.workspace)
        #expect(!none.sections.contains { $0.title == "Methodology" })
        try await harness.workspace.write(as: AuditActor("test")) { transaction in
            let network = try Lookup.organization("testnet", in: transaction.db)
            try transaction.recordMethodology(
                "We count attendance from meeting logs.\n\nFigures under 5 are hidden.", for: network.id!)
        }
        let report = try await SeriesReportDocument.build(series: seriesId, workspace: harness.workspace)
        #expect(report.sections.map(\.title).prefix(2) == ["Overview", "Methodology"])
        #expect(
            report.sections[1].html.markup
                == "<p>We count attendance from meeting logs.</p><p>Figures under 5 are hidden.</p>")
        await #expect(throws: KernelError.self) {
            try await harness.workspace.write(as: AuditActor("test")) { transaction in
                let network = try Lookup.organization("testnet", in: transaction.db)
                try transaction.recordMethodology("Hidden \u{202E} text", for: network.id!)
            }
        }
        try await harness.workspace.write(as: AuditActor("test")) { transaction in
            try transaction.recordMethodology(nil, for: try Lookup.organization("testnet", in: transaction.db).id!)
        }
        let removed = try await SeriesReportDocument.build(series: seriesId, workspace: harness.workspace)
        #expect(!removed.sections.contains { $0.title == "Methodology" })
        let actions = try await harness.workspace.read { db in
            try String.fetchAll(db, sql: "SELECT action FROM auditLog WHERE action LIKE 'report.%' ORDER BY id")
        }
        #expect(actions == ["report.methodologyChanged", "report.methodologyRemoved"])
    }
}
