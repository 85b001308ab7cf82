import Foundation

/// A search snippet as plain text: ``SnippetBuilder`` cuts its passage from a study's Markdown source, so the passage
/// holds link addresses, `**`, `#` and list markers. The passage is rendered by ``MarkdownRenderer`` (so it reads as
/// the study page does), its tags dropped and its text unescaped; what the cut left unbalanced at either end (half a
/// link, an unclosed `**`) is removed too (``SnippetEdges``). The match markers (``SearchMarkers``) are ordinary
/// characters to the renderer and come through where the words are, so the result is escaped and highlighted like a
/// title.
///
/// Every step reads characters (grapheme clusters) one by one, in one pass each, instead of the regular expressions
/// it once used: those were compiled again for each snippet and cost about a millisecond a result (most of a search
/// answered over HTTP). `SnippetTextTests` checks the two give the same text on thousands of generated passages.
enum SnippetText {
    /// The marked passage without Markdown syntax, on one line.
    static func plain(_ marked: String) -> String {
        PlainPassage.text(of: marked) ?? rendered(marked)
    }

    /// ``plain(_:)`` as HTML (``SearchMarkers/html(_:)``): escaped, matches in `<mark>`.
    static func html(_ marked: String) -> String {
        PlainPassage.html(of: marked) ?? SearchMarkers.html(plain(marked))
    }

    /// ``plain(_:)`` the long way, for any passage: rendered, tags dropped, unescaped, edges tidied.
    static func rendered(_ marked: String) -> String {
        var text = String(withoutTags(Array(MarkdownRenderer.html(marked))))
        // The renderer's escapes are undone (`&amp;` last); every one of them holds an `&`.
        if text.utf8.contains(UInt8(ascii: "&")) {
            for (reference, character) in [
                ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&"),
            ] {
                text = text.replacingOccurrences(of: reference, with: character)
            }
        }
        return line(text, tidyingEdges: true)
    }

    /// `text` on one line (white space runs made single spaces), its edges tidied first (``SnippetEdges``) when asked:
    /// the last step of both ways to a snippet's plain text.
    static func line(_ text: String, tidyingEdges: Bool) -> String {
        let tidied = tidyingEdges ? String(SnippetEdges.tidy(Array(text))) : text
        return tidied.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The rendered passage without its tags: the end of a block (`</p>`, `</h1>`…`</h6>`, `</li>`,
    /// `</blockquote>`, `</pre>`) and `<br>`, `<hr>` become a space, then every `<…>` goes.
    static func withoutTags(_ html: [Character]) -> [Character] {
        var spaced: [Character] = []
        spaced.reserveCapacity(html.count)
        var index = 0
        while index < html.count {
            if html[index] == "<", let length = blockEnd(html, at: index) {
                spaced.append(" ")
                index += length
            } else {
                spaced.append(html[index])
                index += 1
            }
        }
        var out: [Character] = []
        out.reserveCapacity(spaced.count)
        index = 0
        while index < spaced.count {
            if spaced[index] == "<", let close = spaced[(index + 1)...].firstIndex(of: ">") {
                index = close + 1
            } else {
                out.append(spaced[index])
                index += 1
            }
        }
        return out
    }

    /// The tags that end a block, as characters.
    private static let blockEnds: [[Character]] =
        [
            "</p>", "</h1>", "</h2>", "</h3>", "</h4>", "</h5>", "</h6>", "</li>", "</blockquote>", "</pre>", "<br>",
            "<hr>",
        ]
        .map(Array.init)

    /// The length of the block end starting at `index`, if one does.
    private static func blockEnd(_ html: [Character], at index: Int) -> Int? {
        for tag in blockEnds where html.count - index >= tag.count {
            if html[index..<index + tag.count].elementsEqual(tag) { return tag.count }
        }
        return nil
    }
}

extension CaseStudySearch.Hit {
    /// The snippet as plain text (no Markdown), with its match markers: escape it with ``SearchMarkers``.
    var plainSnippet: String { SnippetText.plain(markedSnippet) }

    /// The snippet as HTML: ``plainSnippet`` escaped, matches in `<mark>`.
    var snippetHTML: String { SnippetText.html(markedSnippet) }

    /// The title as HTML: escaped, matches in `<mark>`.
    var titleHTML: String { SearchMarkers.html(markedTitle) }
}
