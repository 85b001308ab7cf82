import Foundation

/// A small Markdown renderer whose output is safe to put in a page, whatever the author wrote.
///
/// It knows paragraphs, `#` headings, `-`/`*`/`+` and numbered lists, `>` quotes, fenced code, rules, and inline
/// emphasis, code, links and autolinks (see ``InlineRenderer``). It passes no HTML through: every character of the
/// source reaches the output escaped, and the only tags are the renderer's own, without attributes except `href` on
/// links, which ``SafeURL`` must accept. Images become links (no remote content loads when a study is read).
public enum MarkdownRenderer {
    /// Nesting deeper than this (quotes in lists in quotes…) is shown as text.
    static let maximumDepth = 8

    public static func html(_ markdown: String) -> String {
        let lines = markdown.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return blocks(lines, depth: 0)
    }

    private static func blocks(_ lines: [String], depth: Int) -> String {
        var out: [String] = []
        var paragraph: [String] = []
        var index = 0
        func closeParagraph() {
            guard !paragraph.isEmpty else { return }
            out.append("<p>" + InlineRenderer.html(paragraph.joined(separator: "\n")) + "</p>")
            paragraph = []
        }
        while index < lines.count {
            let line = lines[index]
            let trimmed = line.trimmingLeadingSpaces(upTo: 3)
            if line.allSatisfy(\.isWhitespace) {
                closeParagraph()
                index += 1
            } else if let fence = fence(trimmed) {
                closeParagraph()
                var code: [String] = []
                index += 1
                while index < lines.count, !lines[index].trimmingLeadingSpaces(upTo: 3).hasPrefix(fence) {
                    code.append(lines[index])
                    index += 1
                }
                index += 1
                out.append(
                    "<pre><code>" + HTMLText.escape(code.joined(separator: "\n") + (code.isEmpty ? "" : "\n"))
                        + "</code></pre>")
            } else if let (level, text) = heading(trimmed) {
                closeParagraph()
                out.append("<h\(level)>" + InlineRenderer.html(text) + "</h\(level)>")
                index += 1
            } else if isRule(trimmed) {
                closeParagraph()
                out.append("<hr>")
                index += 1
            } else if trimmed.hasPrefix(">") {
                closeParagraph()
                var quoted: [String] = []
                while index < lines.count, lines[index].trimmingLeadingSpaces(upTo: 3).hasPrefix(">") {
                    var content = lines[index].trimmingLeadingSpaces(upTo: 3).dropFirst()
                    if content.first == " " { content = content.dropFirst() }
                    quoted.append(String(content))
                    index += 1
                }
                out.append(nested("blockquote", quoted, depth: depth))
            } else if let marker = listMarker(trimmed) {
                closeParagraph()
                var items: [[String]] = []
                while index < lines.count {
                    let current = lines[index]
                    let currentTrimmed = current.trimmingLeadingSpaces(upTo: 3)
                    if let next = listMarker(currentTrimmed), next.ordered == marker.ordered {
                        items.append([String(currentTrimmed.dropFirst(next.width))])
                    } else if !current.allSatisfy(\.isWhitespace), current.hasPrefix("  ") || current.hasPrefix("\t") {
                        items[items.count - 1].append(String(current.trimmingLeadingSpaces(upTo: marker.width)))
                    } else if current.allSatisfy(\.isWhitespace), index + 1 < lines.count,
                        lines[index + 1].hasPrefix("  ")
                            || listMarker(lines[index + 1].trimmingLeadingSpaces(upTo: 3))
                                .map({ $0.ordered == marker.ordered }) == true
                    {
                        items[items.count - 1].append("")
                    } else {
                        break
                    }
                    index += 1
                }
                let tag = marker.ordered ? "ol" : "ul"
                let start = marker.ordered && marker.start != 1 ? " start=\"\(marker.start)\"" : ""
                let rendered = items.map { item -> String in
                    guard depth < maximumDepth else {
                        return "<li>" + HTMLText.escape(item.joined(separator: "\n")) + "</li>"
                    }
                    var inner = blocks(item, depth: depth + 1)
                    // A one-paragraph item reads better without its <p>.
                    if inner.hasPrefix("<p>"), inner.hasSuffix("</p>"), inner.components(separatedBy: "<p>").count == 2
                    {
                        inner = String(inner.dropFirst(3).dropLast(4))
                    }
                    return "<li>" + inner + "</li>"
                }
                out.append("<\(tag)\(start)>" + rendered.joined() + "</\(tag)>")
            } else {
                paragraph.append(String(trimmed))
                index += 1
            }
        }
        closeParagraph()
        return out.joined(separator: "\n")
    }

    private static func nested(_ tag: String, _ lines: [String], depth: Int) -> String {
        guard depth < maximumDepth else { return "<p>" + HTMLText.escape(lines.joined(separator: "\n")) + "</p>" }
        return "<\(tag)>\n" + blocks(lines, depth: depth + 1) + "\n</\(tag)>"
    }

    private static func fence(_ line: Substring) -> String? {
        for fence in ["```", "~~~"] where line.hasPrefix(fence) { return fence }
        return nil
    }

    private static func heading(_ line: Substring) -> (Int, String)? {
        let hashes = line.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes) else { return nil }
        let rest = line.dropFirst(hashes)
        guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
        var text = rest.trimmingSpaces()
        // A closing sequence of '#' is not part of the heading.
        let withoutClosing = text.reversed().drop { $0 == "#" }
        if withoutClosing.count < text.count, withoutClosing.first == " " || withoutClosing.isEmpty {
            text = String(withoutClosing.reversed()).trimmingSpaces()
        }
        return (hashes, text)
    }

    private static func isRule(_ line: Substring) -> Bool {
        let compact = line.filter { $0 != " " && $0 != "\t" }
        guard compact.count >= 3, let first = compact.first, "-*_".contains(first) else { return false }
        return compact.allSatisfy { $0 == first }
    }

    /// A list item's marker: its kind, width (with the following space) and, for numbered lists, its number.
    private static func listMarker(_ line: Substring) -> (ordered: Bool, width: Int, start: Int)? {
        if let first = line.first, "-*+".contains(first), line.dropFirst().first == " " { return (false, 2, 1) }
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        guard (1...9).contains(digits.count), let delimiter = line.dropFirst(digits.count).first,
            ".)".contains(delimiter),
            line.dropFirst(digits.count + 1).first == " "
        else { return nil }
        return (true, digits.count + 2, Int(digits) ?? 1)
    }
}

extension StringProtocol {
    /// The text without up to `count` leading spaces.
    func trimmingLeadingSpaces(upTo count: Int) -> Substring {
        let text = self[...]
        let spaces = text.prefix(count).prefix { $0 == " " }.count
        return Substring(text.dropFirst(spaces))
    }

    /// The text without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        var text = Substring(self)
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return String(text)
    }
}
