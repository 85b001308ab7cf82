import Testing

@testable import CaseStudies

@Suite("Reading a query as FTS5 does")
struct SearchPhrasesTests {
    @Test("barewords are FTS5's: ASCII letters, digits, _ and U+001A, and every scalar that is not ASCII")
    func barewords() {
        let ascii = (0..<0x80).compactMap { Unicode.Scalar($0) }
        let others: [Unicode.Scalar] = ["\u{80}", "é", "\u{A0}", "\u{301}", "ሀ", "ع", "\u{2028}", "🙂"]
        for scalar in ascii + others {
            let text = "x\(scalar)y"
            // sqlite3Fts5IsBareword in fts5_expr.c: its table of ASCII, and any byte of 0x80 or more.
            let bare =
                !scalar.isASCII || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
                || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "\u{1A}"
            #expect((SearchPhrases.lex(text) == [.word(text)]) == bare, "U+\(String(scalar.value, radix: 16))")
        }
    }

    @Test("strings with doubled quotes, an unterminated string, punctuation, and words of other scripts")
    func lexemes() {
        #expect(SearchPhrases.lex(#""a ""b"" c""#) == [.string(#"a "b" c"#)])
        #expect(SearchPhrases.lex(#""unterminated ""x"#) == [.string(#"unterminated "x"#)])
        #expect(
            SearchPhrases.lex(#"-{title body}:wo* AND (école OR "ጤና ይስጥልኝ")"#) == [
                .minus, .openBrace, .word("title"), .word("body"), .closeBrace, .colon, .word("wo"), .star,
                .word("AND"), .open, .word("école"), .word("OR"), .string("ጤና ይስጥልኝ"), .close,
            ])
        #expect(
            SearchPhrases.lex("NEAR(a_1 ^b + c, 3) ; ! ؟كلمة")
                == [
                    .word("NEAR"), .open, .word("a_1"), .caret, .word("b"), .plus, .word("c"), .comma, .word("3"),
                    .close,
                    .word("؟كلمة"),
                ])
    }
}
