import Foundation

/// The private-use characters ``SnippetBuilder`` puts around matched words in titles and snippets: they cannot come
/// from a study (import refuses them), so after escaping the text they are replaced safely by `<mark>` and `</mark>`.
enum SearchMarkers {
    static let open: Unicode.Scalar = "\u{E000}"
    static let close: Unicode.Scalar = "\u{E001}"

    /// Marked text as HTML: everything escaped, matches in `<mark>`.
    static func html(_ marked: String) -> String {
        HTMLText.escape(marked).replacingOccurrences(of: String(open), with: "<mark>")
            .replacingOccurrences(of: String(close), with: "</mark>")
    }

    /// Marked text for a terminal: matches in `[[…]]`.
    static func plain(_ marked: String) -> String {
        marked.replacingOccurrences(of: String(open), with: "[[").replacingOccurrences(of: String(close), with: "]]")
    }
}
