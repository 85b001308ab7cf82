@testable import CaseStudies

// The snippet builder as it was before it passed over ASCII words without the general tokenizer and kept only the
// last 64 tokens' masks (commit 7aaa6db): the reference the new builder's answers must equal (`SnippetBuilderTests`).
// Copied as it was, renamed; not used by the plugin. Since then it reads the texts character by character, without
// ``ASCIIWords`` (the queries' words still go through `SearchTokenizer.next`).
/// Marks a search's matches in a title and cuts the snippet of a result, in Swift (FTS5's `snippet()` scored every
/// window over every match of every column and cost up to 45 ms a page on frequent or prefix words).
///
/// The words are read as FTS5 reads them (``SearchTokenizer``), and only the phrases that can have matched are marked
/// (``SearchPhrases``: not under `NOT`, only in the columns a filter allows). The snippet is the window of `words`
/// words, in the summary or the body, holding the most distinct phrases, the earliest of equals (the summary first);
/// the window is centred on its matches, starts at the column's start when they fit there, and ends at the column's
/// end when it is near. It holds the column's Markdown as written (``SnippetText`` makes it text), `…` where it cuts,
/// matches between ``SearchMarkers`` (a phrase's words and overlapping matches as one run). Nothing matched outside
/// the title: the start of the summary (or of the body when there is no summary). Reading stops once a window holds
/// every phrase and is complete.
struct ReferenceSnippetBuilder {
    private let phrases: [SearchPhrases.Phrase]
    /// The phrases' words one after another (a slot each), folded: a token's mask has a bit for each slot it matches.
    private let slots: [Slot]
    /// The slots' words, one after another.
    private let slotBytes: [UInt8]
    /// For each phrase, its slots (consecutive).
    private let phraseSlots: [Range<Int>]
    private let words: Int
    private var tokenizer = SearchTokenizer()

    /// At most 64 words of a query are marked (the mask's bits); later phrases are left unmarked.
    init(query: String, words: Int) {
        var tokenizer = SearchTokenizer()
        var kept: [SearchPhrases.Phrase] = []
        var slots: [Slot] = []
        var slotBytes: [UInt8] = []
        var ranges: [Range<Int>] = []
        for phrase in SearchPhrases(query: query, tokenizer: &tokenizer).phrases
        where slots.count + phrase.words.count <= 64 {
            ranges.append(slots.count..<slots.count + phrase.words.count)
            for (word, prefix) in zip(phrase.words, phrase.prefixes) {
                slots.append(Slot(start: slotBytes.count, count: word.count, prefix: prefix, columns: phrase.columns))
                slotBytes += word
            }
            kept.append(phrase)
        }
        self.phrases = kept
        self.slots = slots
        self.slotBytes = slotBytes
        self.phraseSlots = ranges
        self.words = max(1, words)
        self.tokenizer = tokenizer
    }

    /// The title with every match marked.
    mutating func title(_ title: String) -> String {
        let scan = self.scan(title, column: 0, window: Int.max)
        return scan.hits.isEmpty ? title : marked(title, scan, from: 0, to: scan.tokens.count)
    }

    /// The best window of the summary or the body, marked.
    mutating func snippet(summary: String, body: String) -> String {
        // Both columns read whole (the builder this copies stopped at the summary once it held every phrase the summary
        // may hold, though the body might hold more with a column filter): the window with the most distinct phrases.
        let fromSummary = scan(summary, column: 1, window: words)
        let fromBody = scan(body, column: 2, window: words)
        if fromBody.best.distinct > fromSummary.best.distinct || fromSummary.tokens.isEmpty {
            return cut(body, fromBody)
        }
        return cut(summary, fromSummary)
    }

    /// A word of a phrase: its bytes in ``slotBytes``, whether it is a prefix, the columns it matches in.
    private struct Slot {
        let start: Int
        let count: Int
        let prefix: Bool
        let columns: UInt8

        /// Whether the token (of `text`, folded in `folded` unless ASCII) is this word, or starts with it for a prefix.
        func matches(
            _ token: SearchTokenizer.Token, of text: UnsafeBufferPointer<UInt8>, folded: UnsafeBufferPointer<UInt8>,
            words: UnsafeBufferPointer<UInt8>
        ) -> Bool {
            if token.isASCII {
                let length = token.end - token.start
                guard length == count || (prefix && length > count) else { return false }
                for offset in 0..<count where text[token.start + offset] | 0x20 != words[start + offset] {
                    return false
                }
            } else {
                guard folded.count == count || (prefix && folded.count > count) else { return false }
                for offset in 0..<count where folded[offset] != words[start + offset] { return false }
            }
            return true
        }
    }

    /// A match: the phrase and its first and last tokens.
    private struct Hit {
        let phrase: Int
        let first: Int
        let last: Int
    }

    /// What a column's reading found: its tokens (as far as it was read), the matches, the best window's matches.
    private struct Scan {
        var tokens: [SearchTokenizer.Token] = []
        var hits: [Hit] = []
        var best = (distinct: 0, first: 0, last: 0)
        /// Whether the reading reached the column's end.
        var complete = true
    }

    /// How many phrases may match in the column.
    private func possible(in column: Int) -> Int {
        phrases.filter { $0.columns & (1 << column) != 0 }.count
    }

    private mutating func scan(_ text: String, column: Int, window: Int) -> Scan {
        var copy = text
        return copy.withUTF8 { bytes in scan(bytes, column: column, window: window) }
    }

