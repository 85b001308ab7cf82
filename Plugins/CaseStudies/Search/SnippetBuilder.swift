/// Marks a search's matches in a title and cuts the snippet of a result, in Swift (FTS5's `snippet()` scored every
/// window over every match of every column and cost up to 45 ms a page on frequent or prefix words).
///
/// What matched, and where, is FTS5's own answer for the row (``MatchInstances``): each instance of a phrase, its
/// column and its first token. So only the phrases that matched are marked (not one under `NOT`, outside its column
/// filter or its `NEAR` group), and a study's text is not read to find them. The snippet is the window of `words`
/// words, in the summary or the body, holding the most distinct phrases, the earliest of equals (the summary first);
/// the window is centred on its matches, starts at the column's start when they fit there, and ends at the column's
/// end when it is near. It holds the column's Markdown as written (``SnippetText`` makes it text), `…` where it cuts,
/// matches between ``SearchMarkers`` (a phrase's words and overlapping matches as one run). Nothing matched outside
/// the title: the start of the summary (or of the body when there is no summary). A text is read only as far as the
/// window's end, to find its tokens' bytes (``SearchTokenizer``, which reads as FTS5 does).
struct SnippetBuilder {
    private let words: Int
    private var tokenizer = SearchTokenizer()
    /// The bytes of the tokens a snippet shows, kept from one snippet to the next.
    private var spans: [(start: Int, end: Int)] = []
    /// For each phrase, the last window (`round`) that counted it.
    private var seen: [Int] = []
    private var round = 0
    // Buffers kept from one result to the next, so that a result allocates little more than its two strings
    // (allocations were most of the Swift side of a search): the matches of each column, each phrase's first equal
    // (``MatchInstances/samePhrases(into:counting:)``), the matches inside a window, their runs, the marked bytes.
    private var titleHits: [Hit] = []
    private var summaryHits: [Hit] = []
    private var bodyHits: [Hit] = []
    private var same: [Int] = []
    private var found: [Int] = []
    private var inWindow: [Hit] = []
    private var runs: [(first: Int, last: Int)] = []
    private var out: [UInt8] = []

    init(words: Int) {
        self.words = max(1, words)
    }

    /// The title with every match marked.
    mutating func title(_ title: String, _ matches: MatchInstances) -> String {
        Self.collect(&titleHits, in: 0, of: matches, same: [])
        guard !titleHits.isEmpty else { return title }
        var title = title
        let hits = titleHits
        return title.withUTF8 {
            marked($0, hits: hits, tokens: matches.tokens.title, from: 0, to: matches.tokens.title)
        }
    }

    /// The best window of the summary or the body (its UTF-8 bytes as the database has them, not made a `String`),
    /// marked.
    mutating func snippet(summary: String, body: UnsafeBufferPointer<UInt8>, _ matches: MatchInstances) -> String {
        matches.samePhrases(into: &same, counting: &found)
        Self.collect(&summaryHits, in: 1, of: matches, same: same)
        Self.collect(&bodyHits, in: 2, of: matches, same: same)
        let (fromSummary, fromBody) = (summaryHits, bodyHits)
        let bestInSummary = best(fromSummary)
        let bestInBody = best(fromBody)
        if bestInBody.distinct > bestInSummary.distinct || matches.tokens.summary == 0 {
            return cut(body, hits: fromBody, best: bestInBody, tokens: matches.tokens.body)
        }
        var summary = summary
        return summary.withUTF8 { cut($0, hits: fromSummary, best: bestInSummary, tokens: matches.tokens.summary) }
    }

    /// A match: the phrase and its first and last tokens.
    private struct Hit {
        let phrase: Int
        let first: Int
        let last: Int
    }

    /// The matches of a column, in the order of their last tokens (the order a window ending at each is counted in),
    /// each phrase counted as the first found at the same places (`same`, when given), into `hits`.
    private static func collect(_ hits: inout [Hit], in column: Int, of matches: MatchInstances, same: [Int]) {
        hits.removeAll(keepingCapacity: true)
        var ordered = true
        for instance in matches.instances where instance.column == column {
            let phrase = same.isEmpty ? instance.phrase : same[instance.phrase]
            let hit = Hit(phrase: phrase, first: instance.first, last: instance.last)
            if let previous = hits.last, previous.last > hit.last { ordered = false }
            hits.append(hit)
        }
        if !ordered { hits.sort { $0.last < $1.last } }
    }

