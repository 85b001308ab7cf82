import Foundation
import GRDB
public import Kernel

/// The retention section of a series report: the funnel (chart and figures), where people dropped out, the
/// targets and whether each was met, with the report's small-group suppression.
extension RetentionPlugin {
    public func seriesReportSections(for report: SeriesReportRequest) async throws -> [ReportSection] {
        let settings = try await self.settings(for: report.organization.id!)
        let series = report.series
        let figures = try await context.store.writer.read { db in
            SeriesReport(
                progress: try SeriesProgress(series: series, now: report.now, in: db), settings: settings,
                targets: try SeriesTarget.all(of: series.id!, in: db))
        }
        let markup = DashboardMarkup(report: figures)
        var markdown = "| Step | People | Of enrolled | Dropped out here |\n| --- | ---: | ---: | ---: |\n"
        for step in figures.steps {
            let share = step.percentOfEnrolled.map { "\($0)%" } ?? "–"
            markdown += "| \(step.label) | \(step.people) | \(share) | \(step.droppedOutHere) |\n"
        }
        if let worst = figures.steps.max(by: { $0.droppedOutHere < $1.droppedOutHere }), worst.droppedOutHere > 0 {
            markdown += "\nMost people dropped out at \"\(worst.label)\" (\(worst.droppedOutHere)).\n"
        }
        if !figures.targets.isEmpty {
            markdown +=
                "\nTargets:\n\n"
                + figures.targets.map { target in
                    let actual = target.actualPercent.map { "\($0)%" } ?? "hidden"
                    return
                        "- \(target.label): at least \(target.minimumPercent)%, actual \(actual): **\(target.status)**"
                }.joined(separator: "\n") + "\n"
        }
        markdown += "\nGroups smaller than \(figures.minimumGroupSize) are hidden in breakdowns.\n"
        return [
            ReportSection(
                title: "Retention", markdown: markdown,
                html: markup.funnel + markup.steps + markup.targets
                    + markup.breakdown(figures.gender, caption: "By gender (self-described, with consent)"),
                order: 50)
        ]
    }
}