    private mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>, column: Int, window: Int) -> Scan {
        var result = Scan()
        let columnBit = UInt8(1) << column
        let wanted = possible(in: column)
        let active = slots.indices.filter { slots[$0].columns & columnBit != 0 }
        var masks: [UInt64] = []
        var folded: [UInt8] = []
        result.tokens.reserveCapacity(min(bytes.count / 4, window == Int.max ? 64 : 4096))
        var position = 0
        var seen = [Int](repeating: -1, count: phrases.count)
        var count = 0
        var oldest = 0
        // Nothing can match: the first window is all that is shown.
        var readUntil = wanted == 0 && window != Int.max ? window + 1 : Int.max
        // The first (folded) bytes of the column's words: a token starting otherwise matches none of them, and most
        // tokens are passed over on that one byte. An empty word (a query word that folds to nothing) may match any.
        var starts = [Bool](repeating: false, count: 256)
        var anyStart = false
        for slot in active {
            if slots[slot].count == 0 { anyStart = true } else { starts[Int(slotBytes[slots[slot].start])] = true }
        }
        while result.tokens.count < readUntil,
            let token = tokenizer.nextCharacterByCharacter(bytes, at: &position, folded: &folded)
        {
            let index = result.tokens.count
            result.tokens.append(token)
            let first: UInt8? = token.isASCII ? bytes[token.start] | 0x20 : folded.first
            guard anyStart || first.map({ starts[Int($0)] }) == true else {
                masks.append(0)
                continue
            }
            var mask: UInt64 = 0
            folded.withUnsafeBufferPointer { folded in
                slotBytes.withUnsafeBufferPointer { words in
                    for slot in active where slots[slot].matches(token, of: bytes, folded: folded, words: words) {
                        mask |= 1 << slot
                    }
                }
            }
            masks.append(mask)
            guard mask != 0 else { continue }
            for (phrase, slotRange) in phraseSlots.enumerated() where mask & (1 << (slotRange.upperBound - 1)) != 0 {
                let first = index - (slotRange.count - 1)
                guard first >= 0,
                    slotRange.enumerated().allSatisfy({ masks[first + $0.offset] & (1 << $0.element) != 0 })
                else { continue }
                result.hits.append(Hit(phrase: phrase, first: first, last: index))
                guard result.best.distinct < wanted, window != Int.max else { continue }
                // The matches that fit in a window ending here; count their distinct phrases.
                let earliest = index - window + 1
                while oldest < result.hits.count, result.hits[oldest].first < earliest { oldest += 1 }
                var distinct = 0
                var start = index
                count += 1
                for hit in result.hits[oldest...] where hit.first >= earliest {
                    start = min(start, hit.first)
                    if seen[hit.phrase] != count {
                        seen[hit.phrase] = count
                        distinct += 1
                    }
                }
                if distinct > result.best.distinct {
                    result.best = (distinct, start, index)
                    if distinct == wanted { readUntil = self.start(of: result, total: nil) + window + 1 }
                }
            }
        }
        result.complete = result.tokens.count < readUntil
        return result
    }

    /// The first token of the window around the best matches (`total` tokens when known).
    private func start(of scan: Scan, total: Int?) -> Int {
        var start = 0
        if scan.best.distinct > 0, scan.best.last >= words {
            let span = scan.best.last - scan.best.first + 1
            start = max(0, scan.best.first - max(0, words - span) / 2)
        }
        if let total { start = min(start, max(0, total - words)) }
        return start
    }

    private func cut(_ text: String, _ scan: Scan) -> String {
        guard !scan.tokens.isEmpty else { return "" }
        let start = start(of: scan, total: scan.complete ? scan.tokens.count : nil)
        let end = min(start + words, scan.tokens.count)
        return marked(text, scan, from: start, to: end)
    }

    /// Tokens `from..<to` of the text with their matches marked, `…` where the text goes on; from the text's start
    /// when `from` is the first token, to its end when `to` is past the last.
    private func marked(_ text: String, _ scan: Scan, from: Int, to: Int) -> String {
        guard from < to else { return "" }
        let bytes = Array(text.utf8)
        let lower = from == 0 ? 0 : scan.tokens[from].start
        let upper = to == scan.tokens.count && scan.complete ? bytes.count : scan.tokens[to - 1].end
        var runs: [(Int, Int)] = []
        for hit in scan.hits.sorted(by: { $0.first < $1.first }) where hit.last >= from && hit.first < to {
            let run = (max(hit.first, from), min(hit.last, to - 1))
            if let last = runs.last, run.0 <= last.1 {
                runs[runs.count - 1].1 = max(last.1, run.1)
            } else {
                runs.append(run)
            }
        }
        let (open, close) = (Array(String(SearchMarkers.open).utf8), Array(String(SearchMarkers.close).utf8))
        var out: [UInt8] = from > 0 ? Array("…".utf8) : []
        out.reserveCapacity(upper - lower + runs.count * 6 + 6)
        var offset = lower
        for (first, last) in runs {
            let (start, end) = (scan.tokens[first].start, scan.tokens[last].end)
            out += bytes[offset..<start] + open + bytes[start..<end] + close
            offset = end
        }
        out += bytes[offset..<upper]
        if upper < bytes.count { out += Array("…".utf8) }
        return String(decoding: out, as: UTF8.self)
    }
}
