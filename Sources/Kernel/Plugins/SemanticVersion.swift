/// A `major.minor.patch` version of a plugin.
public struct SemanticVersion: Comparable, Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let major: Int
    public let minor: Int
    public let patch: Int

    public init(_ major: Int, _ minor: Int, _ patch: Int) {
        self.major = major
        self.minor = minor
        self.patch = patch
    }

    /// Parses `"1.2.3"`; returns `nil` for anything else.
    public init?(parsing text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map { Int($0) }
        guard parts.count == 3, let major = parts[0], let minor = parts[1], let patch = parts[2],
            major >= 0, minor >= 0, patch >= 0
        else { return nil }
        self.init(major, minor, patch)
    }

    /// Parses a literal such as `"1.2.0"`; a malformed literal is a programmer error.
    public init(stringLiteral value: String) {
        guard let version = SemanticVersion(parsing: value) else {
            preconditionFailure("'\(value)' is not a major.minor.patch version")
        }
        self = version
    }

    public var description: String { "\(major).\(minor).\(patch)" }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.major, lhs.minor, lhs.patch) < (rhs.major, rhs.minor, rhs.patch)
    }
}

/// A plugin's need for another plugin: that plugin, at a compatible version (same major, at least `minimum`).
public struct PluginRequirement: Hashable, Sendable, CustomStringConvertible {
    public let id: PluginID
    public let minimum: SemanticVersion

    /// Requires plugin `id` at version `minimum` or a later one of the same major version.
    public init(_ id: PluginID, from minimum: SemanticVersion = "0.0.0") {
        self.id = id
        self.minimum = minimum
    }

    /// Whether `version` satisfies the requirement.
    public func isSatisfied(by version: SemanticVersion) -> Bool {
        version >= minimum && (minimum == "0.0.0" || version.major == minimum.major)
    }

    public var description: String { "\(id) from \(minimum)" }
}
