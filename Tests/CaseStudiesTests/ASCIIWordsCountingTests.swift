import KernelTesting
import Testing

@testable import CaseStudies

@Suite("Counting ASCII words eight bytes at a time")
struct ASCIIWordsCountingTests {
    /// Words shorter and longer than eight bytes, words that begin alike, separators of every length, and non-ASCII
    /// letters, marks and punctuation glued to words.
    static let pieces = [
        "a", "al", "alpha", "ALPS", "b", "Bx9", "x1y2z3w4v5", "0123456789", "Word", "abcdefgh", "ABCDEFGHIJKLMNOPQ",
        "9", " ", "  ", ".", "_", "-", "@", "[", "`", "\n", "        ", "--------- ", "é", "É", "\u{301}", "—", "ß",
        "日本", "\u{A0}", "l", "cole", "o", "4",
    ]
    /// Beginnings of query words: a first byte, and a second when the word has one.
    static let beginnings: [(first: UInt8, second: UInt8?)] = [
        (UInt8(ascii: "a"), UInt8(ascii: "l")), (UInt8(ascii: "b"), nil), (UInt8(ascii: "9"), nil),
        (UInt8(ascii: "x"), UInt8(ascii: "1")), (UInt8(ascii: "w"), UInt8(ascii: "o")),
        (UInt8(ascii: "e"), nil), (UInt8(ascii: "a"), nil), (UInt8(ascii: "w"), UInt8(ascii: "4")),
        (UInt8(ascii: "a"), UInt8(ascii: "e")), (UInt8(ascii: "e"), 0xCC),
    ]

    @Test("the words counted are the tokenizer's, and the counting stops at every word that may match")
    func countsAndStops() {
        var generator = SeededGenerator(seed: 7_919)
        for _ in 0..<3_000 {
            let text = (0..<Int.random(in: 0...60, using: &generator)).map { _ in
                Self.pieces.randomElement(using: &generator)!
            }.joined()
            let chosen = Array(
                Self.beginnings.shuffled(using: &generator).prefix(Int.random(in: 0...7, using: &generator)))
            let starts = ASCIIWords.Starts(chosen)
            let bytes = Array(text.utf8)
            bytes.withUnsafeBufferPointer { buffer in
                // The tokenizer's tokens, and which of them may match: folded, they begin with a beginning.
                var tokenizer = SearchTokenizer()
                var folded: [UInt8] = []
                var position = 0
                var tokens: [(start: Int, mayMatch: Bool)] = []
                while let token = tokenizer.next(buffer, at: &position, folded: &folded) {
                    let word = token.isASCII ? buffer[token.start..<token.end].map { $0 | 0x20 } : folded
                    let mayMatch = chosen.contains { beginning in
                        word.first == beginning.first
                            && (beginning.second.map { $0 >= 0x80 } ?? true
                                || (word.count > 1 && word[1] == beginning.second))
                    }
                    tokens.append((token.start, mayMatch))
                }
                // Counting, with limits, and reading a token where it stops, as the snippet builder does.
                let (count, read) = Self.countThenRead(buffer, starts) { Int.random(in: 1...40, using: &generator) }
                for (index, token) in read {
                    #expect(
                        index < tokens.count && tokens[index].start == token.start,
                        "token \(index) of \(text.debugDescription)")
                }
                let readStarts = Set(read.map(\.token.start))
                #expect(count == tokens.count, "\(text.debugDescription)")
                let passedOver = tokens.filter { $0.mayMatch && !readStarts.contains($0.start) }
                #expect(passedOver.isEmpty, "\(passedOver.map(\.start)) of \(text.debugDescription), \(chosen)")
            }
        }
    }

    @Test("more than four beginnings: the first bytes alone, and with more than four of those, every word")
    func manyBeginnings() {
        let text = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu . . . . . ."
        for (beginnings, stops) in [
            ([("a", "l"), ("b", "e"), ("g", "a"), ("d", "e")], ["alpha", "beta", "gamma", "delta"]),
            // Five beginnings of four first bytes: each word starting with one of the four is read.
            ([("a", "x"), ("b", "x"), ("g", "x"), ("d", "x"), ("a", "y")], ["alpha", "beta", "gamma", "delta"]),
            (
                [("a", "x"), ("b", "x"), ("g", "x"), ("d", "x"), ("e", "y")],
                text.split(separator: " ").map(String.init).filter { $0 != "." }
            ),
        ] as [([(Character, Character)], [String])] {
            let starts = ASCIIWords.Starts(beginnings.map { ($0.0.asciiValue!, $0.1.asciiValue) })
            let bytes = Array(text.utf8)
            let (count, read) = bytes.withUnsafeBufferPointer { buffer in
                let (count, read) = Self.countThenRead(buffer, starts) { .max }
                // The last seven bytes are read token by token whatever they hold.
                return (
                    count,
                    read.map(\.token).filter { $0.end <= bytes.count - 8 }.map {
                        String(decoding: buffer[$0.start..<$0.end], as: UTF8.self)
                    }
                )
            }
            #expect(count == 12)
            #expect(read == stops, "\(beginnings)")
        }
    }

    /// Counts the words of `buffer` as ``SnippetBuilder`` does: eight bytes at a time up to a limit `step` words on,
    /// reading a word as a token where the counting stops (again whole when it stopped inside one). The words
    /// counted, and the tokens read one by one with the index each was counted at.
    static func countThenRead(
        _ buffer: UnsafeBufferPointer<UInt8>, _ starts: ASCIIWords.Starts, step: () -> Int
    ) -> (count: Int, read: [(index: Int, token: SearchTokenizer.Token)]) {
        var tokenizer = SearchTokenizer()
        var folded: [UInt8] = []
        var (position, count, inWord) = (0, 0, UInt64(0))
        var read: [(index: Int, token: SearchTokenizer.Token)] = []
        while true {
            let step = step()
            let limit = step == .max ? .max : count + step
            ASCIIWords.count(buffer, from: &position, words: &count, inWord: &inWord, until: limit, skipping: starts)
            if inWord != 0 {
                position = ASCIIWords.wordStart(buffer, before: position)
                count -= 1
                inWord = 0
            }
            guard let token = tokenizer.next(buffer, at: &position, folded: &folded) else { break }
            read.append((count, token))
            count += 1
        }
        return (count, read)
    }
}
