import Foundation
import Kernel
import KernelTesting
import Testing

/// Issue 17: the series report speaks the reader's language, with dates, numbers and percentages in its locale.
@Suite("The series report in French and Arabic")
struct ReportLanguageTests {
    private func report(in language: Language) async throws -> SeriesReportDocument {
        let harness = try PluginHarness()
        try await harness.importText(Samples.network)
        let series = try await harness.workspace.read { db in try Lookup.series("testnet/webinars/series-one", in: db) }
        let translations = try Translations.kernelAndPlugins(harness.workspace.plugins)
        return try await SeriesReportDocument.build(
            series: series.id!, workspace: harness.workspace, localizer: translations.localizer(for: language))
    }

    @Test("French: the title, headings, a sentence, a percentage with the French sign and a date in French")
    func french() async throws {
        let report = try await report(in: .french)
        let t = try Translations.kernelAndPlugins([]).localizer(for: .french)
        #expect(report.language == .french)
        #expect(report.title == "Series One : rapport de la série")
        #expect(report.markdown.hasPrefix("# Series One : rapport de la série\n\n## Vue d’ensemble\n"))
        #expect(report.markdown.contains("## Déroulement") && report.markdown.contains("## Participation"))
        #expect(report.markdown.contains("2 personnes inscrites."))
        #expect(report.markdown.contains("du 21 juin 2023 au 30 juin 2023, en 3 sessions."))
        // 1 of 2 attended the first session: 50 %, written the French way (a space before the sign).
        let half = t.percent(0.5)
        #expect(half != "50%" && half.hasPrefix("50"))
        #expect(report.markdown.contains("| 1. Introduction (présence) | 1 | \(half) |"))
        #expect(report.html.markup.contains("<caption>Réussite par session</caption>"))
        #expect(!report.markdown.contains("enrolled") && !report.markdown.contains("How it ran"))
    }

    @Test("Arabic: the title, a sentence, the locale's percentage (with its direction marks), an Arabic month")
    func arabic() async throws {
        let report = try await report(in: .arabic)
        let t = try Translations.kernelAndPlugins([]).localizer(for: .arabic)
        #expect(report.language == .arabic && report.language.direction == "rtl")
        #expect(report.title == "\u{2068}Series One\u{2069}: تقرير السلسلة")
        #expect(report.markdown.contains("## نظرة عامة") && report.markdown.contains("## المشاركة"))
        #expect(report.markdown.contains("سجّل شخصان."))
        // The Arabic locale's own percentage: its digits and the marks that keep the sign after the number.
        let half = t.percent(0.5)
        #expect(half != "50%" && half.unicodeScalars.count > 3)
        #expect(report.html.markup.contains("<td>\(half)</td>"))
        #expect(report.markdown.contains("يونيو"))
        #expect(report.html.markup.contains("<th scope=\"col\">الجلسة</th>"))
    }

    @Test("English stays as it was: the network's British dates and the zone named as people know it")
    func english() async throws {
        let report = try await report(in: .english)
        #expect(report.title == "Series One: series report")
        #expect(report.markdown.contains("from 21 June 2023 to 30 June 2023, in 3 sessions. 2 people enrolled."))
        #expect(report.markdown.contains("Times are in Central Africa Time (Africa/Harare)."))
        #expect(report.markdown.contains("Wed 21 Jun 2023, 14:00–15:00, live session, 60 minutes."))
        #expect(report.markdown.contains("2 enrolled; 0 completed every session (0%)."))
    }
}
