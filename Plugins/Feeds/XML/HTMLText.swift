/// Plain text made into HTML that shows exactly that text.
///
/// Feed readers read an RSS item's `<description>` as HTML (the RSS Best Practices Profile says so) and most read
/// a title that looks like HTML as HTML too. So RSS carries text escaped for HTML, and the XML writer escapes it once
/// more: a title typed as `<b>x</b>` shows as typed, never bold, and a `<script>` in it is never run.
enum HTMLText {
    /// `&`, `<`, `>`, `"` and `'` as character references; line breaks as `<br>` when `lineBreaks` (descriptions,
    /// always read as HTML).
    static func escape(_ text: String, lineBreaks: Bool = true) -> String {
        escape(text, lineBreaks: lineBreaks, quotes: true)
    }

    /// A title: only `&`, `<` and `>` escaped, line breaks kept as they are. Readers differ on whether a title is
    /// HTML or plain text; these three keep markup from ever being read as markup, and nothing else is escaped, so
    /// a reader that takes the title for plain text still shows `participants' data`, not `participants&#39; data`
    /// (nor a `<br>` for a line break).
    static func title(_ text: String) -> String {
        escape(text, lineBreaks: false, quotes: false)
    }

    private static func escape(_ text: String, lineBreaks: Bool, quotes: Bool) -> String {
        // Byte by byte: every character escaped here is ASCII, and a UTF-8 continuation byte is never one of them.
        // (Characters, compared one by one, cost a quarter of an RSS render.)
        let utf8 = text.utf8
        guard utf8.contains(where: { needsEscaping($0, quotes: quotes) }) else { return text }
        var result: [UInt8] = []
        result.reserveCapacity(utf8.count + utf8.count / 8)
        var previous: UInt8 = 0
        for byte in utf8 {
            defer { previous = byte }
            switch byte {
            case UInt8(ascii: "&"): result.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): result.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): result.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\"") where quotes: result.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "'") where quotes: result.append(contentsOf: "&#39;".utf8)
            // CR LF is one line break, like a lone CR or LF.
            case UInt8(ascii: "\n") where lineBreaks && previous == UInt8(ascii: "\r"): break
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                if lineBreaks { result.append(contentsOf: "<br>".utf8) } else { result.append(byte) }
            default: result.append(byte)
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    private static func needsEscaping(_ byte: UInt8, quotes: Bool) -> Bool {
        switch byte {
        case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): true
        case UInt8(ascii: "\""), UInt8(ascii: "'"): quotes
        default: false
        }
    }
}
