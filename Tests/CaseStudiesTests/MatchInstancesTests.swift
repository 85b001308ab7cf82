import Foundation
import Testing

@testable import CaseStudies

/// `caseStudies_matches()`, the FTS5 auxiliary function behind titles and snippets: what it reports of a row, and how
/// its answer is read.
@Suite struct MatchInstancesTests {
    private typealias Instance = MatchInstances.Instance

    @Test("each instance of each phrase: FTS5's phrase number, column, first token and length; the columns' tokens")
    func instances() throws {
        let matches = try #require(
            try FTS5Matches().instances(
                "\"open studio\" OR radio*", title: "Radio days", summary: "An open studio, then radios",
                body: "x open studio y", always: false))
        #expect(matches.tokens == (2, 5, 4))
        #expect(
            matches.instances == [
                Instance(phrase: 1, column: 0, first: 0, length: 1),
                Instance(phrase: 0, column: 1, first: 1, length: 2),
                Instance(phrase: 1, column: 1, first: 4, length: 1),
                Instance(phrase: 0, column: 2, first: 1, length: 2),
            ])
    }

    @Test("the topic words, never shown, are left out; a phrase given twice is numbered twice and found the same")
    func topicWordsAndRepeats() throws {
        let matches = try #require(
            try FTS5Matches().instances("bet OR bet OR zzeverystudy", body: "a bet", always: false))
        #expect(
            matches.instances == [
                Instance(phrase: 0, column: 2, first: 1, length: 1),
                Instance(phrase: 1, column: 2, first: 1, length: 1),
            ])
        #expect(matches.samePhrases() == [0, 0])
        let filtered = try #require(
            try FTS5Matches().instances("{body}:bet OR bet", summary: "bet", body: "bet", always: false))
        // Found in the summary too, the second is another phrase.
        #expect(filtered.samePhrases() == [0, 1])
        let narrower = try #require(
            try FTS5Matches().instances("{summary}:bet OR bet", summary: "bet", body: "bet", always: false))
        #expect(narrower.samePhrases() == [0, 1], "the first's places are some of the second's")
        let others = try #require(try FTS5Matches().instances("alpha OR beta", body: "alpha beta", always: false))
        #expect(others.samePhrases() == [0, 1], "as often, in the same column, at other places")
    }

    @Test("an answer cut short or of another shape is not read")
    func malformed() {
        func blob(_ words: [UInt32]) -> [UInt8] { words.flatMap { withUnsafeBytes(of: $0.littleEndian, Array.init) } }
        func read(_ bytes: [UInt8]) -> MatchInstances? { bytes.withUnsafeBytes { MatchInstances(blob: $0) } }
        // Three token counts, then an instance: phrase 3, one token, in the body (column 2), from token 7.
        let whole = blob([1, 2, 3, 0x0201_0003, 7])
        #expect(read(whole).map { $0.tokens == (1, 2, 3) } == true)
        #expect(read(whole)?.instances == [Instance(phrase: 3, column: 2, first: 7, length: 1)])
        #expect(read(Array(whole.dropLast(4))) == nil, "an instance without its first token")
        #expect(read(Array(whole.dropLast(2))) == nil, "not whole words")
        #expect(read(Array(whole.prefix(8))) == nil, "not the three counts")
        #expect(read([]) == nil)
    }
}

extension MatchInstances {
    /// ``samePhrases(into:counting:)`` with buffers left dirty by another study, as the snippet builder's are.
    fileprivate func samePhrases() -> [Int] {
        var (same, found) = ([7, 7, 7, 7, 7], [9, 9, 9, 9, 9])
        samePhrases(into: &same, counting: &found)
        return same
    }
}
