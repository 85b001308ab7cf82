import Foundation
import KernelTesting
import Testing

@testable import CaseStudies

/// Snippets and highlighted titles built in Swift: the words FTS5 matched are marked (shown here as `[[…]]`), in the
/// best window of the summary or the body.
@Suite struct SnippetBuilderTests {
    private func snippet(_ query: String, summary: String = "", body: String, words: Int = 8) -> String {
        var builder = SnippetBuilder(query: query, words: words)
        return SearchMarkers.plain(builder.snippet(summary: summary, body: body))
    }

    private func title(_ query: String, _ title: String) -> String {
        var builder = SnippetBuilder(query: query, words: 8)
        return SearchMarkers.plain(builder.title(title))
    }

    /// `count` filler words numbered from `from`.
    private func filler(_ count: Int, from: Int = 0) -> String {
        (from..<from + count).map { "w\($0)" }.joined(separator: " ")
    }

    @Test(
        "a scan never takes an earlier scan's matches for its own: a phrase's first word in the title, the next in the body"
    )
    func scansKeepTheirOwnMatches() {
        for title in ["alpha", filler(63) + " alpha", filler(64) + " alpha", filler(128) + " alpha"] {
            var builder = SnippetBuilder(query: "\"alpha beta\"", words: 8)
            #expect(SearchMarkers.plain(builder.title(title)).hasSuffix("alpha"))
            #expect(builder.snippet(summary: "", body: "gamma beta") == "gamma beta", "after \(title.suffix(12))")
            #expect(SearchMarkers.plain(builder.snippet(summary: "", body: "alpha beta")) == "[[alpha beta]]")
        }
    }

    @Test("accents and case never matter, on either side, composed or decomposed; the text keeps its own")
    func accentsAndCase() {
        #expect(snippet("ecole", body: "Une École de code.") == "Une [[École]] de code.")
        #expect(snippet("ÉCOLE", body: "une ecole") == "une [[ecole]]")
        let decomposed = "Àwọn obìnrin ní Ọ̀yọ́".decomposedStringWithCanonicalMapping
        #expect(snippet("oyo", body: decomposed) == "Àwọn obìnrin ní [[Ọ̀yọ́]]".decomposedStringWithCanonicalMapping)
        #expect(snippet("MENTORING", body: "Peer mentoring works") == "Peer [[mentoring]] works")
        #expect(title("developpeuses", "Les Développeuses") == "Les [[Développeuses]]")
        // Marks with no letter beside them are no word to FTS5: a phrase matches across them, and they ask nothing.
        #expect(snippet("\"a b\"", body: "x a \u{301} b y") == "x [[a \u{301} b]] y")
        #expect(snippet("a \u{301}", body: "x a \u{301} b y") == "x [[a]] \u{301} b y")
    }

    @Test("a match with a character that is not ASCII is found wherever it falls in the eight bytes read at a time")
    func charactersNotASCII() {
        // ASCII words are read eight bytes at a time (ASCIIWords), from where the previous word ended; a word with a
        // character that is not ASCII (a combining accent, an accented capital) goes back to the general tokenizer.
        // The spaces before the match move it across every offset of a read; the character is at every place in it.
        let words = ["e\u{301}cole", "eÇole", "ecÔle", "ecoLÉ", "École", "mÈntor", "mentÓr", "mentor\u{300}"]
        for word in words {
            for spaces in 1...10 {
                let before = filler(12) + String(repeating: " ", count: spaces) + word
                for body in [before + " " + filler(30), before] {
                    let marked = snippet("ecole OR mentor", body: body, words: 6)
                    #expect(marked.contains("[[\(word)]]"), "\(word.debugDescription), \(spaces): \(marked)")
                }
            }
        }
    }

