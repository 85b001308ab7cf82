import Foundation

/// The funnel as an SVG bar chart: one bar per step, split by gender group where the groups are shown, grey where
/// they are hidden. Self-contained (no scripts, no external fonts), with a title and description for screen readers.
struct FunnelChart {
    let report: SeriesReport

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
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(width) \(height)" width="\(width)" \
            height="\(height)" role="img" aria-labelledby="funnel-title funnel-desc" \
            font-family="system-ui, sans-serif" font-size="13">
            <title id="funnel-title">\(escape(report.title)): participation funnel</title>
            <desc id="funnel-desc">\(escape(description))</desc>
            <rect width="100%" height="100%" fill="#ffffff"/>

            """
        var x = 16
        for (index, group) in report.gender.groups.enumerated() {
            svg += legend(x: x, colour: Self.colours[index], label: group)
            x += 24 + group.count * 7 + 16
        }
        svg += legend(x: x, colour: Self.hiddenColour, label: "Hidden (small groups)")
        for (row, step) in report.steps.enumerated() {
            let y = top + row * rowHeight
            svg +=
                "<text x=\"\(labelWidth - 10)\" y=\"\(y + 18)\" text-anchor=\"end\" fill=\"#1a1a1a\">"
                + "\(escape(truncate(step.label)))</text>\n"
            var offset = Double(labelWidth)
            let cells = report.gender.cells[row]
            let shown = cells.compactMap { $0 }.reduce(0, +)
            for (index, cell) in cells.enumerated() {
                guard let cell, cell > 0 else { continue }
                let w = Double(cell) * scale
                svg += rect(offset, y, w, Self.colours[index], "\(report.gender.groups[index]): \(cell)")
                offset += w
            }
            let hidden = step.people - shown
            if hidden > 0 {
                svg += rect(offset, y, Double(hidden) * scale, Self.hiddenColour, "Hidden groups: \(hidden)")
                offset += Double(hidden) * scale
            }
            let rate = step.percentOfEnrolled.map { String(format: " (%.0f%%)", $0) } ?? ""
            svg +=
                "<text x=\"\(Int(offset) + 8)\" y=\"\(y + 18)\" fill=\"#1a1a1a\">\(step.people)\(rate)"
                + "\(step.happened ? "" : " ahead")</text>\n"
        }
        return svg + "</svg>\n"
    }

    private var description: String {
        report.steps.map { "\($0.label): \($0.people)" }.joined(separator: "; ")
    }

    private func legend(x: Int, colour: String, label: String) -> String {
        "<rect x=\"\(x)\" y=\"16\" width=\"14\" height=\"14\" fill=\"\(colour)\"/>"
            + "<text x=\"\(x + 20)\" y=\"28\" fill=\"#1a1a1a\">\(escape(label))</text>\n"
    }

    private func rect(_ x: Double, _ y: Int, _ width: Double, _ colour: String, _ title: String) -> String {
        String(
            format: "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"24\" fill=\"%@\"><title>%@</title></rect>\n",
            x, y, width, colour, escape(title))
    }

    private func truncate(_ text: String) -> String {
        text.count <= 42 ? text : String(text.prefix(41)) + "…"
    }

    private func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
