/// Removes the Markdown that cutting a snippet out of a study left unbalanced at either end of it, once the passage
/// is rendered text (``SnippetText``): the tail of a link at the start (`studio](https://…)`, or inside the address,
/// `…x.org/a)`), a link or a bracket opened at the end (`[Open studio](https://ra…`, `[Open stud…`), code backticks,
/// and lone emphasis runs.
///
/// Read character by character (grapheme clusters, so a mark combined with `]` makes another character, as it did for
/// the regular expressions this replaces: `SnippetTextTests` compares the two).
enum SnippetEdges {
    static func tidy(_ text: [Character]) -> [Character] {
        var text = text
        for step in [withoutLinkTailAtStart, withoutAddressTailAtStart, withoutLinkAtEnd, withoutBracketAtEnd] {
            // Each step reads the text the last one left as a string would: what a cut joins may make one character.
            if let changed = step(text) { text = Array(String(changed)) }
        }
        if text.contains("`") { text = Array(String(text.filter { $0 != "`" })) }
        return withoutStrayEmphasis(text)
    }

    /// Where the text's leading white space and a `…` after it end.
    private static func lead(_ text: [Character]) -> Int {
        var index = 0
        while index < text.count, text[index].isWhitespace { index += 1 }
        if index < text.count, text[index] == "…" { index += 1 }
        return index
    }

    /// `…studio](https://x.org/a) and more` → `…studio and more`: link text without `[`, `]` or a line break before
    /// `](`, an address without spaces, `)`.
    static func withoutLinkTailAtStart(_ text: [Character]) -> [Character]? {
        var close = lead(text)
        while close < text.count, text[close] != "[", text[close] != "]", text[close] != "\n" { close += 1 }
        guard close + 1 < text.count, text[close] == "]", text[close + 1] == "(" else { return nil }
        var end = close + 2
        while end < text.count, text[end] != ")", !text[end].isWhitespace { end += 1 }
        guard end < text.count, text[end] == ")" else { return nil }
        return Array(text[..<close] + text[(end + 1)...])
    }

    /// `…example.org/open) days` → `… days`: a word holding `/` or `.` (no brackets) that ends with `)`.
    static func withoutAddressTailAtStart(_ text: [Character]) -> [Character]? {
        let start = lead(text)
        var end = start
        var addressLike = false
        while end < text.count, !text[end].isWhitespace, !"()[]".contains(text[end]) {
            if text[end] == "/" || text[end] == "." { addressLike = true }
            end += 1
        }
        guard addressLike, end < text.count, text[end] == ")" else { return nil }
        return Array(text[..<start] + text[(end + 1)...])
    }

    /// `see the [checklist](https://rad…` → `see the checklist…`: the first `[` (or `![`) whose link runs to the end,
    /// its address cut (no `)`, space or `…` in it, then perhaps `…` and white space).
    static func withoutLinkAtEnd(_ text: [Character]) -> [Character]? {
        for open in text.indices where text[open] == "[" {
            var close = open + 1
            while close < text.count, text[close] != "]", text[close] != "\n" { close += 1 }
            guard close + 1 < text.count, text[close] == "]", text[close + 1] == "(" else { continue }
            var end = close + 2
            while end < text.count, text[end] != ")", text[end] != "…", !text[end].isWhitespace { end += 1 }
            var ellipsis = false
            if end < text.count, text[end] == "…" {
                ellipsis = true
                end += 1
            }
            guard text[end...].allSatisfy(\.isWhitespace) else { continue }
            let start = open > 0 && text[open - 1] == "!" ? open - 1 : open
            return Array(text[..<start] + text[(open + 1)..<close] + (ellipsis ? ["…"] : []))
        }
        return nil
    }

    /// `see the [check…` → `see the check…`: the first `[` (or `![`) with no `]` or line break after it.
    static func withoutBracketAtEnd(_ text: [Character]) -> [Character]? {
        guard
            let open = text.indices.first(where: {
                text[$0] == "[" && !text[($0 + 1)...].contains { $0 == "]" || $0 == "\n" }
            })
        else { return nil }
        let start = open > 0 && text[open - 1] == "!" ? open - 1 : open
        return Array(text[..<start] + text[(open + 1)...])
    }

    /// Without the `*` and `_` runs the renderer left as text (emphasis whose other half was cut off), except a run
    /// standing alone between spaces (`2 * 3`) or `_` inside a word (`snake_case`).
    static func withoutStrayEmphasis(_ characters: [Character]) -> [Character] {
        var out: [Character] = []
        out.reserveCapacity(characters.count)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            guard character == "*" || character == "_" else {
                out.append(character)
                index += 1
                continue
            }
            var end = index
            while end < characters.count, characters[end] == character { end += 1 }
            let before = index > 0 ? characters[index - 1] : nil
            let after = end < characters.count ? characters[end] : nil
            let alone = (before?.isWhitespace ?? true) && (after?.isWhitespace ?? true)
            let inWord =
                character == "_" && (before.map { $0.isLetter || $0.isNumber } ?? false)
                && (after.map { $0.isLetter || $0.isNumber } ?? false)
            if alone || inWord { out += characters[index..<end] }
            index = end
        }
        return out
    }
}
