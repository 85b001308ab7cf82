/// The permanent identity of a plugin, such as `case-studies`. Never renamed once released.
///
/// Every other name of a plugin derives from it: its CLI group, its route prefix, its table prefix
/// (lowerCamel id and `_`: `caseStudies_`) and its migration ids (`case-studies/0001-create-study`).
public struct PluginID: Hashable, Comparable, Sendable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let rawValue: String

    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    public init(stringLiteral value: String) {
        self.init(value)
    }

    /// The name its translation catalogues go by in ``Translations`` (`Plugins/retention`).
    public var catalogueModule: String { "Plugins/\(rawValue)" }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Whether the id is kebab-case ASCII starting with a letter, as every id must be.
    public var isWellFormed: Bool {
        guard let first = rawValue.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return Slug.isValid(rawValue)
    }

    /// The prefix of every table, index and trigger the plugin owns: the id in lowerCamel case, then `_`.
    public var tablePrefix: String {
        let words = rawValue.split(separator: "-")
        let head = words.first.map(String.init) ?? ""
        return head + words.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined() + "_"
    }
}
