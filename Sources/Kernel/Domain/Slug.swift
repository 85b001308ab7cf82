/// Rules for the short, URL-safe names that identify an entity within its parent.
public enum Slug {
    /// The longest slug accepted.
    public static let maximumLength = 63

    /// Tells whether `text` is a valid slug: lowercase ASCII letters and digits, separated by single hyphens.
    public static func isValid(_ text: String) -> Bool {
        guard (1...maximumLength).contains(text.count), !text.hasPrefix("-"), !text.hasSuffix("-"),
            !text.contains("--")
        else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// ``FieldProblem/invalidSlug`` when `text` is not a valid slug, else `nil`.
    public static func problem(_ text: String) -> FieldProblem? {
        isValid(text) ? nil : .invalidSlug
    }

    /// The sentence shown when a slug is refused.
    public static let rule = "use 1-63 lowercase letters, digits and single hyphens, such as inclusive-spaces"
}
