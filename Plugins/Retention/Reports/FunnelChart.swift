import Foundation
import Kernel

/// The funnel as an SVG bar chart: one bar per step, split by gender group where the groups are shown, grey where
/// they are hidden. Self-contained (no scripts, no external fonts), with a title and description for screen readers.
struct FunnelChart {
    let report: SeriesReport
    /// The language of the labels; a right-to-left one mirrors the chart (labels on the right, bars growing left).
    var t = Localizer.english

    static let colours: [String] = ["#7b2d8e", "#1f6f8b", "#c77d00", "#6b6b6b"]
    static let hiddenColour = "#c9c9c9"

    var svg: String {
        let rowHeight = 34
        let labelWidth = 300
        let barWidth = 420
        let top = 56
        let height = top + report.steps.count * rowHeight + 16
        let width = labelWidth + barWidth + 80
        let scale = Double(barWidth) / Double(max(report.enrolled, 1))
        let rtl = t.language.isRightToLeft
        // Right to left, every x is measured from the right edge; `direction` makes text-anchor's start and end
        // follow, so each text keeps its side of its point.
        func x(_ value: Double, width w: Double = 0) -> Double { rtl ? Double(width) - value - w : value }
        let markup = DashboardMarkup(report: report, t: t)
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(width) \(height)" width="\(width)" \
            height="\(height)" role="img" aria-labelledby="funnel-title funnel-desc" \
            font-family="system-ui, sans-serif" font-size="13"\(rtl ? " direction=\"rtl\"" : "")>
            <title id="funnel-title">\(escape(t("{series}: participation funnel", ["series": report.title])))</title>
            <desc id="funnel-desc">\(escape(description(markup)))</desc>
            <rect width="100%" height="100%" fill="#ffffff"/>

            """
        var left = 16
        for (index, group) in report.gender.groups.indices.map({ ($0, markup.group(report.gender, $0)) }) {
            svg += legend(x: x, at: left, colour: Self.colours[index], label: group)
            left += 24 + group.count * 7 + 16
        }
        svg += legend(x: x, at: left, colour: Self.hiddenColour, label: t("Hidden (small groups)"))
        for (row, step) in report.steps.enumerated() {
            let y = top + row * rowHeight
            svg +=
                "<text x=\"\(Int(x(Double(labelWidth - 10))))\" y=\"\(y + 18)\" text-anchor=\"end\" fill=\"#1a1a1a\">"
                + "\(escape(truncate(markup.label(of: step))))</text>\n"
            var offset = Double(labelWidth)
            let cells = report.gender.cells[row]
            let shown = cells.compactMap { $0 }.reduce(0, +)
            for (index, cell) in cells.enumerated() {
                guard let cell, cell > 0 else { continue }
                let w = Double(cell) * scale
                svg += rect(
                    x(offset, width: w), y, w, Self.colours[index], count(markup.group(report.gender, index), cell))
                offset += w
            }
            let hidden = step.people - shown
            if hidden > 0 {
                let w = Double(hidden) * scale
                svg += rect(
                    x(offset, width: w), y, w, Self.hiddenColour,
                    t("Hidden groups: {count}", ["count": t.number(hidden)]))
                offset += w
            }
            let rate = step.percentOfEnrolled.map { " (\(t.percent($0 / 100)))" } ?? ""
            // Translators: after a number of people on the funnel chart, for a session that has not happened yet.
            let ahead = step.happened ? "" : " " + t("ahead")
            svg +=
                "<text x=\"\(Int(x(offset + 8)))\" y=\"\(y + 18)\" fill=\"#1a1a1a\">"
                + "\(escape(t.number(step.people) + rate + ahead))</text>\n"
        }
        return svg + "</svg>\n"
    }

    private func description(_ markup: DashboardMarkup) -> String {
        t.semicolonList(report.steps.map { count(markup.label(of: $0), $0.people) })
    }

    /// "Women: 34", with the language's spacing before the colon.
    private func count(_ label: String, _ people: Int) -> String {
        // Translators: a group or step of the funnel chart and its number of people, as in "Women: 34".
        t("{label}: {count}", ["label": label, "count": t.number(people)])
    }

    private func legend(x: (Double, Double) -> Double, at left: Int, colour: String, label: String) -> String {
        "<rect x=\"\(Int(x(Double(left), 14)))\" y=\"16\" width=\"14\" height=\"14\" fill=\"\(colour)\"/>"
            + "<text x=\"\(Int(x(Double(left + 20), 0)))\" y=\"28\" fill=\"#1a1a1a\">\(escape(label))</text>\n"
    }

    private func rect(_ x: Double, _ y: Int, _ width: Double, _ colour: String, _ title: String) -> String {
        String(
            format: "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"24\" fill=\"%@\"><title>%@</title></rect>\n",
            x, y, width, colour, escape(title))
    }

    /// At most 42 characters; a cut label closes the direction isolates (FSI … PDI) it cut open.
    private func truncate(_ text: String) -> String {
        guard text.count > 42 else { return text }
        let kept = text.prefix(41)
        let open = kept.unicodeScalars.filter { $0 == "\u{2068}" }.count
        let closed = kept.unicodeScalars.filter { $0 == "\u{2069}" }.count
        return String(kept) + "…" + String(repeating: "\u{2069}", count: max(0, open - closed))
    }

    private func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