    @Test("prefixes, phrases (one run, overlapping ones merged), NEAR, and nothing under NOT")
    func querySyntax() {
        #expect(
            snippet("mentor*", body: "Mentoring mentors tormentor mentor")
                == "[[Mentoring]] [[mentors]] tormentor [[mentor]]")
        #expect(
            snippet("\"transport home\"", body: "transport by bus then transport home late")
                == "transport by bus then [[transport home]] late")
        #expect(snippet("\"gaku gaku\"", body: "a gaku gaku gaku b gaku") == "a [[gaku gaku gaku]] b gaku")
        #expect(snippet("mentoring NOT rotas", body: "mentoring and rotas") == "[[mentoring]] and rotas")
        #expect(
            snippet("NEAR(alpha beta, 3) gamma", body: "alpha x beta y gamma") == "[[alpha]] x [[beta]] y [[gamma]]")
        #expect(snippet("\"open\" + \"studio\"", body: "open days, open studio") == "open days, [[open studio]]")
        #expect(snippet("(alpha OR beta) NOT gamma", body: "beta gamma alpha") == "[[beta]] gamma [[alpha]]")
        // The literal form the search falls back to for text that is not FTS5 syntax.
        #expect(
            snippet(CaseStudySearch.literal("rota's \"shifts"), body: "the rota's shifts")
                == "the [[rota's]] [[shifts]]")
    }

    @Test("column filters: a title-only word is marked in the title, not in the snippet")
    func columnFilters() {
        let query = "title:retention AND garuro"
        #expect(title(query, "Retention in garuro") == "[[Retention]] in [[garuro]]")
        #expect(snippet(query, body: "retention and garuro") == "retention and [[garuro]]")
        #expect(title("-title:alpha", "alpha") == "alpha")
        #expect(snippet("-title:alpha", body: "alpha") == "[[alpha]]")
        #expect(snippet("{title summary}:alpha", summary: "an alpha", body: "alpha") == "an [[alpha]]")
        #expect(snippet("{title body}:alpha", summary: "an alpha", body: "alpha") == "[[alpha]]")
        #expect(title("pibebo", "Nothing here") == "Nothing here")
    }

    @Test("no match outside the title: the start of the summary, or of the body without a summary")
    func fallsBackToTheStart() {
        #expect(snippet("title:retention", summary: filler(20), body: "retention") == filler(8) + "…")
        #expect(snippet("retention", summary: "", body: filler(20)) == filler(8) + "…")
        #expect(snippet("retention", summary: "Short summary.", body: filler(20)) == "Short summary.")
        #expect(snippet("retention", summary: "", body: "") == "")
    }

    @Test("the window with the most distinct phrases wins, the earliest of equals, the summary before the body")
    func bestWindow() {
        let body = "alpha " + filler(20) + " alpha beta " + filler(20, from: 100)
        #expect(snippet("alpha beta", body: body, words: 4) == "…w19 [[alpha]] [[beta]] w100…")
        #expect(snippet("alpha OR beta", body: "x alpha " + filler(20) + " alpha", words: 4) == "x [[alpha]] w0 w1…")
        #expect(
            snippet("alpha", summary: "in the summary alpha", body: "alpha in the body") == "in the summary [[alpha]]")
        #expect(
            snippet("alpha beta", summary: "in the summary alpha", body: "alpha and beta in the body")
                == "[[alpha]] and [[beta]] in the body")
        // Every phrase found early: the rest of a long body is not needed, the cut says the text goes on.
        #expect(snippet("alpha beta", body: "alpha beta " + filler(10_000), words: 4) == "[[alpha]] [[beta]] w0 w1…")
    }

    @Test("a long body is cut around the match, and at its end the window keeps the text's last words")
    func longBodies() {
        let body = filler(9_000) + " needle " + filler(1_000, from: 9_000)
        let cut = snippet("needle", body: body)
        #expect(cut == "…w8997 w8998 w8999 [[needle]] w9000 w9001 w9002 w9003…")
        let atTheEnd = snippet("needle", body: filler(50) + " needle.")
        #expect(atTheEnd == "…w43 w44 w45 w46 w47 w48 w49 [[needle]].")
        let nearTheEnd = snippet("needle", body: filler(50) + " needle w50.")
        #expect(nearTheEnd == "…w44 w45 w46 w47 w48 w49 [[needle]] w50.")
    }

    @Test("Arabic and Amharic words are marked whole; Markdown is cut as written and SnippetText makes it text")
    func scriptsAndMarkdown() {
        #expect(snippet("النساء", body: "تعليم النساء في القاهرة") == "تعليم [[النساء]] في القاهرة")
        #expect(snippet("ትምህርት", body: "የሴቶች ትምህርት በአዲስ አበባ።") == "የሴቶች [[ትምህርት]] በአዲስ አበባ።")
        let markdown =
            "## The problem\n\nWomen **producers** joined [the open studio](https://radio.example.org/x) days. "
            + filler(30)
        var builder = SnippetBuilder(query: "studio", words: 8)
        let text = SearchMarkers.plain(SnippetText.plain(builder.snippet(summary: "", body: markdown)))
        #expect(text == "The problem Women producers joined the open [[studio]]…")
        var heading = SnippetBuilder(query: "problem", words: 4)
        #expect(
            SearchMarkers.plain(SnippetText.plain(heading.snippet(summary: "", body: markdown)))
                == "The [[problem]] Women producers…")
    }

    /// The builder passes over a token on its first folded byte: words are still found whatever that byte is.
    @Test("words are found whatever their first character: a digit, a capital, an accent, another script, a prefix")
    func firstCharacters() {
        #expect(
            snippet("2024 ecole σοφη mentor*", body: "In 2024 the École of ΣΟΦΗ had Mentors; 12024 ecoles")
                == "In [[2024]] the [[École]] of [[ΣΟΦΗ]] had [[Mentors]]…")
        #expect(
            snippet("ecole", body: "une Ecole, deux écoles, trois ÉCOLE")
                == "une [[Ecole]], deux écoles, trois [[ÉCOLE]]")
    }

    /// Words to build texts and queries from: ASCII words and prefixes of each other, digits, accented and
    /// decomposed Latin, Greek, Arabic, a word glued to an accented letter, and a word that folds to nothing.
    static let vocabulary = [
        "alpha", "beta", "gamma", "alp", "alphabet", "mentor", "mentoring", "2024", "école", "ecole", "ÉCOLE",
        "e\u{301}cole", "σοφη", "ΣΟΦΗ", "النساء", "caf\u{E9}s", "naïve", "x", "mx", "B2B", "bet", "\u{301}",
    ]
    /// What separates or surrounds words: spaces, punctuation, Markdown, an ellipsis, a line break, non-ASCII
    /// punctuation right after a word.
    static let separators = [
        " ", " ", " ", ", ", ". ", "\n\n## ", " **", "** ", " [", "](https://x.org/a) ", " — ", "—", "’s ", "…",
    ]

    /// Words (four in five fillers that no query asks for, so that matches are rare) and separators; `ascii` (half the
    /// studies): only those that are ASCII, the texts whose reading may stop early.
    static func text(_ generator: inout SeededGenerator, words: ClosedRange<Int>, ascii: Bool) -> String {
        func isASCII(_ text: String) -> Bool { text.utf8.allSatisfy { $0 < 0x80 } }
        let pieces = ascii ? vocabulary.filter(isASCII) : vocabulary
        let between = ascii ? separators.filter(isASCII) : separators
        return (0..<Int.random(in: words, using: &generator)).map { _ in
            let word =
                Int.random(in: 0..<5, using: &generator) == 0
                ? pieces.randomElement(using: &generator)! : "f\(Int.random(in: 0..<50, using: &generator))"
            return word + between.randomElement(using: &generator)!
        }.joined()
    }

    static func query(_ generator: inout SeededGenerator) -> String {
        func word() -> String { vocabulary.dropLast().randomElement(using: &generator)! }
        let (a, b, c) = (word(), word(), word())
        let more = (0..<Int.random(in: 3...6, using: &generator)).map { _ in word() }.joined(separator: " OR ")
        return [
            a, "\(a) \(b)", "\(a) OR \(b)", "\(a) AND \(b) AND \(c)", "\"\(a) \(b)\"", "\(a.prefix(2))*",
            "\(a.prefix(1))*", "NEAR(\(a) \(b), 3)", "\(a) NOT \(b)", "title:\(a) AND \(b)",
            "{summary}:\(a) OR \(b)", "{body}:\(a) \(b)", "\"\(a) \(b) \(c)\" OR \(c)", "\(a) OR \(more)",
        ].randomElement(using: &generator)!
    }

    @Test("titles and snippets equal those of the builder that read every word (4,000 generated studies)")
    func sameAsTheReferenceBuilder() {
        var generator = SeededGenerator(seed: 19_303)
        for _ in 0..<4_000 {
            let query = Self.query(&generator)
            let words = Int.random(in: 1...12, using: &generator)
            let ascii = Bool.random(using: &generator)
            let title = Self.text(&generator, words: 0...8, ascii: ascii)
            let summary = Self.text(&generator, words: 0...30, ascii: ascii)
            let body = Self.text(&generator, words: 0...300, ascii: ascii)
            var new = SnippetBuilder(query: query, words: words)
            var old = ReferenceSnippetBuilder(query: query, words: words)
            #expect(new.title(title) == old.title(title), "\(query.debugDescription) \(title.debugDescription)")
            #expect(
                new.snippet(summary: summary, body: body) == old.snippet(summary: summary, body: body),
                "\(query.debugDescription), \(words) words, \(summary.debugDescription), \(body.debugDescription)")
            // The same builder again, as a search uses it for each of its results.
            #expect(new.snippet(summary: body, body: summary) == old.snippet(summary: body, body: summary))
        }
    }
}
