/// One problem in a library folder, located by file, line and field.
public struct LibraryIssue: Sendable, Equatable, CustomStringConvertible {
    public let file: String
    public let line: Int
    /// The field's path in the front matter, such as `outcomes[1].figure`, or `(front matter)`.
    public let field: String
    public let message: String

    public var description: String { "\(file):\(line): \(field): \(message)" }
}

/// A library folder that cannot be imported, with every problem found. Nothing was written.
public struct LibraryImportError: Error, Sendable, CustomStringConvertible {
    public let issues: [LibraryIssue]

    public var description: String {
        let count = issues.count == 1 ? "1 problem" : "\(issues.count) problems"
        return "\(count); nothing was imported. Fix \(issues.count == 1 ? "it" : "them") and import again:\n"
            + issues.map { "  \($0)" }.joined(separator: "\n")
    }
}
