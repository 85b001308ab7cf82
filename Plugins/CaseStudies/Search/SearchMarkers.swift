import Foundation

/// The private-use characters ``SnippetBuilder`` puts around matched words in titles and snippets: they cannot come
/// from a study (import refuses them), so after escaping the text they are replaced safely by `<mark>` and `</mark>`.
enum SearchMarkers {
    static let open: Unicode.Scalar = "\u{E000}"
    static let close: Unicode.Scalar = "\u{E001}"

    /// Marked text as HTML: everything escaped, matches in `<mark>`. One pass over the characters (two searches
    /// and replacements through Foundation for each title and snippet were a tenth of a search answered over HTTP),
    /// and every marker becomes a tag, even where a combining mark follows it.
    static func html(_ marked: String) -> String {
        var out = ""
        out.reserveCapacity(marked.utf8.count + 32)
        for scalar in marked.unicodeScalars {
            switch scalar {
            case open: out += "<mark>"
            case close: out += "</mark>"
            default: HTMLText.append(scalar, to: &out)
            }
        }
        return out
    }

    /// Marked text for a terminal: matches in `[[…]]`.
    static func plain(_ marked: String) -> String {
        marked.replacingOccurrences(of: String(open), with: "[[").replacingOccurrences(of: String(close), with: "]]")
    }
}
