import Foundation

/// Inline Markdown: `code`, **strong**, *emphasis* (`_` too), [links](url), ![images](url) (as links),
/// <https://autolinks>, backslash escapes and hard breaks. Everything else is text, escaped.
enum InlineRenderer {
    /// Emphasis nested deeper than this is shown as text.
    static let maximumDepth = 16

    static func html(_ text: String) -> String {
        render(Array(text), depth: 0, inLink: false)
    }

    private static func render(_ chars: [Character], depth: Int, inLink: Bool) -> String {
        guard depth <= maximumDepth else { return HTMLText.escape(String(chars)) }
        var out = ""
        var text = ""
        func flush() {
            out += HTMLText.escape(text)
            text = ""
        }
        // Every scan below is bounded or remembered, so hostile text (a megabyte of '[' or '*') stays linear.
        let closing = matchingBrackets(chars)
        var failedRuns: [Int: Int] = [:]
        var failedDelimiters: [String: Int] = [:]
        // Link destinations are scanned from each candidate; a budget in proportion to the text keeps a flood of
        // unclosed ones (`[a]([a]([a](…`) linear: once spent, the rest is text.
        var budget = chars.count * 4 + 100_000
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "\\", i + 1 < chars.count {
                let next = chars[i + 1]
                if next == "\n" {
                    flush()
                    out += "<br>\n"
                    i += 2
                    continue
                }
                if next.isASCII, next.isPunctuation || next.isSymbol {
                    text.append(next)
                    i += 2
                    continue
                }
            }
            if c == "\n" {
                // Two trailing spaces make a hard break.
                if text.hasSuffix("  ") {
                    while text.hasSuffix(" ") { text.removeLast() }
                    flush()
                    out += "<br>\n"
                } else {
                    while text.hasSuffix(" ") { text.removeLast() }
                    text.append("\n")
                }
                i += 1
                continue
            }
            if c == "`" {
                let run = chars[i...].prefix { $0 == "`" }.count
                // No run of this length after a failed start means none after any later start either.
                let end = i >= failedRuns[run, default: .max] ? nil : closingRun(of: run, in: chars, from: i + run)
                if end == nil { failedRuns[run] = min(failedRuns[run, default: .max], i) }
                if let end {
                    flush()
                    var code = String(chars[(i + run)..<end]).replacingNewlines()
                    if code.hasPrefix(" "), code.hasSuffix(" "), code.count > 2 {
                        code = String(code.dropFirst().dropLast())
                    }
                    out += "<code>" + HTMLText.escape(code) + "</code>"
                    i = end + run
                } else {
                    text += String(repeating: "`", count: run)
                    i += run
                }
                continue
            }
            if c == "*" || c == "_" {
                let run = min(chars[i...].prefix { $0 == c }.count, 2)
                let leftIsWord = i > 0 && (chars[i - 1].isLetter || chars[i - 1].isNumber)
                let opens = i + run < chars.count && !chars[i + run].isWhitespace && !(c == "_" && leftIsWord)
                let key = "\(c)\(run)"
                var end: Int?
                if opens, i < failedDelimiters[key, default: .max] {
                    end = closingDelimiter(c, run: run, in: chars, from: i + run)
                    if end == nil { failedDelimiters[key] = i }
                }
                if let end {
                    flush()
                    let tag = run == 2 ? "strong" : "em"
                    out +=
                        "<\(tag)>" + render(Array(chars[(i + run)..<end]), depth: depth + 1, inLink: inLink)
                        + "</\(tag)>"
                    i = end + run
                } else {
                    text += String(repeating: String(c), count: run)
                    i += run
                }
                continue
            }
            if !inLink, c == "[" || (c == "!" && i + 1 < chars.count && chars[i + 1] == "["),
                let link = link(in: chars, at: c == "!" ? i + 1 : i, closing: closing, budget: &budget)
            {
                flush()
                let label = render(Array(chars[link.label]), depth: depth + 1, inLink: true)
                if let url = SafeURL.check(link.destination) {
                    out += "<a href=\"\(HTMLText.escape(url))\" rel=\"nofollow noopener\">" + label + "</a>"
                } else {
                    out += label
                }
                i = link.end
                continue
            }
            if !inLink, c == "<", let (url, end) = autolink(in: chars, at: i), let safe = SafeURL.check(url) {
                flush()
                out += "<a href=\"\(HTMLText.escape(safe))\" rel=\"nofollow noopener\">" + HTMLText.escape(url) + "</a>"
                i = end
                continue
            }
            text.append(c)
            i += 1
        }
        flush()
        return out
    }

    private static func closingRun(of length: Int, in chars: [Character], from start: Int) -> Int? {
        var i = start
        while i < chars.count {
            if chars[i] == "`" {
                let run = chars[i...].prefix { $0 == "`" }.count
                if run == length { return i }
                i += run
            } else {
                i += 1
            }
        }
        return nil
    }

    /// The index of the delimiter run closing an emphasis opened at `start`: not after white space, not inside a
    /// code span.
    private static func closingDelimiter(_ c: Character, run: Int, in chars: [Character], from start: Int) -> Int? {
        var i = start
        while i + run <= chars.count {
            if chars[i] == "\\" {
                i += 2
                continue
            }
            if chars[i] == "`" {
                let length = chars[i...].prefix { $0 == "`" }.count
                if let end = closingRun(of: length, in: chars, from: i + length) {
                    i = end + length
                    continue
                }
            }
            if chars[i] == c, i > start, !chars[i - 1].isWhitespace {
                let length = chars[i...].prefix { $0 == c }.count
                let rightIsWord = i + length < chars.count && (chars[i + length].isLetter || chars[i + length].isNumber)
                if length >= run, !(c == "_" && rightIsWord) {
                    // `***x***` closes the inner run first.
                    return i + (length - run)
                }
                i += length
                continue
            }
            i += 1
        }
        return nil
    }

    /// `[label](destination "title")` starting at the `[` at `start`.
    /// The index of the `]` matching each `[` (outside backslash escapes), found in one pass.
    private static func matchingBrackets(_ chars: [Character]) -> [Int: Int] {
        var result: [Int: Int] = [:]
        var open: [Int] = []
        var i = 0
        while i < chars.count {
            switch chars[i] {
            case "\\": i += 1
            case "[": open.append(i)
            case "]": if let start = open.popLast() { result[start] = i }
            default: break
            }
            i += 1
        }
        return result
    }

    /// Destinations and titles longer than this are not links (and scanning stops there).
    static let maximumDestination = 2048

    /// `[label](destination "title")` starting at the `[` at `start`.
    private static func link(in chars: [Character], at start: Int, closing: [Int: Int], budget: inout Int) -> (
        label: Range<Int>, destination: String, end: Int
    )? {
        guard let close = closing[start], close + 1 < chars.count, chars[close + 1] == "(", budget > 0 else {
            return nil
        }
        let limit = min(chars.count, close + 2 + maximumDestination)
        var j = close + 2
        defer { budget -= j - close }
        while j < limit, chars[j] == " " { j += 1 }
        var destination = ""
        if j < limit, chars[j] == "<" {
            j += 1
            while j < limit, chars[j] != ">", chars[j] != "\n" {
                destination.append(chars[j])
                j += 1
            }
            guard j < limit, chars[j] == ">" else { return nil }
            j += 1
        } else {
            var parens = 0
            while j < limit, !chars[j].isWhitespace {
                if chars[j] == "\\", j + 1 < chars.count {
                    destination.append(chars[j + 1])
                    j += 2
                    continue
                }
                if chars[j] == "(" { parens += 1 }
                if chars[j] == ")" {
                    if parens == 0 { break }
                    parens -= 1
                }
                destination.append(chars[j])
                j += 1
            }
        }
        // An optional title, ignored (the renderer writes no title attribute).
        while j < limit, chars[j] == " " || chars[j] == "\n" { j += 1 }
        if j < limit, let quote = chars[j] as Character?, "\"'".contains(quote) {
            j += 1
            while j < limit, chars[j] != quote { j += 1 }
            j += 1
            while j < limit, chars[j] == " " { j += 1 }
        }
        guard j < limit, chars[j] == ")" else { return nil }
        return ((start + 1)..<close, destination, j + 1)
    }

    /// `<scheme:…>` starting at `start`.
    private static func autolink(in chars: [Character], at start: Int) -> (String, Int)? {
        var i = start + 1
        var url = ""
        while i < min(chars.count, start + maximumDestination), chars[i] != ">" {
            if chars[i] == "<" || chars[i].isWhitespace { return nil }
            url.append(chars[i])
            i += 1
        }
        guard i < chars.count, chars[i] == ">", url.contains(":") || url.contains("@") else { return nil }
        if !url.contains(":") { url = "mailto:" + url }
        return (url, i + 1)
    }
}

extension String {
    fileprivate func replacingNewlines() -> String {
        String(map { $0 == "\n" ? " " : $0 })
    }
}
