import Foundation
import GRDB
import Kernel
import KernelTesting
import Testing

@Suite("Quotes recorded for a series")
struct QuoteTests {
    private let sample = Samples.network(
        replacing: "          objectives:\n",
        with: """
                      quotes:
                        - text: It changed how I edit.
                          attribution: A participant from Harare
                          consent: true
                        - text: Private words, not for reports.
                      objectives:

            """)

    @Test("the report's Quotes section shows only consented quotes")
    func reportShowsConsentedOnly() async throws {
        let harness = try PluginHarness()
        try await harness.importText(sample)
        let series = try await harness.workspace.read { db in try Lookup.series("testnet/webinars/series-one", in: db) }
        let report = try await SeriesReportDocument.build(series: series.id!, workspace: harness.workspace)
        let quotes = try #require(report.sections.first { $0.title == "Quotes" })
        #expect(quotes.markdown.contains("> It changed how I edit.\n>\n> — A participant from Harare"))
        #expect(!quotes.markdown.contains("Private words"))
        #expect(!quotes.html.markup.contains("Private words"))
        #expect(try await harness.workspace.read { db in try Quote.fetchCount(db) } == 2)
    }

    @Test("quotes round-trip through YAML export and import; a series without consented quotes has no section")
    func roundTrip() async throws {
        let harness = try PluginHarness()
        try await harness.importText(sample)
        let text = YAMLWriter.text(of: try await harness.workspace.exportNetwork("testnet"))
        #expect(text.contains("text: It changed how I edit.") && text.contains("consent: true"))
        let copy = try PluginHarness()
        try await copy.importText(text, file: "export.yaml")
        #expect(YAMLWriter.text(of: try await copy.workspace.exportNetwork("testnet")) == text)
        #expect(try await copy.importText(text).changes == 0)

        let plain = try PluginHarness()
        try await plain.importText(Samples.network)
        let series = try await plain.workspace.read { db in try Lookup.series("testnet/webinars/series-one", in: db) }
        let report = try await SeriesReportDocument.build(series: series.id!, workspace: plain.workspace)
        #expect(!report.sections.contains { $0.title == "Quotes" })
    }

    @Test("an empty quote is refused with the field named")
    func emptyRefused() async throws {
        let harness = try PluginHarness()
        try await harness.importText(Samples.network)
        let series = try await harness.workspace.read { db in try Lookup.series("testnet/webinars/series-one", in: db) }
        await #expect(throws: KernelError.self) {
            try await harness.workspace.write(as: AuditActor("test")) {
                try $0.recordQuote("  ", consent: true, in: series.id!)
            }
        }
    }
}
