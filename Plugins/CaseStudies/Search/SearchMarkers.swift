import Foundation

/// The private-use characters ``SnippetBuilder`` puts around matched words in titles and snippets: they cannot come
/// from a study (import refuses them), so after escaping the text they are replaced safely by `<mark>` and `</mark>`.
enum SearchMarkers {
    static let open: Unicode.Scalar = "\u{E000}"
    static let close: Unicode.Scalar = "\u{E001}"

    /// Marked text as HTML: everything escaped, matches in `<mark>`. One pass over the UTF-8 bytes (two searches
    /// and replacements through Foundation for each title and snippet were a tenth of a search answered over HTTP),
    /// and every marker becomes a tag, even where a combining mark follows it. The same as escaping each scalar with
    /// ``HTMLText/append(_:to:)``. Text with nothing to escape and no match (most titles) is given back as it is.
    static func html(_ marked: String) -> String {
        var copy = marked
        return copy.withUTF8 { bytes in
            bytes.firstIndex(where: mayChange).map { html(bytes, from: $0) }
        } ?? marked
    }

    /// ``html(_:)`` of bytes the first of which to escape, or to read as a marker, is at `first`.
    private static func html(_ bytes: UnsafeBufferPointer<UInt8>, from first: Int) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 32)
        // Bytes that stay as they are (most of them) are copied a run at a time, from `copied` to the next that
        // does not.
        var copied = 0
        var index = first
        while index < bytes.count {
            let byte = bytes[index]
            guard mayChange(byte) else {
                index += 1
                continue
            }
            out += UnsafeBufferPointer(rebasing: bytes[copied..<index])
            switch byte {
            case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "'"): out.append(contentsOf: "&#39;".utf8)
            case 0: out += [0xEF, 0xBF, 0xBD]  // U+FFFD
            case 0xEE where index + 2 < bytes.count && bytes[index + 1] == 0x80 && bytes[index + 2] & 0xFE == 0x80:
                // U+E000 or U+E001, the markers.
                out.append(contentsOf: (bytes[index + 2] == 0x80 ? "<mark>" : "</mark>").utf8)
                index += 2
            default: out.append(byte)
            }
            index += 1
            copied = index
        }
        out += UnsafeBufferPointer(rebasing: bytes[copied..<bytes.count])
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether ``html(_:)`` may write a byte otherwise: one to escape, or the first of a marker's.
    @inline(__always)
    private static func mayChange(_ byte: UInt8) -> Bool {
        byte < 0x3F ? mayNeedEscaping(byte) : byte == 0xEE
    }

    /// Whether a byte below 0x3F is one ``html(_:)`` writes otherwise: `&`, `<`, `>`, `"`, `'` or NUL.
    @inline(__always)
    private static func mayNeedEscaping(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
            || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || byte == 0
    }

    /// Marked text for a terminal: matches in `[[…]]`.
    static func plain(_ marked: String) -> String {
        marked.replacingOccurrences(of: String(open), with: "[[").replacingOccurrences(of: String(close), with: "]]")
    }
}
