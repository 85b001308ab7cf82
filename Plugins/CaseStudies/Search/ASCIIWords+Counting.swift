/// Counting plain ASCII words eight bytes at a time without reading them one by one, for ``SnippetBuilder``: FTS5 says
/// which tokens matched, and only the number of the words before a snippet's window matters.
extension ASCIIWords {
    /// Counts the words from `position` eight bytes at a time while they are plain ASCII, and stops: at eight bytes
    /// holding a byte of 0x80 or more, where fewer than eight bytes are left, or once `count` reaches `limit` (at the
    /// end of eight bytes, perhaps inside a word, and past `limit` by up to the four words eight bytes can start).
    /// `inWord` has its high bit set when the byte before `position` is inside a word already counted; the caller reads
    /// such a word again whole when it goes on token by token.
    @inline(__always)
    static func count(
        _ bytes: UnsafeBufferPointer<UInt8>, from position: inout Int, words count: inout Int, inWord: inout UInt64,
        until limit: Int
    ) {
        guard let base = bytes.baseAddress else { return }
        let end = bytes.count - 8
        while position <= end {
            if count >= limit { return }
            let chunk = load(base + position)
            guard chunk & highBits == 0 else { return }
            let words = wordBytes(chunk)
            let wordStarts = words & ~(words << 8 | inWord)
            count += countHighBits(wordStarts)
            inWord = words >> 56
            position += 8
        }
    }

    /// Where the ASCII word that `position` is inside (or just after) starts: the caller of
    /// ``count(_:from:words:inWord:until:)`` reads from there again when the counting stopped inside a word.
    static func wordStart(_ bytes: UnsafeBufferPointer<UInt8>, before position: Int) -> Int {
        var start = position
        while start > 0, isWordByte(bytes[start - 1]) { start -= 1 }
        return start
    }

    /// How many high bits of bytes are set in `mask` (no other bit may be): the bytes' ones summed into the top byte
    /// by one multiplication (the build's default processor has no population count instruction).
    @inline(__always)
    private static func countHighBits(_ mask: UInt64) -> Int {
        Int(((mask >> 7) &* 0x0101_0101_0101_0101) >> 56)
    }
}
