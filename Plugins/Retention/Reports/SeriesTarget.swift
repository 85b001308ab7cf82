import Foundation
import GRDB
import Kernel

/// A series' goal, such as "women are at least 50% of the enrolled" or "at least 60% complete".
struct SeriesTarget: Codable, Sendable, Equatable {
    enum Metric: String, Codable, Sendable, CaseIterable {
        case womenEnrolled = "women-enrolled"
        case womenCompleted = "women-completed"
        case completion
        case firstSession = "first-session"

        /// The target's name in English, as files and the API give it.
        var label: String { label(in: .english) }

        /// The target's name in `t`'s language, as pages and reports show it.
        func label(in t: Localizer) -> String {
            switch self {
            case .womenEnrolled: t("Women among the enrolled")
            case .womenCompleted: t("Women among those who completed")
            case .completion: t("Enrolled who completed every session")
            case .firstSession: t("Enrolled who attended the first session")
            }
        }
    }

    let metric: Metric
    let minimumPercent: Int

    init(metric: Metric, minimumPercent: Int) {
        self.metric = metric
        self.minimumPercent = minimumPercent
    }

    static func all(of series: WebinarSeries.ID, in db: Database) throws -> [SeriesTarget] {
        try Row.fetchAll(
            db, sql: "SELECT metric, minimumPercent FROM retention_target WHERE seriesId = ? ORDER BY metric",
            arguments: [series]
        ).compactMap { row in
            Metric(rawValue: row["metric"]).map { SeriesTarget(metric: $0, minimumPercent: row["minimumPercent"]) }
        }
    }

    /// Sets (or, with nil, removes) the target of `metric` for `series`.
    static func set(_ metric: Metric, to percent: Int?, for series: WebinarSeries.ID, in db: Database) throws {
        if let percent {
            guard (0...100).contains(percent) else {
                throw KernelError.invalidField(field: "minimumPercent", reason: FieldReason("must be from 0 to 100"))
            }
            try db.execute(
                sql: """
                    INSERT INTO retention_target (seriesId, metric, minimumPercent) VALUES (?, ?, ?)
                    ON CONFLICT (seriesId, metric) DO UPDATE SET minimumPercent = excluded.minimumPercent
                    """, arguments: [series, metric.rawValue, percent])
        } else {
            try db.execute(
                sql: "DELETE FROM retention_target WHERE seriesId = ? AND metric = ?",
                arguments: [series, metric.rawValue])
        }
    }

    func evaluate(steps: [SeriesReport.Step], gender: SeriesReport.Breakdown, ended: Bool) -> SeriesReport.TargetResult
    {
        let women = GenderGroup.allCases.firstIndex(of: .women)!
        let last = gender.cells.count - 1
        let (part, whole): (Int?, Int) =
            switch metric {
            case .womenEnrolled: (gender.cells[0][women], gender.totals[0])
            case .womenCompleted: (gender.cells[last][women], gender.totals[last])
            case .completion: (steps.last!.people, steps[0].people)
            case .firstSession: (steps.count > 2 ? steps[1].people : 0, steps[0].people)
            }
        let actual = part.flatMap { percent($0, of: whole) }
        let final =
            metric == .womenEnrolled || ended || (metric == .firstSession && steps.count > 2 && steps[1].happened)
        let status =
            part == nil
            ? "hidden"
            : actual == nil ? "not yet" : actual! >= Double(minimumPercent) ? "met" : final ? "not met" : "not yet"
        return SeriesReport.TargetResult(
            metric: metric.rawValue, label: metric.label, minimumPercent: minimumPercent,
            actualPercent: part == nil ? nil : actual, status: status)
    }
}
