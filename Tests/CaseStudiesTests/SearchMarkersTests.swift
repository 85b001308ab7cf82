import Foundation
import KernelTesting
import Testing

@testable import CaseStudies

/// Marked titles and snippets become HTML in one pass: escaped, the markers as `<mark>` tags.
@Suite struct SearchMarkersTests {
    static let (open, close) = ("\u{E000}", "\u{E001}")

    @Test("the same HTML as escaping, then replacing the markers, on 2,000 generated texts")
    func sameAsEscapingThenReplacing() {
        let pieces = [
            "a", "word", "é", "Ọ̀yọ́", " ", "&", "<", ">", "\"", "'", "&amp;", "\u{0}", "النساء", "ትምህርት", "\n",
            Self.open, Self.close, "\u{E002}", "\u{E100}", "\u{EFFF}",
        ]
        var generator = SeededGenerator(seed: 19_204)
        for _ in 0..<2_000 {
            let marked = (0..<Int.random(in: 0...20, using: &generator)).map { _ in
                pieces.randomElement(using: &generator)!
            }.joined()
            let before = HTMLText.escape(marked).replacingOccurrences(of: Self.open, with: "<mark>")
                .replacingOccurrences(of: Self.close, with: "</mark>")
            #expect(SearchMarkers.html(marked) == before, "\(marked.debugDescription)")
        }
    }

    @Test("a marker followed by a combining mark (an Arabic vowel sign after a word) is a tag too")
    func markerBeforeACombiningMark() {
        // Arabic vowel signs separate tokens, so a match can end right before one: marker and sign make one
        // grapheme cluster, which replacing the marker as a string did not always find.
        #expect(SearchMarkers.html(Self.open + "كتب" + Self.close + "\u{64E}") == "<mark>كتب</mark>\u{64E}")
        #expect(SearchMarkers.html(Self.open + "a" + Self.close + "\u{301}<") == "<mark>a</mark>\u{301}&lt;")
    }
}
