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
                if let end = closingRun(of: run, in: chars, from: i + run) {
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
                if opens, let end = closingDelimiter(c, run: run, in: chars, from: i + run) {
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
                let link = link(in: chars, at: c == "!" ? i + 1 : i)
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
    private static func link(in chars: [Character], at start: Int) -> (
        label: Range<Int>, destination: String, end: Int
    )? {
        var depth = 0
        var i = start
        var close: Int?
        while i < chars.count {
            if chars[i] == "\\" {
                i += 2
                continue
            }
            if chars[i] == "[" { depth += 1 }
            if chars[i] == "]" {
                depth -= 1
                if depth == 0 {
                    close = i
                    break
                }
            }
            i += 1
        }
        guard let close, close + 1 < chars.count, chars[close + 1] == "(" else { return nil }
        var j = close + 2
        while j < chars.count, chars[j] == " " { j += 1 }
        var destination = ""
        if j < chars.count, chars[j] == "<" {
            j += 1
            while j < chars.count, chars[j] != ">", chars[j] != "\n" {
                destination.append(chars[j])
                j += 1
            }
            guard j < chars.count, chars[j] == ">" else { return nil }
            j += 1
        } else {
            var parens = 0
            while j < chars.count, !chars[j].isWhitespace {
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
        while j < chars.count, chars[j] == " " || chars[j] == "\n" { j += 1 }
        if j < chars.count, let quote = chars[j] as Character?, "\"'".contains(quote) {
            j += 1
            while j < chars.count, chars[j] != quote { j += 1 }
            j += 1
            while j < chars.count, chars[j] == " " { j += 1 }
        }
        guard j < chars.count, chars[j] == ")" else { return nil }
        return ((start + 1)..<close, destination, j + 1)
    }

    /// `<scheme:…>` starting at `start`.
    private static func autolink(in chars: [Character], at start: Int) -> (String, Int)? {
        var i = start + 1
        var url = ""
        while i < chars.count, chars[i] != ">" {
            if chars[i] == "<" || chars[i].isWhitespace { return nil }
            url.append(chars[i])
            i += 1
        }
        guard i < chars.count, url.contains(":") || url.contains("@") else { return nil }
        if !url.contains(":") { url = "mailto:" + url }
        return (url, i + 1)
    }
}

extension String {
    fileprivate func replacingNewlines() -> String {
        String(map { $0 == "\n" ? " " : $0 })
    }
}
