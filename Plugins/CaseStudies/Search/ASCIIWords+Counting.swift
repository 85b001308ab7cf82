/// Counting plain ASCII words eight bytes at a time without reading them one by one, for ``SnippetBuilder``: most
/// words of a study cannot match a query's words, and only their number matters (a snippet is measured in words).
extension ASCIIWords {
    /// How the words that may match start: a query word's first byte and, when it has one that is ASCII, its second
    /// (both folded), up to four such beginnings; with more, only the first bytes, up to four; with more, any word.
    struct Starts {
        /// Each beginning's first byte and second byte, repeated in eight bytes (zero when none: a byte compared is
        /// lowercased, so never zero), and the high bits of the bytes whose next byte is not compared: all of them for
        /// a beginning of one byte, else the last (its next byte is not in the chunk).
        private let firsts: (UInt64, UInt64, UInt64, UInt64)
        private let seconds: (UInt64, UInt64, UInt64, UInt64)
        private let anySecond: (UInt64, UInt64, UInt64, UInt64)
        private let any: Bool

        /// `beginnings`: each word's first byte and its second, folded. A word whose first byte is not ASCII is left
        /// out (only a word read one by one can match it); a second byte that is not ASCII is not compared. Built once
        /// per column of a search, without a temporary array or set: they were a seventh of parsing a short query.
        init(_ beginnings: [(first: UInt8, second: UInt8?)]) {
            // The distinct beginnings, each as its first byte and its second plus one (0: not compared), up to five
            // (a fifth means more than four); then, if there were more than four, the distinct first bytes alone.
            var kept = SIMD8<UInt16>()
            var count = 0
            func keep(_ pair: UInt16) {
                for slot in 0..<min(count, 5) where kept[slot] == pair { return }
                if count < 5 { kept[count] = pair }
                count += 1
            }
            for beginning in beginnings where beginning.first < 0x80 {
                let second = beginning.second.map { $0 < 0x80 ? UInt16($0) + 1 : 0 } ?? 0
                keep(UInt16(beginning.first) | second << 8)
            }
            if count > 4 {
                (kept, count) = (SIMD8(), 0)
                for beginning in beginnings where beginning.first < 0x80 { keep(UInt16(beginning.first)) }
            }
            func slot(_ index: Int) -> (first: UInt64, second: UInt64, anySecond: UInt64) {
                guard index < min(count, 4) else { return (0, 0, 0) }
                let second = UInt64(kept[index] >> 8)
                return (
                    UInt64(kept[index] & 0xFF) &* 0x0101_0101_0101_0101,
                    second == 0 ? 0 : (second - 1) &* 0x0101_0101_0101_0101, second == 0 ? highBits : 0x80 << 56
                )
            }
            let slots = (slot(0), slot(1), slot(2), slot(3))
            firsts = (slots.0.first, slots.1.first, slots.2.first, slots.3.first)
            seconds = (slots.0.second, slots.1.second, slots.2.second, slots.3.second)
            anySecond = (slots.0.anySecond, slots.1.anySecond, slots.2.anySecond, slots.3.anySecond)
            any = count > 4
        }

        /// The high bit of each byte of an ASCII `chunk` that, once lowercased, is a beginning's first byte followed
        /// by its second (or at the chunk's end). A word starting there may match; no other word of the chunk can.
        @inline(__always)
        func matches(_ chunk: UInt64) -> UInt64 {
            if any { return highBits }
            let lowered = chunk | 0x2020_2020_2020_2020
            return (equalBytes(lowered, firsts.0) & (equalBytes(lowered, seconds.0) >> 8 | anySecond.0))
                | (equalBytes(lowered, firsts.1) & (equalBytes(lowered, seconds.1) >> 8 | anySecond.1))
                | (equalBytes(lowered, firsts.2) & (equalBytes(lowered, seconds.2) >> 8 | anySecond.2))
                | (equalBytes(lowered, firsts.3) & (equalBytes(lowered, seconds.3) >> 8 | anySecond.3))
        }
    }

    /// Counts the words from `position` eight bytes at a time while they are plain ASCII, and stops: at a word that
    /// starts with one of `starts` (`position` is then at its first byte), at eight bytes holding a byte of 0x80 or
    /// more, where fewer than eight bytes are left, or once `count` reaches `limit` (at the end of eight bytes, perhaps
    /// inside a word). `inWord` has its high bit set when the byte before `position` is inside a word already counted;
    /// the caller reads such a word again whole when it goes on token by token.
    @inline(__always)
    static func count(
        _ bytes: UnsafeBufferPointer<UInt8>, from position: inout Int, words count: inout Int, inWord: inout UInt64,
        until limit: Int, skipping starts: Starts
    ) {
        guard let base = bytes.baseAddress else { return }
        let end = bytes.count - 8
        while position <= end {
            if count >= limit { return }
            let chunk = load(base + position)
            guard chunk & highBits == 0 else { return }
            let words = wordBytes(chunk)
            let wordStarts = words & ~(words << 8 | inWord)
            let candidates = starts.matches(chunk) & wordStarts
            if candidates != 0 {
                let first = candidates.trailingZeroBitCount
                count += countHighBits(wordStarts & ((1 << first) &- 1))
                position += first >> 3
                inWord = 0
                return
            }
            count += countHighBits(wordStarts)
            inWord = words >> 56
            position += 8
        }
    }

    /// Where the ASCII word that `position` is inside (or just after) starts: the caller of ``count(_:from:words:inWord:until:skipping:)``
    /// reads from there again when the counting stopped inside a word.
    static func wordStart(_ bytes: UnsafeBufferPointer<UInt8>, before position: Int) -> Int {
        var start = position
        while start > 0, isWordByte(bytes[start - 1]) { start -= 1 }
        return start
    }

    /// The high bit of each byte of an ASCII `chunk` (no byte of 0x80 or more) equal to the byte repeated in
    /// `pattern`. A byte of `chunk ^ pattern` is zero exactly when adding 0x7F leaves its high bit clear; no byte
    /// carries into the next.
    @inline(__always)
    private static func equalBytes(_ chunk: UInt64, _ pattern: UInt64) -> UInt64 {
        ~((chunk ^ pattern) &+ 0x7F7F_7F7F_7F7F_7F7F) & highBits
    }

    /// How many high bits of bytes are set in `mask` (no other bit may be): the bytes' ones summed into the top byte
    /// by one multiplication (the build's default processor has no population count instruction).
    @inline(__always)
    private static func countHighBits(_ mask: UInt64) -> Int {
        Int(((mask >> 7) &* 0x0101_0101_0101_0101) >> 56)
    }
}
