import Foundation

/// A search snippet as plain text: ``SnippetBuilder`` cuts its passage from a study's Markdown source, so the passage
/// holds link addresses, `**`, `#` and list markers. The passage is rendered by ``MarkdownRenderer`` (so it reads as
/// the study page does), its tags dropped and its text unescaped; what the cut left unbalanced at either end (half a
/// link, an unclosed `**`) is removed too. The match markers (``SearchMarkers``) are ordinary characters to the renderer and
/// come through where the words are, so the result is escaped and highlighted like a title.
enum SnippetText {
    /// The marked passage without Markdown syntax, on one line.
    static func plain(_ marked: String) -> String {
        let html = MarkdownRenderer.html(marked)
        // Blocks and line breaks become spaces; every other tag goes; the renderer's escapes are undone.
        var text = html.replacing(/<\/(p|h[1-6]|li|blockquote|pre)>|<br>|<hr>/, with: " ")
            .replacing(/<[^>]*>/, with: "")
        for (reference, character) in [
            ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&"),
        ] {
            text = text.replacingOccurrences(of: reference, with: character)
        }
        return tidyEdges(text).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Removes the Markdown a cut left unbalanced: the tail of a link at the start (`studio](https://…)`), a link
    /// or a bracket opened at the end, lone emphasis runs and code backticks.
    private static func tidyEdges(_ text: String) -> String {
        text
            // The start of the passage inside a link: its text ends with `](address)`; inside the address, `…x.org/a)`.
            .replacing(/^(\s*…?[^\[\]\n]*?)\]\([^)\s]*\)/, with: { $0.output.1 })
            .replacing(/^(\s*…?)[^\s()\[\]]*[\/.][^\s()\[\]]*\)/, with: { $0.output.1 })
            // A link cut at the end: `[Open studio](https://ra…` or `[Open stud…`.
            .replacing(/!?\[([^\]\n]*)\]\([^)\s…]*(…?)\s*$/, with: { "\($0.output.1)\($0.output.2)" })
            .replacing(/!?\[([^\]\n]*)$/, with: { $0.output.1 })
            .replacing("`", with: "")
            .withoutStrayEmphasis
    }
}

extension String {
    /// Without the `*` and `_` runs the renderer left as text (emphasis whose other half was cut off), except a run
    /// standing alone between spaces (`2 * 3`) or `_` inside a word (`snake_case`).
    fileprivate var withoutStrayEmphasis: String {
        let characters = Array(self)
        var out = ""
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
            if alone || inWord { out += String(characters[index..<end]) }
            index = end
        }
        return out
    }
}

extension CaseStudySearch.Hit {
    /// The snippet as plain text (no Markdown), with its match markers: escape it with ``SearchMarkers``.
    var plainSnippet: String { SnippetText.plain(markedSnippet) }
}
