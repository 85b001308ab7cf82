/// Reads words of ASCII letters and digits (most words of a study) eight bytes at a time, for ``SearchTokenizer`` (and
/// counts them for ``SnippetBuilder``, in `ASCIIWords+Counting.swift`): a load of eight bytes and a few additions tell
/// which of them are letters or digits, so a word's start and end are found without a branch per byte. Anything not
/// plain ASCII is left to the tokenizer's general reading.
enum ASCIIWords {
    /// The next word from `position` if it is all ASCII and ends at an ASCII byte or the text's end; `position` moves
    /// past it. Nil at the text's end, or at a byte of 0x80 or more (the word that holds it, or the separators from
    /// it): `position` is then there, or at the start of the ASCII word the byte continues, for the general reading.
    @inline(__always)
    static func next(_ bytes: UnsafeBufferPointer<UInt8>, at position: inout Int) -> SearchTokenizer.Token? {
        guard let base = bytes.baseAddress else { return nil }
        let count = bytes.count
        var start = position
        // The first letter or digit, unless a byte of 0x80 or more comes first.
        while true {
            if start + 8 <= count {
                let chunk = load(base + start)
                let words = wordBytes(chunk)
                let high = chunk & highBits
                // Equal only when neither is there (both 64): eight separators, passed over.
                guard words.trailingZeroBitCount <= high.trailingZeroBitCount else {
                    position = start + high.trailingZeroBitCount >> 3
                    return nil
                }
                if words != 0 {
                    start += words.trailingZeroBitCount >> 3
                    break
                }
                start += 8
            } else {
                while start < count, bytes[start] < 0x80, !isWordByte(bytes[start]) { start += 1 }
                guard start < count, bytes[start] < 0x80 else {
                    position = start
                    return nil
                }
                break
            }
        }
        // The first byte after it that is not a letter or a digit (or the end).
        var end = start + 1
        while true {
            if end + 8 <= count {
                let others = ~wordBytes(load(base + end)) & highBits
                if others != 0 {
                    end += others.trailingZeroBitCount >> 3
                    break
                }
                end += 8
            } else {
                while end < count, isWordByte(bytes[end]) { end += 1 }
                break
            }
        }
        guard end == count || bytes[end] < 0x80 else {
            position = start
            return nil
        }
        position = end
        return SearchTokenizer.Token(start: start, end: end, isASCII: true)
    }

    /// Whether an ASCII byte is a letter or a digit (a byte of 0x80 or more is not).
    @inline(__always)
    static func isWordByte(_ byte: UInt8) -> Bool {
        byte &- 0x30 < 10 || (byte | 0x20) &- 0x61 < 26
    }

    /// The high bit of each of eight bytes.
    static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// Eight bytes, the first in the lowest bits.
    @inline(__always)
    static func load(_ pointer: UnsafePointer<UInt8>) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(pointer).loadUnaligned(as: UInt64.self))
    }

    /// The high bit of each byte of `chunk` that is an ASCII letter or digit. With the high bits cleared, adding
    /// `0x80 - low` to a byte sets its high bit exactly when it is at least `low`, and no byte carries into the next.
    @inline(__always)
    static func wordBytes(_ chunk: UInt64) -> UInt64 {
        let ascii = chunk & ~highBits
        let lowered = ascii | 0x2020_2020_2020_2020
        let digits = (ascii &+ 0x5050_5050_5050_5050) & ~(ascii &+ 0x4646_4646_4646_4646)  // 0x30...0x39
        let letters = (lowered &+ 0x1F1F_1F1F_1F1F_1F1F) & ~(lowered &+ 0x0505_0505_0505_0505)  // 0x61...0x7A
        return (digits | letters) & ~chunk & highBits
    }
}
