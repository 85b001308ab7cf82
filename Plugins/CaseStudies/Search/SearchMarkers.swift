import Foundation

/// The private-use characters ``SnippetBuilder`` puts around matched words in titles and snippets: they cannot come
/// from a study (import refuses them), so after escaping the text they are replaced safely by `<mark>` and `</mark>`.
enum SearchMarkers {
    static let open: Unicode.Scalar = "\u{E000}"
    static let close: Unicode.Scalar = "\u{E001}"

    /// Marked text as HTML: everything escaped, matches in `<mark>`. One pass over the UTF-8 bytes (two searches
    /// and replacements through Foundation for each title and snippet were a tenth of a search answered over HTTP),
    /// and every marker becomes a tag, even where a combining mark follows it. The same as escaping each scalar with
    /// ``HTMLText/append(_:to:)``.
    static func html(_ marked: String) -> String {
        var copy = marked
        return copy.withUTF8 { html($0) }
    }

    private static func html(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 32)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
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
                index += 3
                continue
            default: out.append(byte)
            }
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Marked text for a terminal: matches in `[[…]]`.
    static func plain(_ marked: String) -> String {
        marked.replacingOccurrences(of: String(open), with: "[[").replacingOccurrences(of: String(close), with: "]]")
    }
}
