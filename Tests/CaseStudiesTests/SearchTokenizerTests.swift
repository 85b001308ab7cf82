import Foundation
import GRDB
import KernelTesting
import Testing

@testable import CaseStudies

/// The Swift tokenizer must read text exactly as the index's FTS5 tokenizer (`unicode61 remove_diacritics 2`) does,
/// or snippets would mark words FTS5 did not match (or miss ones it did): both read the same texts here.
@Suite struct SearchTokenizerTests {
    /// FTS5's tokens of each text, folded, in order (through an `fts5vocab` table of instances).
    private func fts5Tokens(_ texts: [String]) throws -> [[String]] {
        let db = try DatabaseQueue()
        return try db.write { db in
            try db.execute(
                sql: """
                    CREATE VIRTUAL TABLE t USING fts5(x, tokenize = 'unicode61 remove_diacritics 2');
                    CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance');
                    """)
            for (index, text) in texts.enumerated() {
                try db.execute(sql: "INSERT INTO t(rowid, x) VALUES (?, ?)", arguments: [index, text])
            }
            var tokens = [[String]](repeating: [], count: texts.count)
            for row in try Row.fetchAll(db, sql: "SELECT doc, term FROM v ORDER BY doc, \"offset\"") {
                tokens[row["doc"] as Int].append(row["term"])
            }
            return tokens
        }
    }

    /// Ours: the folded tokens, and each token's bytes in the text.
    private func ourTokens(_ text: String) -> (folded: [String], spans: [String]) {
        var tokenizer = SearchTokenizer()
        let bytes = Array(text.utf8)
        var folded: [String] = []
        var spans: [String] = []
        var word: [UInt8] = []
        var position = 0
        bytes.withUnsafeBufferPointer { buffer in
            while let token = tokenizer.next(buffer, at: &position, folded: &word) {
                let bytes = token.isASCII ? buffer[token.start..<token.end].map { $0 | 0x20 } : word
                folded.append(String(decoding: bytes, as: UTF8.self))
                spans.append(String(decoding: buffer[token.start..<token.end], as: UTF8.self))
            }
        }
        return (folded, spans)
    }

