import Foundation

@testable import CaseStudies

/// The regular expressions ``SnippetText`` and ``SnippetEdges`` used before they read characters one by one: the
/// reference their answers must equal (`SnippetTextTests`). Copied as they were; not used by the plugin.
enum RegexSnippetText {
    static func plain(_ marked: String) -> String {
        let html = MarkdownRenderer.html(marked)
        var text = withoutTags(html)
        for (reference, character) in [
            ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&"),
        ] {
            text = text.replacingOccurrences(of: reference, with: character)
        }
        return tidyEdges(text).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    static func withoutTags(_ html: String) -> String {
        html.replacing(/<\/(p|h[1-6]|li|blockquote|pre)>|<br>|<hr>/, with: " ").replacing(/<[^>]*>/, with: "")
    }

    static func tidyEdges(_ text: String) -> String {
        text
            .replacing(/^(\s*…?[^\[\]\n]*?)\]\([^)\s]*\)/, with: { $0.output.1 })
            .replacing(/^(\s*…?)[^\s()\[\]]*[\/.][^\s()\[\]]*\)/, with: { $0.output.1 })
            .replacing(/!?\[([^\]\n]*)\]\([^)\s…]*(…?)\s*$/, with: { "\($0.output.1)\($0.output.2)" })
            .replacing(/!?\[([^\]\n]*)$/, with: { $0.output.1 })
            .replacing("`", with: "")
            .withoutStrayEmphasis
    }
}

extension String {
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