    /// The window of ``words`` tokens that holds the most distinct phrases, the earliest of equals: how many, its first
    /// match's first token and its last match's last token.
    private mutating func best(_ hits: [Hit]) -> (distinct: Int, first: Int, last: Int) {
        var best = (distinct: 0, first: 0, last: 0)
        var oldest = 0
        for (index, hit) in hits.enumerated() {
            // The matches that fit in a window ending here; count their distinct phrases.
            let earliest = hit.last - words + 1
            while oldest < index, hits[oldest].first < earliest { oldest += 1 }
            var distinct = 0
            var start = hit.last
            round += 1
            for earlier in hits[oldest...index] where earlier.first >= earliest {
                start = min(start, earlier.first)
                if earlier.phrase >= seen.count { seen += repeatElement(-1, count: earlier.phrase + 1 - seen.count) }
                if seen[earlier.phrase] != round {
                    seen[earlier.phrase] = round
                    distinct += 1
                }
            }
            if distinct > best.distinct { best = (distinct, start, hit.last) }
        }
        return best
    }

    /// Where the reading of a text's token `index` starts: its first byte, or a separator before it.
    private struct Place {
        let index: Int
        let start: Int
    }

    /// The place of a token at or a few before `index`, found by counting the text's tokens as ``SearchTokenizer``
    /// reads them: runs of plain ASCII words eight bytes at a time (``ASCIIWords``), the rest token by token.
    private mutating func place(before index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Place {
        // The eight-byte counting passes its limit by at most three words (eight bytes start at most four): counting
        // to three before `index` ends at or before it.
        let limit = index - 3
        var position = 0
        var count = 0
        // The high bit set when the byte before `position` is inside a word the eight-byte reading counted.
        var inWord: UInt64 = 0
        var folded: [UInt8] = []
        while count < limit {
            ASCIIWords.count(bytes, from: &position, words: &count, inWord: &inWord, until: limit)
            if count >= limit { break }
            if inWord != 0 {
                // The eight-byte reading stops inside a word it counted: it is read again whole, and counted then.
                position = ASCIIWords.wordStart(bytes, before: position)
                count -= 1
                inWord = 0
            }
            guard tokenizer.next(bytes, at: &position, folded: &folded) != nil else { break }
            count += 1
        }
        // Stopped inside a word (the last counted): its reading starts at its first byte.
        return inWord != 0
            ? Place(index: count - 1, start: ASCIIWords.wordStart(bytes, before: position))
            : Place(index: count, start: position)
    }

    /// The first token of the window around the best matches, in a text of `total` tokens.
    private func start(around best: (distinct: Int, first: Int, last: Int), total: Int) -> Int {
        var start = 0
        if best.distinct > 0, best.last >= words {
            let span = best.last - best.first + 1
            start = max(0, best.first - max(0, words - span) / 2)
        }
        return min(start, max(0, total - words))
    }

    private mutating func cut(
        _ bytes: UnsafeBufferPointer<UInt8>, hits: [Hit], best: (distinct: Int, first: Int, last: Int), tokens: Int
    ) -> String {
        guard tokens > 0 else { return "" }
        let start = start(around: best, total: tokens)
        return marked(bytes, hits: hits, tokens: tokens, from: start, to: min(start + words, tokens))
    }

    /// Tokens `from..<to` of the text with their matches marked, `…` where the text goes on; from the text's start
    /// when `from` is the first token, to its end when `to` is past the last (the text has `tokens`). Its tokens are
    /// read once, from a place at or a little before `from`.
    private mutating func marked(
        _ bytes: UnsafeBufferPointer<UInt8>, hits: [Hit], tokens: Int, from: Int, to: Int
    ) -> String {
        guard from < to else { return "" }
        let place = place(before: from, in: bytes)
        var (position, at) = (place.start, place.index)
        spans.removeAll(keepingCapacity: true)
        var folded: [UInt8] = []
        while at < to, let token = tokenizer.next(bytes, at: &position, folded: &folded) {
            if at >= from { spans.append((token.start, token.end)) }
            at += 1
        }
        // Always there: FTS5 counted the tokens, and the tokenizer reads as FTS5 does.
        assert(spans.count == to - from, "tokens \(from)..<\(to) of a text were not all found")
        guard let firstSpan = spans.first, let lastSpan = spans.last else { return "" }
        let lower = from == 0 ? 0 : firstSpan.start
        let upper = to == tokens ? bytes.count : lastSpan.end
        inWindow.removeAll(keepingCapacity: true)
        var ordered = true
        for hit in hits where hit.last >= from && hit.first < to {
            if let previous = inWindow.last, previous.first > hit.first { ordered = false }
            inWindow.append(hit)
        }
        if !ordered { inWindow.sort { $0.first < $1.first } }
        runs.removeAll(keepingCapacity: true)
        for hit in inWindow {
            let run = (first: max(hit.first, from), last: min(hit.last, from + spans.count - 1))
            if let last = runs.last, run.first <= last.last {
                runs[runs.count - 1].last = max(last.last, run.last)
            } else if run.first <= run.last {
                runs.append(run)
            }
        }
        let ellipsis = "…".utf8
        out.removeAll(keepingCapacity: true)
        out.reserveCapacity(upper - lower + runs.count * 6 + 6)
        if from > 0 { out += ellipsis }
        var offset = lower
        for run in runs {
            let (start, end) = (spans[run.first - from].start, spans[run.last - from].end)
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
