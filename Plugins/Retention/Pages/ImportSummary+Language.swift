import Foundation
import Kernel

extension ImportSummary {
    /// The summary for the upload page, in `t`'s language: in English the command line's lines (without the pointer
    /// to its command); in other languages the same figures as "label: count", which reads right whatever the
    /// counts.
    func lines(_ t: Localizer) -> [String] {
        guard t.language != .english else {
            return lines.map {
                $0.replacingOccurrences(of: " (indaba attendance unmatched)", with: "")
                    .trimmingCharacters(in: .whitespaces)
            }
        }
        let count = { (change: AttendancePlan.Change) in t.number(plan.entries.filter { $0.change == change }.count) }
        let present = plan.entries.filter { $0.status == .present && $0.change != .cleared }.count
        let brief = plan.entries.count - present - plan.entries.filter { $0.change == .cleared }.count
        var lines = [
            t(
                "{platform}, {encoding}, rows: {rows}; present means at least {minutes} minutes.",
                [
                    "platform": plan.platform.reportName(t), "encoding": "\(plan.encoding)",
                    "rows": t.number(plan.rowCount), "minutes": t.number(plan.thresholdMinutes),
                ]),
            t(
                "Present: {present}; too brief to count: {brief}; host, panelist or facilitator rows skipped: "
                    + "{skipped}.",
                ["present": t.number(present), "brief": t.number(brief), "skipped": t.number(plan.skippedRows)]),
            t(
                "New: {new}; updated: {updated}; unchanged: {unchanged}; set back to absent (no longer in the file): "
                    + "{cleared}.",
                [
                    "new": count(.new), "updated": count(.updated), "unchanged": count(.unchanged),
                    "cleared": count(.cleared),
                ]),
            t(
                "Walk-ins enrolled: {walkIns}; rows for the review queue: {unmatched}.",
                [
                    "walkIns": t.number(plan.entries.filter(\.walkIn).count),
                    "unmatched": t.number(plan.unmatched.count),
                ]),
        ]
        if !plan.closedItems.isEmpty {
            lines.append(
                t("Review items this file now matches, closed: {count}.", ["count": t.number(plan.closedItems.count)]))
        }
        switch plan.durationReading {
        case .minutesSeconds?:
            lines.append(
                t("Durations such as 48:10 read as minutes:seconds (as hours:minutes they would be implausibly long)."))
        case .hoursMinutes?:
            lines.append(t("Durations such as 1:02 read as hours:minutes."))
        case nil:
            break
        }
        if !plan.changesSomething {
            lines.append(t("Nothing to change: the database already matches this file."))
        } else if dryRun {
            lines.append(t("Dry run: nothing was written."))
        }
        return lines
    }
}
