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
    /// For each phrase, the last window (`round`) that counted it.
    private var seen: [Int] = []
    private var round = 0

    init(words: Int) {
        self.words = max(1, words)
    }

    /// The title with every match marked.
    mutating func title(_ title: String, _ matches: MatchInstances) -> String {
        let hits = Self.hits(in: 0, of: matches, same: [])
        guard !hits.isEmpty else { return title }
        var title = title
        return title.withUTF8 { bytes in
            let tokens = matches.tokens.title
            return marked(
                bytes, located(bytes, hits: hits, tokens: tokens, from: 0, until: tokens), from: 0, to: tokens)
        }
    }

    /// The best window of the summary or the body, marked.
    mutating func snippet(summary: String, body: String, _ matches: MatchInstances) -> String {
        var body = body
        return body.withUTF8 { snippet(summary: summary, body: $0, matches) }
    }

    /// ``snippet(summary:body:_:)`` with the body's UTF-8 bytes as the database has them (not made a `String`).
    mutating func snippet(summary: String, body: UnsafeBufferPointer<UInt8>, _ matches: MatchInstances) -> String {
        let same = matches.samePhrases()
        let fromSummary = Self.hits(in: 1, of: matches, same: same)
        let fromBody = Self.hits(in: 2, of: matches, same: same)
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
    /// each phrase counted as the first found at the same places (`same`, when given).
    private static func hits(in column: Int, of matches: MatchInstances, same: [Int]) -> [Hit] {
        var hits: [Hit] = []
        var ordered = true
        for instance in matches.instances where instance.column == column {
            let phrase = same.isEmpty ? instance.phrase : same[instance.phrase]
            let hit = Hit(phrase: phrase, first: instance.first, last: instance.last)
            if let previous = hits.last, previous.last > hit.last { ordered = false }
            hits.append(hit)
        }
        if !ordered { hits.sort { $0.last < $1.last } }
        return hits
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

    /// A token whose place is kept: its index among the column's tokens and the byte its reading starts from (its
    /// first byte, or a separator before it).
    private struct Located {
        let index: Int
        let start: Int
    }

    /// A column read as far as a snippet needs: how many tokens it has (FTS5's count), its matches, and the start of
    /// about one token in eight (at least eight apart) of those read, from which the reading of any of them starts
    /// again (``range(of:in:_:)``).
    private struct Scan {
        var count = 0
        var known: [Located] = []
        var hits: [Hit] = []
    }

    /// Counts the text's tokens as ``SearchTokenizer`` reads them, up to `until`, keeping where about one in eight
    /// starts from a little before `from` (the first token a snippet shows). Runs of plain ASCII words are counted eight
    /// bytes at a time (``ASCIIWords``), the rest read token by token.
    private mutating func located(
        _ bytes: UnsafeBufferPointer<UInt8>, hits: [Hit], tokens: Int, from: Int, until: Int
    ) -> Scan {
        var scan = Scan(count: tokens, known: [], hits: hits)
        do {
            var tokenizer = SearchTokenizer()
            swap(&tokenizer, &self.tokenizer)
            defer { swap(&tokenizer, &self.tokenizer) }
            var folded: [UInt8] = []
            var position = 0
            var count = 0
            // The eight-byte counting may pass its limit by the words of its last eight bytes (four at most): the first
            // place kept is early enough to be at or before `from`.
            var nextKept = max(Self.keptEvery, from - Self.keptEvery)
            // The high bit set when the byte before `position` is inside a word the eight-byte reading counted.
            var inWord: UInt64 = 0
            while count < until {
                ASCIIWords.count(
                    bytes, from: &position, words: &count, inWord: &inWord, until: min(nextKept, until))
                if count >= nextKept {
                    // A token's reading may start again where the counting stopped, or at the start of the word it
                    // stopped in (the last it counted).
                    let start = inWord != 0 ? ASCIIWords.wordStart(bytes, before: position) : position
                    scan.known.append(Located(index: count - (inWord != 0 ? 1 : 0), start: start))
                    nextKept = count + Self.keptEvery
                    continue
                }
                if count >= until { break }
                if inWord != 0 {
                    // The eight-byte reading stops inside a word it counted: it is read again whole, and counted then.
                    position = ASCIIWords.wordStart(bytes, before: position)
                    count -= 1
                    inWord = 0
                }
                guard let token = tokenizer.next(bytes, at: &position, folded: &folded) else { break }
                if count >= nextKept {
                    scan.known.append(Located(index: count, start: token.start))
                    nextKept = count + Self.keptEvery
                }
                count += 1
            }
        }
        return scan
    }

    /// How many tokens apart a text's reading keeps a token's start at most, where the reading of a window's edge or a
    /// match starts again.
    private static let keptEvery = 8

    /// The bytes of token `index` of a text: read again from the last token kept before it.
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
            (position, at) = (scan.known[low - 1].start, scan.known[low - 1].index)
        }
        var folded: [UInt8] = []
        while let token = tokenizer.next(bytes, at: &position, folded: &folded) {
            if at == index { return (token.start, token.end) }
            at += 1
        }
        // Not reached: FTS5 counted the token, and the tokenizer reads as FTS5 does.
        assertionFailure("token \(index) of a text was not found")
        return (bytes.count, bytes.count)
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
        let end = min(start + words, tokens)
        return marked(bytes, located(bytes, hits: hits, tokens: tokens, from: start, until: end), from: start, to: end)
    }

    /// Tokens `from..<to` of the text with their matches marked, `…` where the text goes on; from the text's start
    /// when `from` is the first token, to its end when `to` is past the last.
    private mutating func marked(_ bytes: UnsafeBufferPointer<UInt8>, _ scan: Scan, from: Int, to: Int) -> String {
        guard from < to else { return "" }
        let first = from == 0 ? (start: 0, end: 0) : range(of: from, in: bytes, scan)
        let last =
            to == scan.count ? (start: bytes.count, end: bytes.count) : range(of: to - 1, in: bytes, scan)
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
