import Foundation
import KernelTesting
import Testing

@testable import CaseStudies

/// Snippets and highlighted titles built in Swift: the words FTS5 matched are marked (shown here as `[[…]]`), in the
/// best window of the summary or the body. FTS5 itself says what matched (``FTS5Matches``).
@Suite struct SnippetBuilderTests {
    private let fts5: FTS5Matches

    init() throws {
        fts5 = try FTS5Matches()
    }

    private func snippet(_ query: String, summary: String = "", body: String, words: Int = 8) throws -> String {
        var builder = SnippetBuilder(words: words)
        let matches = try #require(try fts5.instances(query, summary: summary, body: body, always: true))
        return SearchMarkers.plain(builder.snippet(summary: summary, body: body, matches))
    }

    private func title(_ query: String, _ title: String) throws -> String {
        var builder = SnippetBuilder(words: 8)
        let matches = try #require(try fts5.instances(query, title: title, always: true))
        return SearchMarkers.plain(builder.title(title, matches))
    }

    /// `count` filler words numbered from `from`.
    private func filler(_ count: Int, from: Int = 0) -> String {
        (from..<from + count).map { "w\($0)" }.joined(separator: " ")
    }

    @Test("a builder reused for the next result keeps nothing of the last: its windows count their own phrases")
    func resultsKeepTheirOwnMatches() throws {
        var builder = SnippetBuilder(words: 4)
        let first = try #require(try fts5.instances("alpha OR beta", summary: "alpha beta alpha beta", body: "beta"))
        #expect(
            SearchMarkers.plain(builder.snippet(summary: "alpha beta alpha beta", body: "beta", first))
                == "[[alpha]] [[beta]] [[alpha]] [[beta]]")
        // One phrase in the summary, the same one in the body: the summary first, as for equals.
        let body = "x y beta " + filler(10)
        let second = try #require(try fts5.instances("alpha OR beta", summary: "beta", body: body))
        #expect(SearchMarkers.plain(builder.snippet(summary: "beta", body: body, second)) == "[[beta]]")
        let third = try #require(try fts5.instances("alpha OR beta", summary: "beta", body: "alpha beta"))
        #expect(
            SearchMarkers.plain(builder.snippet(summary: "beta", body: "alpha beta", third)) == "[[alpha]] [[beta]]")
    }

    @Test("accents and case never matter, on either side, composed or decomposed; the text keeps its own")
    func accentsAndCase() throws {
        #expect(try snippet("ecole", body: "Une École de code.") == "Une [[École]] de code.")
        #expect(try snippet("ÉCOLE", body: "une ecole") == "une [[ecole]]")
        let decomposed = "Àwọn obìnrin ní Ọ̀yọ́".decomposedStringWithCanonicalMapping
        #expect(try snippet("oyo", body: decomposed) == "Àwọn obìnrin ní [[Ọ̀yọ́]]".decomposedStringWithCanonicalMapping)
        #expect(try snippet("MENTORING", body: "Peer mentoring works") == "Peer [[mentoring]] works")
        #expect(try title("developpeuses", "Les Développeuses") == "Les [[Développeuses]]")
        // Marks with no letter beside them are no word to FTS5: a phrase matches across them, and they ask nothing.
        #expect(try snippet("\"a b\"", body: "x a \u{301} b y") == "x [[a \u{301} b]] y")
        #expect(try snippet("a \u{301}", body: "x a \u{301} b y") == "x [[a]] \u{301} b y")
    }

    @Test("a match with a character that is not ASCII is found wherever it falls in the eight bytes read at a time")
    func charactersNotASCII() throws {
        // ASCII words are read eight bytes at a time (ASCIIWords), from where the previous word ended; a word with a
        // character that is not ASCII (a combining accent, an accented capital) goes back to the general tokenizer.
        // The spaces before the match move it across every offset of a read; the character is at every place in it.
        let words = ["e\u{301}cole", "eÇole", "ecÔle", "ecoLÉ", "École", "mÈntor", "mentÓr", "mentor\u{300}"]
        for word in words {
            for spaces in 1...10 {
                let before = filler(12) + String(repeating: " ", count: spaces) + word
                for body in [before + " " + filler(30), before] {
                    let marked = try snippet("ecole OR mentor", body: body, words: 6)
                    #expect(marked.contains("[[\(word)]]"), "\(word.debugDescription), \(spaces): \(marked)")
                }
            }
        }
    }

    @Test("prefixes, phrases (one run, overlapping ones merged), NEAR, and nothing under NOT")
    func querySyntax() throws {
        #expect(
            try snippet("mentor*", body: "Mentoring mentors tormentor mentor")
                == "[[Mentoring]] [[mentors]] tormentor [[mentor]]")
        #expect(
            try snippet("\"transport home\"", body: "transport by bus then transport home late")
                == "transport by bus then [[transport home]] late")
        #expect(try snippet("\"gaku gaku\"", body: "a gaku gaku gaku b gaku") == "a [[gaku gaku gaku]] b gaku")
        #expect(try snippet("mentoring NOT rotas", body: "mentoring and shifts") == "[[mentoring]] and shifts")
        // A branch that failed marks nothing, though its word is there: only what FTS5 matched is marked.
        #expect(
            try snippet("mentoring OR (shifts NOT rotas)", body: "mentoring and rotas shifts")
                == "[[mentoring]] and rotas shifts")
        #expect(
            try snippet("NEAR(alpha beta, 3) gamma", body: "alpha x beta y gamma") == "[[alpha]] x [[beta]] y [[gamma]]"
        )
        #expect(try snippet("\"open\" + \"studio\"", body: "open days, open studio") == "open days, [[open studio]]")
        #expect(try snippet("(alpha OR beta) NOT gamma", body: "beta delta alpha") == "[[beta]] delta [[alpha]]")
        // The literal form the search falls back to for text that is not FTS5 syntax.
        #expect(
            try snippet(CaseStudySearch.literal("rota's \"shifts"), body: "the rota's shifts")
                == "the [[rota's]] [[shifts]]")
    }

    @Test("NEAR: only the instances of a group that holds are marked, as FTS5 reports them")
    func nearGroups() throws {
        #expect(
            try snippet("NEAR(alpha beta, 1)", body: "alpha x x x beta y alpha beta", words: 10)
                == "alpha x x x [[beta]] y [[alpha]] [[beta]]")
        #expect(try snippet("NEAR(alpha beta, 1)", body: "alpha x x beta", words: 10) == "alpha x x beta")
    }

    @Test("column filters: a title-only word is marked in the title, not in the snippet")
    func columnFilters() throws {
        let query = "title:retention AND garuro"
        #expect(try title(query, "Retention in garuro") == "[[Retention]] in [[garuro]]")
        #expect(try snippet("title:retention OR garuro", body: "retention and garuro") == "retention and [[garuro]]")
        #expect(try title("-title:alpha", "alpha") == "alpha")
        #expect(try snippet("-title:alpha", body: "alpha") == "[[alpha]]")
        #expect(try snippet("{title summary}:alpha", summary: "an alpha", body: "alpha") == "an [[alpha]]")
        #expect(try snippet("{title body}:alpha", summary: "an alpha", body: "alpha") == "[[alpha]]")
        #expect(try title("pibebo", "Nothing here") == "Nothing here")
    }

    @Test("no match outside the title: the start of the summary, or of the body without a summary")
    func fallsBackToTheStart() throws {
        #expect(try snippet("title:retention", summary: filler(20), body: "retention") == filler(8) + "…")
        #expect(try snippet("retention", summary: "", body: filler(20)) == filler(8) + "…")
        #expect(try snippet("retention", summary: "Short summary.", body: filler(20)) == "Short summary.")
        #expect(try snippet("retention", summary: "", body: "") == "")
    }

    @Test("the window with the most distinct phrases wins, the earliest of equals, the summary before the body")
    func bestWindow() throws {
        let body = "alpha " + filler(20) + " alpha beta " + filler(20, from: 100)
        #expect(try snippet("alpha beta", body: body, words: 4) == "…w19 [[alpha]] [[beta]] w100…")
        #expect(
            try snippet("alpha OR beta", body: "x alpha " + filler(20) + " alpha", words: 4) == "x [[alpha]] w0 w1…")
        #expect(
            try snippet("alpha", summary: "in the summary alpha", body: "alpha in the body")
                == "in the summary [[alpha]]")
        #expect(
            try snippet("alpha beta", summary: "in the summary alpha", body: "alpha and beta in the body")
                == "[[alpha]] and [[beta]] in the body")
        // A window counts only the matches it holds whole: "alpha beta gamma" ends after the second beta, so no window
        // of two words holds two phrases.
        #expect(
            try snippet("\"alpha beta gamma\" OR beta", body: "beta x alpha beta gamma", words: 2) == "[[beta]] x…")
        // Every phrase found early: the rest of a long body is not needed, the cut says the text goes on.
        #expect(
            try snippet("alpha beta", body: "alpha beta " + filler(10_000), words: 4) == "[[alpha]] [[beta]] w0 w1…")
    }

    @Test("a long body is cut around the match, and at its end the window keeps the text's last words")
    func longBodies() throws {
        let body = filler(9_000) + " needle " + filler(1_000, from: 9_000)
        let cut = try snippet("needle", body: body)
        #expect(cut == "…w8997 w8998 w8999 [[needle]] w9000 w9001 w9002 w9003…")
        let atTheEnd = try snippet("needle", body: filler(50) + " needle.")
        #expect(atTheEnd == "…w43 w44 w45 w46 w47 w48 w49 [[needle]].")
        let nearTheEnd = try snippet("needle", body: filler(50) + " needle w50.")
        #expect(nearTheEnd == "…w44 w45 w46 w47 w48 w49 [[needle]] w50.")
    }

    @Test("Arabic and Amharic words are marked whole; Markdown is cut as written and SnippetText makes it text")
    func scriptsAndMarkdown() throws {
        #expect(try snippet("النساء", body: "تعليم النساء في القاهرة") == "تعليم [[النساء]] في القاهرة")
        #expect(try snippet("ትምህርት", body: "የሴቶች ትምህርት በአዲስ አበባ።") == "የሴቶች [[ትምህርት]] በአዲስ አበባ።")
        let markdown =
            "## The problem\n\nWomen **producers** joined [the open studio](https://radio.example.org/x) days. "
            + filler(30)
        var builder = SnippetBuilder(words: 8)
        let studio = try #require(try fts5.instances("studio", body: markdown))
        let text = SearchMarkers.plain(SnippetText.plain(builder.snippet(summary: "", body: markdown, studio)))
        #expect(text == "The problem Women producers joined the open [[studio]]…")
        var heading = SnippetBuilder(words: 4)
        let problem = try #require(try fts5.instances("problem", body: markdown))
        #expect(
            SearchMarkers.plain(SnippetText.plain(heading.snippet(summary: "", body: markdown, problem)))
                == "The [[problem]] Women producers…")
    }

    /// The builder passes over a token on its first folded byte: words are still found whatever that byte is.
    @Test("words are found whatever their first character: a digit, a capital, an accent, another script, a prefix")
    func firstCharacters() throws {
        #expect(
            try snippet("2024 ecole σοφη mentor*", body: "In 2024 the École of ΣΟΦΗ had Mentors; 12024 ecoles")
                == "In [[2024]] the [[École]] of [[ΣΟΦΗ]] had [[Mentors]]…")
        #expect(
            try snippet("ecole", body: "une Ecole, deux écoles, trois ÉCOLE")
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

    /// The reference reads the query itself and marks every instance of a phrase it may match, where FTS5 reports
    /// only the instances of a `NEAR` group that holds (`nearGroups`); NEAR queries are left out here.
    @Test("titles and snippets equal those of the builder that read every word (4,000 generated studies)")
    func sameAsTheReferenceBuilder() throws {
        var generator = SeededGenerator(seed: 19_303)
        var compared = 0
        // One builder for every result, as a search uses it.
        var new = SnippetBuilder(words: 8)
        for _ in 0..<4_000 {
            let query = Self.query(&generator)
            let words = Int.random(in: 1...12, using: &generator)
            let ascii = Bool.random(using: &generator)
            let title = Self.text(&generator, words: 0...8, ascii: ascii)
            let summary = Self.text(&generator, words: 0...30, ascii: ascii)
            let body = Self.text(&generator, words: 0...300, ascii: ascii)
            guard !query.hasPrefix("NEAR("),
                let matches = try fts5.instances(query, title: title, summary: summary, body: body)
            else { continue }
            compared += 1
            new = SnippetBuilder(words: words)
            var old = ReferenceSnippetBuilder(query: query, words: words)
            #expect(
                new.title(title, matches) == old.title(title), "\(query.debugDescription) \(title.debugDescription)")
            #expect(
                new.snippet(summary: summary, body: body, matches) == old.snippet(summary: summary, body: body),
                "\(query.debugDescription), \(words) words, \(summary.debugDescription), \(body.debugDescription)")
            // The same builder again, for another result: the texts the other way round.
            if let swapped = try fts5.instances(query, title: title, summary: body, body: summary) {
                #expect(
                    new.snippet(summary: body, body: summary, swapped) == old.snippet(summary: body, body: summary))
            }
        }
        // Most generated studies match their query.
        #expect(compared > 2_000, "\(compared) compared")
    }
}
