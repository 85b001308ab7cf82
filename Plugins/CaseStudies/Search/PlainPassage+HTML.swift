extension PlainPassage {
    /// ``SearchMarkers/html(_:)`` of ``text(of:)``, in one pass over the passage's bytes and one string, for a passage
    /// that ``text(of:)`` reads byte by byte and where no edge rule can apply (no `)`); `nil` for any other. Making the
    /// text, then its HTML, read each snippet four times and made two strings of it: half the Swift side of a search.
    static func html(of marked: String) -> String? {
        var copy = marked
        return copy.withUTF8 { bytes in
            // An entity is at most six bytes for one (`&quot;`), a tag seven for a marker's three.
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, bytes.count * 6)) { out in
                simpleHTML(of: bytes, into: out).map {
                    String(decoding: UnsafeBufferPointer(rebasing: out[..<$0]), as: UTF8.self)
                }
            }
        }
    }

    /// ``html(of:)``'s bytes, written into `out`; how many, or `nil` for a passage it does not take. The rules are
    /// ``text(of:)``'s, through the same ``role(of:)`` and ``standsAlone(_:at:length:)``: no syntax byte, no line
    /// starting with `-`, `+` or a digit, every other scalar one that stands alone; white space runs become one
    /// space, none at either end.
    private static func simpleHTML(of bytes: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>)
        -> Int?
    {
        var written = 0
        func write(_ text: StaticString) {
            for offset in 0..<text.utf8CodeUnitCount { out[written + offset] = text.utf8Start[offset] }
            written += text.utf8CodeUnitCount
        }
        var lineStart = true
        var pendingSpace = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let role = role(of: byte)
            if role == .syntax || byte == UInt8(ascii: ")") || (role == .listMarker && lineStart) { return nil }
            if role == .lineBreak {
                lineStart = true
            } else if role != .blank {
                lineStart = false
            }
            if isWhiteSpace(byte) {
                pendingSpace = true
                index += 1
                continue
            }
            if pendingSpace, written > 0 { write(" ") }
            pendingSpace = false
            if byte < 0x80 {
                switch byte {
                case UInt8(ascii: "&"): write("&amp;")
                case UInt8(ascii: "\""): write("&quot;")
                case UInt8(ascii: "'"): write("&#39;")
                default:
                    out[written] = byte
                    written += 1
                }
                index += 1
                continue
            }
            let length = byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
            guard index + length <= bytes.count, standsAlone(bytes, at: index, length: length) else { return nil }
            if length == 3, byte == 0xEE, bytes[index + 1] == 0x80, bytes[index + 2] & 0xFE == 0x80 {
                // U+E000 or U+E001, the markers, tested as ``SearchMarkers/html(_:)`` tests them.
                write(bytes[index + 2] == 0x80 ? "<mark>" : "</mark>")
            } else {
                for offset in index..<index + length {
                    out[written] = bytes[offset]
                    written += 1
                }
            }
            index += length
        }
        return written
    }
}
