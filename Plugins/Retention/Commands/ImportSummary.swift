import Foundation
import Kernel

/// The text an import prints: counts, never names (the terminal may be shared or logged).
struct ImportSummary {
    let plan: AttendancePlan
    let dryRun: Bool

    var lines: [String] {
        let count = { (change: AttendancePlan.Change) in plan.entries.filter { $0.change == change }.count }
        let present = plan.entries.filter { $0.status == .present && $0.change != .cleared }.count
        var lines = [
            "\(plan.platform.reportName), \(plan.encoding), \(plan.rowCount) rows; present means at least "
                + "\(plan.thresholdMinutes) minutes.",
            "  \(present) present, \(plan.entries.count - present - count(.cleared)) stayed too briefly to count, "
                + "\(plan.skippedRows) host, panelist or facilitator rows skipped.",
            "  \(count(.new)) new, \(count(.updated)) updated, \(count(.unchanged)) unchanged, "
                + "\(count(.cleared)) set back to absent (no longer in the file).",
            "  \(plan.entries.filter(\.walkIn).count) walk-ins enrolled; \(plan.unmatched.count) rows for the review "
                + "queue (indaba attendance unmatched).",
        ]
        if !plan.closedItems.isEmpty {
            lines.append("  \(plan.closedItems.count) review items this file now matches were closed.")
        }
        switch plan.durationReading {
        case .minutesSeconds?:
            lines.append(
                "  Durations such as 48:10 read as minutes:seconds (as hours:minutes they would be implausibly long).")
        case .hoursMinutes?:
            lines.append("  Durations such as 1:02 read as hours:minutes.")
        case nil:
            break
        }
        if !plan.changesSomething {
            lines.append("Nothing to change: the database already matches this file.")
        } else if dryRun {
            lines.append("Dry run: nothing was written.")
        }
        return lines
    }
}
