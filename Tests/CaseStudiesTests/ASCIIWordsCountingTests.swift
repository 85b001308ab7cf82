import KernelTesting
import Testing

@testable import CaseStudies

@Suite("Counting ASCII words eight bytes at a time")
struct ASCIIWordsCountingTests {
    /// Words shorter and longer than eight bytes, separators of every length, and non-ASCII letters, marks and
    /// punctuation glued to words.
    static let pieces = [
        "a", "al", "alpha", "ALPS", "b", "Bx9", "x1y2z3w4v5", "0123456789", "Word", "abcdefgh", "ABCDEFGHIJKLMNOPQ",
        "9", " ", "  ", ".", "_", "-", "@", "[", "`", "\n", "        ", "--------- ", "é", "É", "\u{301}", "—", "ß",
        "日本", "\u{A0}", "l", "cole", "o", "4",
    ]
    @Test("the words counted are the tokenizer's, and a token read where the counting stops is the one counted there")
    func countsAsTheTokenizerReads() {
        var generator = SeededGenerator(seed: 7_919)
        for _ in 0..<3_000 {
            let text = (0..<Int.random(in: 0...60, using: &generator)).map { _ in
                Self.pieces.randomElement(using: &generator)!
            }.joined()
            let bytes = Array(text.utf8)
            bytes.withUnsafeBufferPointer { buffer in
                let tokens = Self.tokenStarts(buffer)
                // Counting, with limits, and reading a token where it stops, as the snippet builder does.
                let (count, read) = Self.countThenRead(buffer) { Int.random(in: 1...40, using: &generator) }
                for (index, token) in read {
                    #expect(
                        index < tokens.count && tokens[index] == token.start,
                        "token \(index) of \(text.debugDescription)")
                }
                #expect(count == tokens.count, "\(text.debugDescription)")
            }
        }
    }

    @Test("a limit stops the counting at the end of the eight bytes that reach it, not later")
    func limits() {
        let text = "a b c d e f g h i j k l m n o p q r s t u v w x y z " + String(repeating: "word ", count: 20)
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { buffer in
            let starts = Self.tokenStarts(buffer)
            for limit in 1...40 {
                var (position, count, inWord) = (0, 0, UInt64(0))
                ASCIIWords.count(buffer, from: &position, words: &count, inWord: &inWord, until: limit)
                #expect(count == starts.filter { $0 < position }.count, "\(limit)")
                #expect(count >= limit && starts.filter { $0 < position - 8 }.count < limit, "\(limit): \(count)")
            }
        }
    }

    /// Where the tokenizer's tokens start, reading every one.
    static func tokenStarts(_ buffer: UnsafeBufferPointer<UInt8>) -> [Int] {
        var tokenizer = SearchTokenizer()
        var folded: [UInt8] = []
        var position = 0
        var starts: [Int] = []
        while let token = tokenizer.next(buffer, at: &position, folded: &folded) { starts.append(token.start) }
        return starts
    }

    /// Counts the words of `buffer` as ``SnippetBuilder`` does: eight bytes at a time up to a limit `step` words on,
    /// reading a word as a token where the counting stops (again whole when it stopped inside one). The words
    /// counted, and the tokens read one by one with the index each was counted at.
    static func countThenRead(
        _ buffer: UnsafeBufferPointer<UInt8>, step: () -> Int
    ) -> (count: Int, read: [(index: Int, token: SearchTokenizer.Token)]) {
        var tokenizer = SearchTokenizer()
        var folded: [UInt8] = []
        var (position, count, inWord) = (0, 0, UInt64(0))
        var read: [(index: Int, token: SearchTokenizer.Token)] = []
        while true {
            let step = step()
            let limit = step == .max ? .max : count + step
            ASCIIWords.count(buffer, from: &position, words: &count, inWord: &inWord, until: limit)
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
