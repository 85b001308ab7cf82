import Foundation
import GRDB
public import Kernel

/// The retention section of a series report: the funnel (chart and figures), where people dropped out, the
/// targets and whether each was met, with the report's small-group suppression.
extension RetentionPlugin {
    public func seriesReportSections(for report: SeriesReportRequest) async throws -> [ReportSection] {
        let settings = try await self.settings(for: report.organization.id!)
        let series = report.series
        let figures = try await context.store.read { db in
            SeriesReport(
                progress: try SeriesProgress(series: series, now: report.now, in: db), settings: settings,
                targets: try SeriesTarget.all(of: series.id!, in: db))
        }
        let t = report.localizer
        let markup = DashboardMarkup(report: figures, t: t)
        let head = [t("Step"), t("People"), t("Of enrolled"), t("Dropped out here")]
        var markdown = "| " + head.joined(separator: " | ") + " |\n| --- | ---: | ---: | ---: |\n"
        for step in figures.steps {
            let cells = [
                markup.label(of: step), t.number(step.people), markup.share(step.percentOfEnrolled),
                t.number(step.droppedOutHere),
            ]
            markdown += "| " + cells.joined(separator: " | ") + " |\n"
        }
        if let worst = figures.steps.max(by: { $0.droppedOutHere < $1.droppedOutHere }), worst.droppedOutHere > 0 {
            markdown +=
                "\n"
                + t(
                    "Most people dropped out at “{step}” ({count}).",
                    ["step": markup.label(of: worst), "count": t.number(worst.droppedOutHere)]) + "\n"
        }
        if !figures.targets.isEmpty {
            markdown +=
                "\n" + t("Targets:") + "\n\n"
                + figures.targets.map { "- " + markup.targetLine($0, strong: ("**", "**"), escape: false) }
                .joined(separator: "\n") + "\n"
        }
        markdown +=
            "\n" + t("Groups smaller than {k} are hidden in breakdowns.", ["k": t.number(figures.minimumGroupSize)])
            + "\n"
        return [
            ReportSection(
                title: t("Retention"), markdown: markdown,
                html: markup.funnel + markup.steps + markup.targets
                    + markup.breakdown(figures.gender, caption: t("By gender (self-described, with consent)")),
                order: 50)
        ]
    }
}
