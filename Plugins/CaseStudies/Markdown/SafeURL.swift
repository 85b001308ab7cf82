/// Decides whether a link destination may become an `href`: a whitelist, not a blacklist.
///
/// The destination is first decoded as Markdown reads it (character references such as `&#106;` or `&colon;`),
/// then refused if it holds any control character or white space (browsers drop tabs and new lines inside a scheme,
/// which is how `java\tscript:` sneaks past naive checks). What is left must be `http:`, `https:` or `mailto:`, or
/// have no scheme at all (a relative path or `#anchor`). Everything else (`javascript:`, `data:`, `vbscript:`,
/// `file:` …, in any case) is refused, and the link is shown as plain text.
enum SafeURL {
    static let schemes: Set<String> = ["http", "https", "mailto"]

    /// The URL to write (decoded, to be attribute-escaped by the caller), or `nil` when it is refused.
    static func check(_ destination: String) -> String? {
        let decoded = HTMLText.decodeReferences(destination)
        guard !decoded.isEmpty,
            !decoded.unicodeScalars.contains(where: {
                $0.value <= 0x20 || (0x7F...0x9F).contains($0.value) || $0.properties.isWhitespace
                    || $0.properties.generalCategory == .format
            })
        else { return nil }
        guard let colon = decoded.firstIndex(of: ":") else { return decoded }
        let beforeColon = decoded[..<colon]
        // A ':' after the first '/', '?' or '#' belongs to the path or query of a relative URL.
        if beforeColon.contains(where: { "/?#".contains($0) }) { return decoded }
        return schemes.contains(beforeColon.lowercased()) ? decoded : nil
    }
}