    @Test("sentences in many scripts, composed and decomposed, with punctuation and Markdown")
    func sentences() throws {
        let texts = [
            "École de code à Yamoussoukro", "Àwọn obìnrin ní Ọ̀yọ́",
            "Àwọn obìnrin ní Ọ̀yọ́ naïve".decomposedStringWithCanonicalMapping,
            "مُدَرِّسَة النساء في القاهرة", "የሴቶች ትምህርት በአዲስ አበባ።", "snake_case don't 2*3 x.org/a_b",
            "Straße ŒUVRE ø Ł ǅ ﬁne Ωmega ΣΊΣΥΦΟΣ İstanbul", "日本語のテキスト",
            "Women **producers** joined [the open studio](https://radio.example.org/x)",
            "ВЕЛИКИЙ Київ Ελληνικά ẞ Ǡ ǡ ſ ẛ Việt Nam Hà Nội", "", "   ...   ",
        ]
        let theirs = try fts5Tokens(texts)
        for (text, expected) in zip(texts, theirs) {
            #expect(ourTokens(text).folded == expected, "\(text)")
        }
        #expect(
            ourTokens("Women **producers** [the](https://x.org)").spans == [
                "Women", "producers", "the", "https", "x", "org",
            ])
        #expect(
            ourTokens("Ọ̀yọ́!".decomposedStringWithCanonicalMapping).spans == ["Ọ̀yọ́".decomposedStringWithCanonicalMapping]
        )
    }

    /// Every token of `text` (its bytes, whether ASCII, its folded form), read by `next` or `nextCharacterByCharacter`.
    private func spans(_ text: String, characterByCharacter: Bool) -> [String] {
        var tokenizer = SearchTokenizer()
        let bytes = Array(text.utf8)
        var spans: [String] = []
        var folded: [UInt8] = []
        var position = 0
        bytes.withUnsafeBufferPointer { buffer in
            while let token =
                characterByCharacter
                ? tokenizer.nextCharacterByCharacter(buffer, at: &position, folded: &folded)
                : tokenizer.next(buffer, at: &position, folded: &folded)
            {
                let word = token.isASCII ? buffer[token.start..<token.end].map { $0 | 0x20 } : folded
                spans.append("\(token.start)..<\(token.end) \(token.isASCII) \(String(decoding: word, as: UTF8.self))")
            }
        }
        return spans
    }

    private func shortest(_ texts: [String]) -> [String] {
        texts.sorted { $0.utf8.count < $1.utf8.count }.prefix(3).map(\.debugDescription)
    }

    @Test("ASCII words read eight bytes at a time give the tokens of the character-by-character reading, and FTS5's")
    func eightBytesAtATime() throws {
        // Words shorter and longer than eight bytes, every ASCII class of byte, and non-ASCII letters, marks and
        // punctuation glued to them, so that words start and end at every offset of an eight-byte load.
        let pieces = [
            "a", "Z", "9", "ab", "Word", "abcdefg", "abcdefgh", "ABCDEFGHIJKLMNOPQ", "x1y2z3w4v5", "0123456789",
            " ", "  ", ".", "_", "-", "@", "[", "`", "{", "/", ":", "\n", "\t", "\u{7F}", "é", "É", "\u{301}", "—",
            "ß", "日本", "ع", "\u{A0}", "\u{E000}", "😀",
        ]
        var generator = SeededGenerator(seed: 19_036)
        let texts = (0..<2_000).map { _ in
            (0..<Int.random(in: 0...40, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }
                .joined()
        }
        let unlikeCharacterByCharacter = texts.filter {
            spans($0, characterByCharacter: false) != spans($0, characterByCharacter: true)
        }
        #expect(
            unlikeCharacterByCharacter.isEmpty,
            "unlike character by character: \(unlikeCharacterByCharacter.count), the shortest: \(shortest(unlikeCharacterByCharacter))"
        )
        // On ASCII text (here with runs of eight separators and more) the eight-byte reading never hands a word
        // back: it stops only at the text's end, with the tokens of the whole reading.
        let asciiPieces =
            pieces.filter { $0.utf8.allSatisfy { $0 < 0x80 } } + ["        ", "--------- ", "\n\n\n\n\n\n\n\n\n"]
        let asciiTexts = (0..<500).map { _ in
            (0..<Int.random(in: 0...40, using: &generator)).map { _ in asciiPieces.randomElement(using: &generator)! }
                .joined()
        }
        let handedBack = asciiTexts.filter { text in
            let bytes = Array(text.utf8)
            var (position, tokens) = (0, [String]())
            bytes.withUnsafeBufferPointer { buffer in
                while let word = ASCIIWords.next(buffer, at: &position) {
                    tokens.append(String(decoding: buffer[word.start..<word.end], as: UTF8.self))
                }
            }
            return position != bytes.count || tokens != ourTokens(text).spans
        }
        #expect(handedBack.isEmpty, "handed back: \(shortest(handedBack))")
        let theirs = try fts5Tokens(texts)
        let unlikeFTS5 = zip(texts, theirs).filter { ourTokens($0.0).folded != $0.1 }.map(\.0)
        #expect(
            unlikeFTS5.isEmpty,
            "unlike FTS5: \(unlikeFTS5.count), the shortest: \(shortest(unlikeFTS5))")
    }

    @Test("every letter, digit and mark of Latin, Greek, Cyrillic, Arabic, Ethiopic and more, one at a time")
    func everyCharacter() throws {
        let ranges: [ClosedRange<UInt32>] = [
            0x80...0x24F, 0x250...0x2FF, 0x300...0x36F, 0x370...0x52F, 0x600...0x6FF, 0x900...0x97F, 0x1200...0x137F,
            0x1E00...0x1FFF, 0x2000...0x206F, 0x2C60...0x2C7F, 0xA720...0xA7FF, 0xFB00...0xFB4F, 0xFF00...0xFF5F,
        ]
        let texts = ranges.flatMap { $0 }.compactMap(Unicode.Scalar.init).map { "a\($0)b x\($0) \($0)y" }
        let theirs = try fts5Tokens(texts)
        var differences: [String] = []
        for (text, expected) in zip(texts, theirs) where ourTokens(text).folded != expected {
            differences.append(
                "\(text.unicodeScalars.map { String($0.value, radix: 16) }): \(expected) \(ourTokens(text).folded)")
        }
        #expect(differences.isEmpty, "\(differences.count): \(differences.prefix(40))")
    }
}
