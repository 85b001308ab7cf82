/// A fragment of HTML that is safe to insert into a page: text interpolated into it is escaped.
///
/// Plugins build the markup they contribute to pages with string interpolation; every interpolated `String` (or
/// other value) is escaped, and only another `HTML` value is inserted as it is.
///
/// ```swift
/// let item: HTML = "<li><a href=\"\(url)\">\(title)</a></li>"   // url and title are escaped
/// let list: HTML = "<ul>\(items)</ul>"                            // items: [HTML], inserted as markup
/// ```
public struct HTML: Sendable, Equatable, CustomStringConvertible, ExpressibleByStringInterpolation {
    /// The markup.
    public let markup: String

    /// Wraps markup written by the program itself (never by a user): the caller vouches that it is well formed.
    public init(trusted markup: String) {
        self.markup = markup
    }

    /// Text, escaped.
    public init(escaping text: String) {
        markup = Self.escape(text)
    }

    /// An empty fragment.
    public static let empty = HTML(trusted: "")

    public init(stringLiteral value: String) {
        markup = value
    }

    public init(stringInterpolation: Interpolation) {
        markup = stringInterpolation.markup
    }

    public var description: String { markup }

    /// The two fragments one after the other.
    public static func + (lhs: HTML, rhs: HTML) -> HTML {
        HTML(trusted: lhs.markup + rhs.markup)
    }

    /// Whether the fragment has no markup at all.
    public var isEmpty: Bool { markup.isEmpty }

    /// Escapes text for an HTML element or a quoted attribute value.
    public static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// Builds markup from literal parts and escaped values.
    public struct Interpolation: StringInterpolationProtocol {
        var markup = ""

        public init(literalCapacity: Int, interpolationCount: Int) {
            markup.reserveCapacity(literalCapacity + interpolationCount * 16)
        }

        public mutating func appendLiteral(_ literal: String) {
            markup += literal
        }

        /// Inserts a fragment as markup.
        public mutating func appendInterpolation(_ fragment: HTML) {
            markup += fragment.markup
        }

        /// Inserts fragments one after the other.
        public mutating func appendInterpolation(_ fragments: [HTML]) {
            for fragment in fragments { markup += fragment.markup }
        }

        /// Inserts text, escaped.
        public mutating func appendInterpolation(_ value: some CustomStringConvertible) {
            markup += HTML.escape(value.description)
        }
    }
}
