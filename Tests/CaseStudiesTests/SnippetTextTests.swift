import KernelTesting
import Testing

@testable import CaseStudies

/// Search snippets are cut by FTS5 from a study's Markdown source: they are shown as plain text, matches marked.
@Suite struct SnippetTextTests {
    static let (open, close) = ("\u{E000}", "\u{E001}")

    static func marked(_ word: String) -> String { open + word + close }

    @Test("headings, emphasis, links and lists read as their words; the matches stay marked")
    func markdownBecomesText() {
        let snippet = """
            ## The \(Self.marked("problem"))

            Women **\(Self.marked("producers"))** joined [the open \(Self.marked("studio"))](https://radio.example.org/x) \
            days:
            - `rota` _kept_
            > quoted
            """
        #expect(
            SnippetText.plain(snippet)
                == "The \(Self.marked("problem")) Women \(Self.marked("producers")) joined the open "
                + "\(Self.marked("studio")) days: rota kept quoted")
    }

    @Test("what the cut left unbalanced at either end goes: half a link, an address's tail, lone emphasis")
    func edgesOfTheCut() {
        #expect(
            SnippetText.plain("…studio](https://radio.example.org/x) and \(Self.marked("more"))")
                == "…studio and \(Self.marked("more"))")
        #expect(SnippetText.plain("…example.org/open) days \(Self.marked("work"))") == "… days \(Self.marked("work"))")
        #expect(
            SnippetText.plain("see the [\(Self.marked("checklist"))](https://rad…")
                == "see the \(Self.marked("checklist"))…")
        #expect(SnippetText.plain("see the [\(Self.marked("check"))…") == "see the \(Self.marked("check"))…")
        #expect(
            SnippetText.plain("…producers** joined **\(Self.marked("early"))…")
                == "…producers joined \(Self.marked("early"))…")
    }

    @Test("plain text is left alone: snake_case words, a lone star, angle brackets (escaped later, once)")
    func plainTextStays() {
        #expect(SnippetText.plain("snake_case and 2 * 3") == "snake_case and 2 * 3")
        #expect(SnippetText.plain("<script>alert('x')</script> & co") == "<script>alert('x')</script> & co")
        #expect(
            SearchMarkers.html(SnippetText.plain("a <b> \(Self.marked("c"))")) == "a &lt;b&gt; <mark>c</mark>")
    }

    /// Pieces of Markdown, links, brackets, ellipses, entities, markers and characters that combine with their
    /// neighbours (an accent, Hangul jamo, an Arabic prepended sign, CR LF), to build passages from.
    static let pieces = [
        "a", "word", "Ọ̀yọ́", " ", "  ", "\n", "\n\n", "\t", "[", "]", "(", ")", "](", "![", "!", "…", "/", ".", "*",
        "**", "_", "__", "`", "<", ">", "&", "&amp;", "&lt;", "#", "## ", "- ", "1. ", "> ", "```", "---",
        "https://x.org/a", "x.org/open", open, close, "\u{301}", "e\u{301}", "\u{1100}", "\u{1161}", "\u{600}",
        "\r\n", "'", "\"", ":", "<br>", "</p>", "2 * 3", "snake_case",
    ]

    static func passage(_ generator: inout SeededGenerator) -> String {
        (0..<Int.random(in: 0...24, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }
            .joined()
    }

    @Test("a passage reads the same as with the regular expressions the snippet text once used (4,000 passages)")
    func sameAsTheRegularExpressions() {
        var generator = SeededGenerator(seed: 19_202)
        for _ in 0..<4_000 {
            let marked = Self.passage(&generator)
            #expect(SnippetText.plain(marked) == RegexSnippetText.plain(marked), "\(marked.debugDescription)")
        }
    }

    /// Prose pieces, with the characters that border on Markdown or join their neighbours: hyphens and digits that
    /// start lines, an address's tail, marks on spaces and line starts, prepended signs before line ends, joiners.
    static let prosePieces = [
        "a", "word", "Ọ̀yọ́", "مرحبا", " ", "  ", "\n", "\n\n", "\t", "\r\n", "\r", "-", "- ", "+", "1", "1. ", "2024",
        "…", ".", "/", "(", ")", "x.org/open)", "&", "&amp;", "'", "\"", ":", "!", "=", "|", "\u{A0}", "\u{2028}",
        "\u{301}", "e\u{301}", "\u{93E}", "\u{600}", "\u{D4E}", "\u{200D}", "\u{200B}", "\u{1100}", "\u{1161}", open,
        close, "\u{1FEF}", "\u{1F3FB}", "\u{E33}", "\u{113D1}", "\u{1F469}",
    ]

    @Test("prose takes the short way and reads exactly as rendered (20,000 passages)")
    func proseNeedsNoRendering() {
        var generator = SeededGenerator(seed: 19_204)
        var short = 0
        for _ in 0..<20_000 {
            let marked = (0..<Int.random(in: 0...24, using: &generator))
                .map { _ in Self.prosePieces.randomElement(using: &generator)! }.joined()
            let rendered = SnippetText.rendered(marked)
            if let text = PlainPassage.text(of: marked) {
                short += 1
                #expect(text == rendered, "\(marked.debugDescription)")
            }
            #expect(SnippetText.plain(marked) == rendered, "\(marked.debugDescription)")
        }
        // Enough of them take the short way for the comparison to mean something.
        #expect(short > 2_000, "\(short) of 20,000 took the short way")
        // Latin prose with markers, read byte by byte, and the characters next to those it takes.
        let latin =
            Self.prosePieces.filter { $0.unicodeScalars.allSatisfy(\.isASCII) }
            + [
                Self.open, Self.close, "\u{B}", "é", "ọ", "ş", "—", "’", "“", "\u{AD}", "\u{A0}", "\u{2028}",
                "\u{200F}",
            ]
        for _ in 0..<10_000 {
            let marked = (0..<Int.random(in: 0...24, using: &generator))
                .map { _ in latin.randomElement(using: &generator)! }.joined()
            #expect(SnippetText.plain(marked) == SnippetText.rendered(marked), "\(marked.debugDescription)")
        }
        #expect(PlainPassage.text(of: "women  producers\n\njoined (early)") == "women producers joined (early)")
        #expect(PlainPassage.text(of: "- a list") == nil)
        // What a review found the first version got wrong: a character equal to a backtick (U+1FEF), an emoji
        // modifier and a Thai vowel that join the tag before them, a prepended sign newer than the list it had.
        for found in [
            "a\u{1FEF}b", "a \u{1FEF}x\u{1FEF} b", "\u{1F3FB}x", "a\n\n\u{1F3FB}x", "\u{E33}x", "\u{EB3}x",
            "\u{E33}a\n\nb c", "x\u{113D1}", "x\u{113D1}\n\ny",
        ] {
            #expect(SnippetText.plain(found) == SnippetText.rendered(found), "\(found.debugDescription)")
            #expect(PlainPassage.text(of: found) == nil, "\(found.debugDescription)")
        }
        #expect(PlainPassage.text(of: "a **b**") == nil)
    }

    @Test("a snippet's HTML in one pass is the escaped plain text, on Markdown, prose and Latin passages (30,000)")
    func htmlInOnePass() {
        var generator = SeededGenerator(seed: 19_205)
        let latin =
            Self.prosePieces.filter { $0.unicodeScalars.allSatisfy(\.isASCII) }
            + [Self.open, Self.close, "\u{B}", "\u{C}", "é", "ọ", "—", "’", "\u{AD}", "\u{A0}", "&quot;", "0"]
        var onePass = 0
        for (pieces, count) in [(Self.pieces, 10_000), (Self.prosePieces, 10_000), (latin, 10_000)] {
            for _ in 0..<count {
                let marked = (0..<Int.random(in: 0...24, using: &generator))
                    .map { _ in pieces.randomElement(using: &generator)! }.joined()
                let expected = SearchMarkers.html(SnippetText.plain(marked))
                if let html = PlainPassage.html(of: marked) {
                    onePass += 1
                    #expect(html == expected, "\(marked.debugDescription)")
                }
                #expect(SnippetText.html(marked) == expected, "\(marked.debugDescription)")
            }
        }
        // Enough of them take the one pass for the comparison to mean something.
        #expect(onePass > 3_000, "\(onePass) of 30,000 took the one pass")
        #expect(
            PlainPassage.html(of: "  women \(Self.marked("producers")) & 'co'\n\n  joined…  ")
                == "women <mark>producers</mark> &amp; &#39;co&#39; joined…")
        for other in ["- a list", "a\n2. b", "a **b**", "(early)", "a\u{301}", "x <b>"] {
            #expect(PlainPassage.html(of: other) == nil, "\(other.debugDescription)")
        }
    }

    @Test("tags go and the cut's edges are tidied as by the regular expressions, on raw text too (6,000 texts)")
    func sameEdgesAsTheRegularExpressions() {
        var generator = SeededGenerator(seed: 19_203)
        for _ in 0..<6_000 {
            let text = Self.passage(&generator)
            #expect(
                String(SnippetText.withoutTags(Array(text))) == RegexSnippetText.withoutTags(text),
                "\(text.debugDescription)")
            #expect(
                String(SnippetEdges.tidy(Array(text))) == RegexSnippetText.tidyEdges(text), "\(text.debugDescription)")
        }
    }

    @Test("each edge rule on its own, at the start and at the end of a passage")
    func edgeRules() {
        func tidy(_ text: String) -> String { String(SnippetEdges.tidy(Array(text))) }
        #expect(tidy("  …studio](https://x.org/a) and more") == "  …studio and more")
        #expect(tidy("studio] (x) and") == "studio] (x) and")
        #expect(tidy("…x.org/open) days") == "… days")
        #expect(tidy("open) days") == "open) days")
        #expect(tidy("see ![the](https://ra…  ") == "see the…")
        #expect(tidy("see [the](https://ra) more") == "see [the](https://ra) more")
        #expect(tidy("a [b] c [d") == "a [b] c d")
        #expect(tidy("a [b\nc") == "a [b\nc")
        #expect(tidy("`code` **x") == "code x")
    }
}
