import Foundation
import GRDB
import Kernel
import KernelTesting
import Testing

@Suite("Import is idempotent and export round-trips byte for byte")
struct ImportRoundTripTests {
    @Test("importing the demo network twice changes nothing, not even updatedAt")
    func secondImportChangesNothing() async throws {
        let harness = try PluginHarness()
        let first = try await harness.importFixture("asknet/asknet.yaml")
        #expect(first.changes > 500)
        #expect(first.people == 66 && first.series == 4 && first.sessions == 11)
        let stamps = try await harness.workspace.read { db in
            try Date.fetchAll(db, sql: "SELECT updatedAt FROM session")
        }
        harness.clock.advance(by: 3600)
        let second = try await harness.importFixture("asknet/asknet.yaml")
        #expect(second.changes == 0)
        let after = try await harness.workspace.read { db in try Date.fetchAll(db, sql: "SELECT updatedAt FROM session")
        }
        #expect(after == stamps)
    }

    @Test("export → import into an empty database → export gives identical bytes")
    func exportRoundTripIsByteIdentical() async throws {
        let original = try PluginHarness()
        try await original.importFixture("asknet/asknet.yaml")
        let first = YAMLWriter.text(of: try await original.workspace.exportNetwork("asknet"))

        let copy = try PluginHarness()
        try await copy.importText(first, file: "export.yaml")
        let second = YAMLWriter.text(of: try await copy.workspace.exportNetwork("asknet"))
        #expect(first == second)
        #expect(try await copy.importText(first).changes == 0)
        #expect(try await Samples.rowCounts(copy.workspace) == Samples.rowCounts(original.workspace))
    }

    @Test("the export keeps every person's data, scripts and all")
    func exportKeepsUnicodeAndQuoting() async throws {
        let harness = try PluginHarness()
        let tricky = Samples.network(replacing: "name: Participant One", with: #"name: "Ọlá \"Q\" Ngũgĩ: #1 ፍቅር""#)
        try await harness.importText(tricky)
        let text = YAMLWriter.text(of: try await harness.workspace.exportNetwork("testnet"))
        #expect(text.contains(#"name: "Ọlá \"Q\" Ngũgĩ: #1 ፍቅር""#))
        let reread = try NetworkDocument.read(text, file: "x.yaml", registry: harness.workspace.registry)
        #expect(reread.network.people.contains { $0.name == #"Ọlá "Q" Ngũgĩ: #1 ፍቅር"# })
    }

    @Test("a corrected file updates what changed and bumps the session revision")
    func correctedFileUpdates() async throws {
        let harness = try PluginHarness()
        try await harness.importText(Samples.network)
        let moved = Samples.network(replacing: "starts: 2023-06-30T14:00", with: "starts: 2023-06-30T13:00")
        let summary = try await harness.importText(moved)
        #expect(summary.changes == 1)
        let session = try await harness.workspace.read { db in
            try Lookup.session("testnet/webinars/series-one/feedback", in: db)
        }
        #expect(session.revision == 2)
        #expect(
            TimeFormats.localTimeText(session.startsAt, in: TimeZone(identifier: "Africa/Harare")!)
                == "2023-06-30T13:00+02:00")
    }

    @Test("a dry run reports the changes and writes nothing")
    func dryRunWritesNothing() async throws {
        let harness = try PluginHarness()
        let summary = try await harness.importText(Samples.network, dryRun: true)
        #expect(summary.dryRun && summary.changes > 0)
        #expect(try await Samples.rowCounts(harness.workspace).values.allSatisfy { $0 == 0 })
    }

    @Test("people are matched by e-mail whatever its case, and stay in one network")
    func peopleMatchByEmail() async throws {
        let harness = try PluginHarness()
        try await harness.importText(Samples.network)
        let renamed = Samples.network(
            replacing: "- email: Participant.One@example.org", with: "- email: PARTICIPANT.one@EXAMPLE.org")
        #expect(try await harness.importText(renamed).changes == 1)  // the e-mail's spelling, nothing else
        let other = Samples.network(replacing: "slug: testnet", with: "slug: othernet")
        let error = await #expect(throws: ImportError.self) { try await harness.importText(other) }
        #expect(error?.issues.first?.message.contains("of another network") == true)
    }

    @Test("plugin enablement and settings import (in dependency order), export and re-import unchanged")
    func pluginsRoundTrip() async throws {
        let harness = try PluginHarness(plugins: [BaseLogPlugin.self, SessionLogPlugin.self])
        let withPlugins = Samples.network(
            replacing: "  timeZone: Africa/Harare\n  people:",
            with: """
                  timeZone: Africa/Harare
                  plugins:
                    - id: session-log
                      settings:
                        label: "network log"
                        retentionDays: 90
                    - id: base-log
                  people:
                """)
        try await harness.importText(withPlugins)
        let text = YAMLWriter.text(of: try await harness.workspace.exportNetwork("testnet"))
        #expect(
            text.contains(
                """
                  plugins:
                    - id: base-log
                    - id: session-log
                      settings:
                        label: network log
                        logCancellations: true
                        retentionDays: 90
                """))
        #expect(try await harness.importText(text).changes == 0)
        let audit = try await harness.workspace.read { db in try AuditEntry.order(Column("id")).fetchAll(db) }
        // The first import: one line per plugin enabled, one per organization for the file; the unchanged
        // re-import: none.
        #expect(audit.filter { $0.pluginId != nil }.map(\.actor) == ["import", "import"])
        #expect(
            audit.map(\.action).sorted() == [
                "network.imported", "network.imported", "plugin.enabled", "plugin.enabled",
            ])

        let typo = withPlugins.replacingOccurrences(of: "retentionDays: 90", with: "retentionDayz: 90")
        let error = await #expect(throws: ImportError.self) { try await harness.importText(typo, file: "p.yaml") }
        #expect(error?.issues.first?.field == "network.plugins[0].settings")
        #expect(error?.issues.first?.message.contains("has no setting 'retentionDayz'") == true)
    }
}
