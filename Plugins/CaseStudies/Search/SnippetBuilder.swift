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
struct SnippetBuilder {
    private let phrases: [SearchPhrases.Phrase]
    /// The phrases' words one after another (a slot each), folded: a token's mask has a bit for each slot it matches.
    private let slots: [Slot]
    /// The slots' words, one after another.
    private let slotBytes: [UInt8]
    /// For each phrase, its slots (consecutive).
    private let phraseSlots: [Range<Int>]
    private let words: Int
    private var tokenizer = SearchTokenizer()
    private var scratch = Scratch()

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
        self.scratch = Scratch(phrases: kept.count)
        self.plans = (0..<3).map { plan(for: $0) }
    }

    /// The title with every match marked.
    mutating func title(_ title: String) -> String {
        let scan = self.scan(title, column: 0, window: Int.max)
        return scan.hits.isEmpty ? title : marked(title, scan, from: 0, to: scan.count)
    }

    /// The best window of the summary or the body, marked.
    mutating func snippet(summary: String, body: String) -> String {
        let fromSummary = scan(summary, column: 1, window: words)
        if fromSummary.best.distinct == plans[1].wanted, fromSummary.best.distinct > 0 {
            return cut(summary, fromSummary)
        }
        let fromBody = scan(body, column: 2, window: words)
        if fromBody.best.distinct > fromSummary.best.distinct || fromSummary.count == 0 {
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

    /// What every scan works with, kept from one scan to the next (a search scans three columns of each result).
    private struct Scratch {
        /// The masks of the last tokens that matched (a phrase has at most 64 words), by token index modulo 64, and
        /// the stamp of the token each is for: its index plus its scan's `stampBase`, which grows past every stamp of
        /// the scans before. A token whose stamp is not there matched nothing.
        var recentMasks: [UInt64] = []
        var recentStamps: [Int] = []
        var stampBase = 0
        /// For each phrase, the last window (`round`) that counted it.
        var seen: [Int] = []
        var round = 0

        /// Without buffers: what a scan leaves in the builder while it works with the real one.
        init() {}

        init(phrases: Int) {
            recentMasks = [UInt64](repeating: 0, count: 64)
            recentStamps = [Int](repeating: -1, count: 64)
            seen = [Int](repeating: -1, count: phrases)
        }
    }

    /// A token whose place is kept: its index among the column's tokens, the byte its reading starts from (its first
    /// byte, or a separator before it), and the byte after it (-1 when not kept).
    private struct Located {
        let index: Int
        let start: Int
        let end: Int
    }

    /// What a column's reading found: how many tokens it read, the matches, the best window's matches. Tokens are not
    /// kept one by one: the words that matched are, and the start of about one token in eight (at least eight apart),
    /// from which the reading of any other token starts again when a window's edge is cut (``range(of:in:_:)``).
    private struct Scan {
        var count = 0
        /// The tokens that matched a word and the tokens read again from, in the order of their indices.
        var known: [Located] = []
        var hits: [Hit] = []
        var best = (distinct: 0, first: 0, last: 0)
        /// Whether the reading reached the column's end.
        var complete = true
    }

    /// What a column's reading needs of the query, worked out once per column (not once per study).
    private struct ColumnPlan {
        /// How many phrases may match in the column.
        var wanted = 0
        /// The slots that may match in the column.
        var active: [Int] = []
        /// The first (folded) bytes of the column's words, a bit each: a token read one by one that starts otherwise
        /// matches none of them, and is passed over on that one byte.
        var starts = SIMD4<UInt64>()
        /// How those words start, in ASCII: the plain ASCII words that start otherwise are counted eight bytes at a
        /// time, without being read one by one.
        var beginnings = ASCIIWords.Starts([])

        func starts(with byte: UInt8) -> Bool {
            starts[Int(byte >> 6)] & 1 << (byte & 63) != 0
        }
    }

    /// The plans of the title, the summary and the body.
    private var plans: [ColumnPlan] = []

    private func plan(for column: Int) -> ColumnPlan {
        var plan = ColumnPlan()
        let columnBit = UInt8(1) << column
        plan.wanted = phrases.filter { $0.columns & columnBit != 0 }.count
        plan.active = slots.indices.filter { slots[$0].columns & columnBit != 0 }
        // The tokenizer makes no empty word; were there one, it would have no first byte to look for.
        for slot in plan.active where slots[slot].count > 0 {
            let byte = slotBytes[slots[slot].start]
            plan.starts[Int(byte >> 6)] |= 1 << (byte & 63)
        }
        plan.beginnings = ASCIIWords.Starts(
            plan.active.compactMap { slot in
                let word = slotBytes[slots[slot].start..<slots[slot].start + slots[slot].count]
                return word.first.map { ($0, word.dropFirst().first) }
            })
        return plan
    }

    private mutating func scan(_ text: String, column: Int, window: Int) -> Scan {
        var copy = text
        return copy.withUTF8 { bytes in scan(bytes, column: column, window: window) }
    }

    /// Reads the column's tokens as ``SearchTokenizer`` does, until a window holds every phrase and is complete. Runs
    /// of plain ASCII words are read eight bytes at a time (``ASCIIWords``): their words are counted, and only a word
    /// that may begin as a query's word does (``ASCIIWords/Starts``) is read as a token. Anything else (a byte of 0x80
    /// or more, the last seven bytes) is read token by token; a word the eight-byte reading was inside is read again
    /// whole.
    private mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>, column: Int, window: Int) -> Scan {
        let plan = plans[column]
        var result = Scan()
        let wanted = plan.wanted
        var folded: [UInt8] = []
        var position = 0
        var oldest = 0
        // Nothing can match: the first window is all that is shown.
        var readUntil = wanted == 0 && window != Int.max ? window + 1 : Int.max
        // Locals, not properties, in the loop that runs for every word of a study. The tokenizer and the scratch
        // buffers are moved out and back, not copied, so that writing to them copies nothing.
        var tokenizer = SearchTokenizer()
        swap(&tokenizer, &self.tokenizer)
        var scratch = Scratch()
        swap(&scratch, &self.scratch)
        defer {
            scratch.stampBase += result.count
            swap(&tokenizer, &self.tokenizer)
            swap(&scratch, &self.scratch)
        }
        let stampBase = scratch.stampBase
        // The next token index from which a token's start is kept (the first token is read from the text's start).
        var nextKept = Self.keptEvery
        // The high bit set when the byte before `position` is inside a word the eight-byte reading counted.
        var inWord: UInt64 = 0
        while true {
            guard result.count < readUntil else {
                result.complete = false
                break
            }
            ASCIIWords.count(
                bytes, from: &position, words: &result.count, inWord: &inWord, until: min(nextKept, readUntil),
                skipping: plan.beginnings)
            if result.count >= nextKept {
                // A token's reading may start again where the counting stopped, or at the start of the word it
                // stopped in (the last it counted).
                let start = inWord != 0 ? ASCIIWords.wordStart(bytes, before: position) : position
                result.known.append(Located(index: result.count - (inWord != 0 ? 1 : 0), start: start, end: -1))
                nextKept = result.count + Self.keptEvery
                continue
            }
            // The loop's guard ends the reading.
            if result.count >= readUntil { continue }
            if inWord != 0 {
                // The eight-byte reading stops inside a word it counted: it is read again whole, and counted then.
                position = ASCIIWords.wordStart(bytes, before: position)
                result.count -= 1
                inWord = 0
            }
            guard let token = tokenizer.next(bytes, at: &position, folded: &folded) else { break }
            let index = result.count
            result.count += 1
            if index >= nextKept {
                result.known.append(Located(index: index, start: token.start, end: -1))
                nextKept = index + Self.keptEvery
            }
            let first: UInt8? = token.isASCII ? bytes[token.start] | 0x20 : folded.first
            guard let first, plan.starts(with: first) else { continue }
            var mask: UInt64 = 0
            folded.withUnsafeBufferPointer { folded in
                slotBytes.withUnsafeBufferPointer { words in
                    for slot in plan.active where slots[slot].matches(token, of: bytes, folded: folded, words: words) {
                        mask |= 1 << slot
                    }
                }
            }
            guard mask != 0 else { continue }
            scratch.recentMasks[index & 63] = mask
            scratch.recentStamps[index & 63] = stampBase + index
            result.known.append(Located(index: index, start: token.start, end: token.end))
            for (phrase, slotRange) in phraseSlots.enumerated() where mask & (1 << (slotRange.upperBound - 1)) != 0 {
                let first = index - (slotRange.count - 1)
                guard first >= 0,
                    slotRange.enumerated().allSatisfy({
                        let earlier = (first + $0.offset) & 63
                        return scratch.recentStamps[earlier] == stampBase + first + $0.offset
                            && scratch.recentMasks[earlier] & (1 << $0.element) != 0
                    })
                else { continue }
                result.hits.append(Hit(phrase: phrase, first: first, last: index))
                guard result.best.distinct < wanted, window != Int.max else { continue }
                // The matches that fit in a window ending here; count their distinct phrases.
                let earliest = index - window + 1
                while oldest < result.hits.count, result.hits[oldest].first < earliest { oldest += 1 }
                var distinct = 0
                var start = index
                scratch.round += 1
                for hit in result.hits[oldest...] where hit.first >= earliest {
                    start = min(start, hit.first)
                    if scratch.seen[hit.phrase] != scratch.round {
                        scratch.seen[hit.phrase] = scratch.round
                        distinct += 1
                    }
                }
                if distinct > result.best.distinct {
                    result.best = (distinct, start, index)
                    if distinct == wanted { readUntil = self.start(of: result, total: nil) + window + 1 }
                }
            }
        }
        return result
    }

    /// How many tokens apart the scan keeps a token's start at most, where the reading of a window's edge starts
    /// again.
    private static let keptEvery = 8

    /// The bytes of token `index` of a scanned text: kept when it matched, or read again from the last token kept
    /// before it.
    private mutating func range(
        of index: Int, in bytes: UnsafeBufferPointer<UInt8>, _ scan: Scan
    ) -> (start: Int, end: Int) {
        var low = 0
        var high = scan.known.count
        while low < high {
            let middle = (low + high) / 2
            if scan.known[middle].index <= index { low = middle + 1 } else { high = middle }
        }
        var position = 0
        var at = 0
        if low > 0 {
            let kept = scan.known[low - 1]
            if kept.index == index, kept.end >= 0 { return (kept.start, kept.end) }
            (position, at) = (kept.start, kept.index)
        }
        var folded: [UInt8] = []
        while let token = tokenizer.next(bytes, at: &position, folded: &folded) {
            if at == index { return (token.start, token.end) }
            at += 1
        }
        // Not reached: the scan counted the token, and counts as the tokenizer reads.
        assertionFailure("token \(index) of a scanned text was not found again")
        return (bytes.count, bytes.count)
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

    private mutating func cut(_ text: String, _ scan: Scan) -> String {
        guard scan.count > 0 else { return "" }
        let start = start(of: scan, total: scan.complete ? scan.count : nil)
        let end = min(start + words, scan.count)
        return marked(text, scan, from: start, to: end)
    }

    /// Tokens `from..<to` of the text with their matches marked, `…` where the text goes on; from the text's start
    /// when `from` is the first token, to its end when `to` is past the last.
    private mutating func marked(_ text: String, _ scan: Scan, from: Int, to: Int) -> String {
        guard from < to else { return "" }
        var copy = text
        return copy.withUTF8 { marked($0, scan, from: from, to: to) }
    }

    private mutating func marked(_ bytes: UnsafeBufferPointer<UInt8>, _ scan: Scan, from: Int, to: Int) -> String {
        let first = from == 0 ? (start: 0, end: 0) : range(of: from, in: bytes, scan)
        let last =
            to == scan.count && scan.complete
            ? (start: bytes.count, end: bytes.count) : range(of: to - 1, in: bytes, scan)
        let (lower, upper) = (first.start, last.end)
        var runs: [(Int, Int)] = []
        for hit in scan.hits.sorted(by: { $0.first < $1.first }) where hit.last >= from && hit.first < to {
            let run = (max(hit.first, from), min(hit.last, to - 1))
            if let last = runs.last, run.0 <= last.1 {
                runs[runs.count - 1].1 = max(last.1, run.1)
            } else {
                runs.append(run)
            }
        }
        let ellipsis = "…".utf8
        var out: [UInt8] = []
        out.reserveCapacity(upper - lower + runs.count * 6 + 6)
        if from > 0 { out += ellipsis }
        var offset = lower
        for (first, last) in runs {
            let (start, end) = (range(of: first, in: bytes, scan).start, range(of: last, in: bytes, scan).end)
            out += UnsafeBufferPointer(rebasing: bytes[offset..<start])
            out += String(SearchMarkers.open).utf8
            out += UnsafeBufferPointer(rebasing: bytes[start..<end])
            out += String(SearchMarkers.close).utf8
            offset = end
        }
        out += UnsafeBufferPointer(rebasing: bytes[offset..<upper])
        if upper < bytes.count { out += ellipsis }
        return String(decoding: out, as: UTF8.self)
    }
}
