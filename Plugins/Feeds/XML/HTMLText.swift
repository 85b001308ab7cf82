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
        // The runs between them are copied whole, and text with none of them is given back as it is.
        let escaped: UInt64 =
            1 << 0x26 | 1 << 0x3C | 1 << 0x3E | (quotes ? 1 << 0x22 | 1 << 0x27 : 0)
            | (lineBreaks ? 1 << 0x0A | 1 << 0x0D : 0)
        var text = text
        return text.withUTF8 { utf8 in
            var result: [UInt8] = []
            var runStart = 0
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte < 64, escaped & (1 << byte) != 0 else { continue }
                if result.isEmpty { result.reserveCapacity(utf8.count + utf8.count / 8) }
                result.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                runStart = index + 1
                // CR LF is one line break, like a lone CR or LF.
                if byte == UInt8(ascii: "\n"), index > 0, utf8[index - 1] == UInt8(ascii: "\r") { continue }
                reference(for: byte).withUTF8Buffer { result.append(contentsOf: $0) }
            }
            guard runStart > 0 else { return nil }
            result.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
            return String(decoding: result, as: UTF8.self)
        } ?? text
    }

    private static func reference(for byte: UInt8) -> StaticString {
        switch byte {
        case UInt8(ascii: "&"): "&amp;"
        case UInt8(ascii: "<"): "&lt;"
        case UInt8(ascii: ">"): "&gt;"
        case UInt8(ascii: "\""): "&quot;"
        case UInt8(ascii: "'"): "&#39;"
        default: "<br>"
        }
    }
}
