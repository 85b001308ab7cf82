import Foundation
import GRDB
import Kernel
import KernelTesting
import Testing

@testable import Retention

@Suite("Small groups are hidden, by difference included")
struct SuppressionTests {
    /// Every figure a reader can compute from a breakdown with its totals: shown cells, the complement of each shown
    /// cell within its group's shown enrolment, and the union of the hidden groups (reached and missed) from the
    /// totals. Each must be at least k, unless nothing at all is hidden or everything is.
    static func derivable(enrolled: [Int], steps: [[Int]], shown: (enrolled: [Int?], steps: [[Int?]])) -> [Int] {
        var figures: [Int] = []
        let total = enrolled.reduce(0, +)
        let hiddenEnrolment = enrolled.indices.filter { shown.enrolled[$0] == nil }
        figures += shown.enrolled.compactMap { $0 }
        if !hiddenEnrolment.isEmpty, hiddenEnrolment.count < enrolled.count {
            figures.append(total - shown.enrolled.compactMap { $0 }.reduce(0, +))
        }
        for (reached, cells) in zip(steps, shown.steps) {
            let stepTotal = reached.reduce(0, +)
            for (group, cell) in cells.enumerated() {
                guard let cell else { continue }
                figures.append(cell)
                if let groupEnrolled = shown.enrolled[group] { figures.append(groupEnrolled - cell) }
            }
            let hidden = cells.indices.filter { cells[$0] == nil }
            if !hidden.isEmpty, hidden.count < cells.count {
                let reachedHidden = stepTotal - cells.compactMap { $0 }.reduce(0, +)
                let enrolledHidden = total - cells.indices.filter { cells[$0] != nil }.map { enrolled[$0] }.reduce(0, +)
                figures += [reachedHidden, enrolledHidden - reachedHidden]
            }
        }
        return figures
    }

    @Test("Random breakdowns: no shown or derivable figure is under k", arguments: [3, 5, 10])
    func randomBreakdowns(k: Int) {
        var generator = SeededGenerator(seed: UInt64(k))
        for _ in 0..<3000 {
            let groups = Int.random(in: 2...6, using: &generator)
            let enrolled = (0..<groups).map { _ in Int.random(in: 0...(3 * k), using: &generator) }
            let steps = (0..<Int.random(in: 1...5, using: &generator)).map { _ in
                enrolled.map { Int.random(in: 0...$0, using: &generator) }
            }
            let shown = Suppression(k: k).apply(enrolled: enrolled, steps: steps)
            let figures = Self.derivable(enrolled: enrolled, steps: steps, shown: shown)
            #expect(figures.allSatisfy { $0 >= k }, "enrolled \(enrolled), steps \(steps), shown \(shown)")
            // Shown figures are the true ones.
            #expect(zip(shown.enrolled, enrolled).allSatisfy { $0.0 == nil || $0.0 == $0.1 })
        }
    }

    @Test("Large groups are shown")
    func largeGroupsShown() {
        let shown = Suppression(k: 5).apply(enrolled: [40, 30, 20, 10], steps: [[30, 20, 10, 5]])
        #expect(shown.enrolled == [40, 30, 20, 10])
        #expect(shown.steps == [[30, 20, 10, 5]])
    }

    @Test("A series report, its CSV and its chart never show a figure under k, nor anyone's gender")
    func seriesReport() async throws {
        let fixture = try await RetentionFixture()
        let settings = try await fixture.plugin.settings(for: fixture.organization)
        try await fixture.importFile(try RetentionFixture.export("zoom-meeting-participants.csv"), into: "intro")
        let series = fixture.series
        let now = fixture.harness.clock.now
        let report = try await fixture.harness.workspace.read { db in
            SeriesReport(
                progress: try SeriesProgress(series: series, now: now, in: db), settings: settings, targets: [])
        }
        // Six enrolled, two women-or-female, one man: every gender cell is hidden; channels too (2 each).
        for breakdown in [report.gender, report.channels] {
            let enrolled = breakdown.cells[0]
            #expect(enrolled.allSatisfy { $0 == nil })
        }
        #expect(report.steps[1].people == 5)
        let csv = report.csv
        #expect(csv.hasPrefix("\u{FEFF}step,label,people"))
        #expect(!csv.contains("woman") && !csv.contains("female"))
        let svg = FunnelChart(report: report).svg
        #expect(svg.contains("Hidden groups: 6"))
        #expect(!svg.contains("Women: "))
    }
}
