import Foundation
import PluginKit

/// A series report as aligned text (for the terminal) or CSV (for spreadsheets).
extension SeriesReport {
    var textLines: [String] {
        let percent = { (value: Double?) in value.map { String(format: "%.1f%%", $0) } ?? "-" }
        var lines = ["\(title) (series \(seriesId), \(status)): \(enrolled) enrolled", ""]
        var funnel = [["STEP", "PEOPLE", "OF ENROLLED", "OF PREVIOUS", "STOPPED HERE"]]
        for step in steps {
            funnel.append([
                step.label + (step.happened ? "" : " (ahead)"), "\(step.people)", percent(step.percentOfEnrolled),
                percent(step.percentOfPrevious), step.droppedOutHere == 0 ? "" : "\(step.droppedOutHere)",
            ])
        }
        lines += TextTable(funnel).lines
        for breakdown in [gender, channels] {
            lines += [
                "",
                "By \(breakdown.dimension) (groups under \(minimumGroupSize) people, and figures that would "
                    + "reveal them, are hidden as '-'):",
            ]
            var table = [["STEP"] + breakdown.groups.indices.map(breakdown.label) + ["ALL"]]
            for (index, key) in breakdown.stepKeys.enumerated() {
                let label = steps.first { $0.key == key }?.label ?? "Attended at least once"
                table.append(
                    [label] + breakdown.cells[index].map { $0.map(String.init) ?? "-" } + ["\(breakdown.totals[index])"]
                )
            }
            lines += TextTable(table).lines
            for (index, note) in breakdown.notes.enumerated() {
                if let note {
                    let label = steps.first { $0.key == breakdown.stepKeys[index] }?.label ?? "Attended at least once"
                    lines.append("  \(label): \(note)")
                }
            }
        }
        if !targets.isEmpty {
            lines += ["", "Targets:"]
            lines +=
                TextTable(
                    [["TARGET", "MINIMUM", "ACTUAL", "STATUS"]]
                        + targets.map { [$0.label, "\($0.minimumPercent)%", percent($0.actualPercent), $0.status] }
                ).lines
        }
        return lines
    }

    /// One row per step: people, rates and each gender group ('hidden' where suppressed). UTF-8 with a BOM.
    var csv: String {
        var rows = [
            ["step", "label", "people", "percent_of_enrolled", "percent_of_previous", "stopped_here"]
                + gender.groups.map { "gender: \($0)" } + ["gender: everyone else"]
        ]
        for (index, step) in steps.enumerated() {
            let figures: [String] = [
                step.key, step.label, "\(step.people)", step.percentOfEnrolled.map { "\($0)" } ?? "",
                step.percentOfPrevious.map { "\($0)" } ?? "", "\(step.droppedOutHere)",
            ]
            let groups: [String] = gender.cells[index].map { $0.map(String.init) ?? "hidden" }
            let others: Int? = index < gender.everyoneElse.count ? gender.everyoneElse[index] : nil
            rows.append(figures + groups + [others.map(String.init) ?? ""])
        }
        return SpreadsheetCSV.document(rows)
    }
}

/// CSV that opens cleanly in Excel and LibreOffice: UTF-8 with a byte order mark, CRLF, every field quoted where
/// needed, and cells that a spreadsheet would run as a formula (`= + - @`, tab, carriage return) neutralised with a
/// leading apostrophe.
enum SpreadsheetCSV {
    static func document(_ rows: [[String]]) -> String {
        "\u{FEFF}" + rows.map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    static func field(_ value: String) -> String {
        var value = value
        if let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first),
            Double(value) == nil
        {
            value = "'" + value
        }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline || $0 == ";" }) || value.hasPrefix("'")
        else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
