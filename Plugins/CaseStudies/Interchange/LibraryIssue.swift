public import Kernel

/// One problem in a library folder, located by file, line and field.
public struct LibraryIssue: Sendable, Equatable, CustomStringConvertible {
    public let file: String
    public let line: Int
    /// The field's path in the front matter, such as `outcomes[1].figure`, or `(front matter)`.
    public let field: String
    /// What is wrong, worded in a reader's language with ``Kernel/FieldReason/worded(_:)``.
    public let message: FieldReason

    public init(file: String, line: Int, field: String, message: FieldReason) {
        self.file = file
        self.line = line
        self.field = field
        self.message = message
    }

    public var description: String { "\(file):\(line): \(field): \(message)" }

    /// ``field`` in `t`'s language: a part of the file (`(front matter)`) is translated, a field's path is not.
    public func fieldWorded(_ t: Localizer) -> String {
        switch field {
        case "(front matter)": t("(front matter)")
        case "(body)": t("(body)")
        case "(file)": t("(file)")
        default: field
        }
    }
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

extension LibraryImportError {
    /// The problems in `t`'s language, one per line after a summary: what an API problem says. In English it is
    /// ``description``, word for word.
    public func worded(_ t: Localizer) -> String {
        guard t.language != .english else { return description }
        let summary = t.plural(
            "{count} problem; nothing was imported. Fix it and import again:",
            "{count} problems; nothing was imported. Fix them and import again:", count: issues.count)
        return summary + "\n"
            + issues.map { "  \($0.file):\($0.line): \($0.fieldWorded(t)): \($0.message.worded(t))" }.joined(
                separator: "\n")
    }
}
