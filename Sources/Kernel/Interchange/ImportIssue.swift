/// One problem found in a network definition file, located by line, column and field path.
public struct ImportIssue: Sendable, Equatable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let column: Int
    /// The field's path in the document, such as `network.members[1].timeZone`.
    public let field: String
    public let message: String

    public var description: String { "\(file):\(line):\(column): \(field): \(message)" }
}

/// A network definition file that cannot be imported, with every problem found. Nothing was written.
public struct ImportError: Error, Sendable, CustomStringConvertible {
    public let file: String
    public let issues: [ImportIssue]

    public var description: String {
        let count = issues.count == 1 ? "1 problem" : "\(issues.count) problems"
        return "\(file): \(count); nothing was imported. Fix \(issues.count == 1 ? "it" : "them") and import again:\n"
            + issues.map { "  \($0)" }.joined(separator: "\n")
    }
}

/// Where an entry was read from, so later checks can point at it.
public struct SourceLocation: Sendable, Equatable {
    public let line: Int
    public let column: Int
    public let field: String

    public static let none = SourceLocation(line: 0, column: 0, field: "")
}

/// Collects issues while a file is read and checked.
final class IssueLog {
    let file: String
    private(set) var issues: [ImportIssue] = []

    init(file: String) {
        self.file = file
    }

    func add(_ location: SourceLocation, _ message: String) {
        issues.append(
            ImportIssue(
                file: file, line: location.line, column: location.column, field: location.field, message: message))
    }

    /// Throws every issue collected so far, if any.
    func throwIfAny() throws {
        guard !issues.isEmpty else { return }
        throw ImportError(file: file, issues: issues.sorted { ($0.line, $0.column) < ($1.line, $1.column) })
    }
}
