/// What is wrong with one field's value, as the kernel's checks (``FieldRules``, ``Slug``,
/// ``Session/descriptionProblem(_:)``, ``ReportSettings/methodologyProblem(_:)``) find it.
///
/// Its ``description`` is the English fragment that follows the field's name (`title must not be empty`), as the
/// command line and the importer show it; ``sentence(subject:_:)`` and ``detail(_:)`` word it in a reader's language,
/// so that no surface has to take the English apart to translate it.
public enum FieldProblem: Sendable, Equatable, CustomStringConvertible {
    /// Nothing but blank space.
    case empty
    /// More than `limit` characters.
    case tooLong(limit: Int)
    /// A control character: in a name any (a new line, an escape); in a text one other than a new line or a tab.
    case controlCharacter(in: Text)
    /// A bidirectional embedding, override or isolate (U+202A–U+202E, U+2066–U+2069).
    case bidiOverride(in: Text)
    /// An invisible or control character in an e-mail address.
    case invisibleCharacter
    /// Not shaped like an e-mail address.
    case invalidEmail
    /// Not a slug (``Slug/rule``).
    case invalidSlug
    /// Not an IANA time zone name; the value as given.
    case unknownTimeZone(String)
    /// Not an ISO 3166-1 alpha-2 country code; the value as given.
    case unknownCountry(String)
    /// Not an absolute `http` or `https` URL; the value as given.
    case notAWebURL(String)

    /// The kind of text a character problem was found in, which says what to type again.
    public enum Text: Sendable, Equatable {
        /// A name, on one line.
        case name
        /// A longer text (a description, a methodology) that may hold new lines and tabs.
        case text
    }

    /// The English fragment after the field's name: "must not be empty".
    public var description: String {
        switch self {
        case .empty: "must not be empty"
        case let .tooLong(limit): "is longer than \(limit) characters; shorten it"
        case .controlCharacter(in: .name):
            "contains a control character (such as a new line or an escape); type the name again"
        case .controlCharacter(in: .text):
            "contains a control character other than a new line or a tab; type the text again"
        case .bidiOverride(in: .name):
            "contains a bidirectional override (U+202A–U+202E, U+2066–U+2069); type the name again"
        case .bidiOverride(in: .text):
            "contains a bidirectional override (U+202A–U+202E, U+2066–U+2069); type the text again"
        case .invisibleCharacter: "contains an invisible or control character; type the address again by hand"
        case .invalidEmail: "is not a valid e-mail address; write it as name@example.org"
        case .invalidSlug: "is not a valid slug; \(Slug.rule)"
        case let .unknownTimeZone(name):
            "'\(name)' is not an IANA time zone; use a name such as Africa/Harare or Africa/Lagos"
        case let .unknownCountry(code):
            "'\(code)' is not an ISO 3166-1 alpha-2 country code; use two capital letters such as ZW, NG or KE"
        case let .notAWebURL(text): "'\(text)' is not an absolute http(s) URL; write it as https://example.org/path"
        }
    }
}
