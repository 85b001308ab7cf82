/// Who made a change, as written to the audit log. Never personal data: a role or token id, not a name.
public struct AuditActor: Sendable, Hashable, CustomStringConvertible {
    public let name: String

    public init(_ name: String) {
        self.name = name
    }

    /// The command line, run by the operating-system user named (an operator account, not a participant).
    public static func commandLine(user: String) -> AuditActor { AuditActor("cli:\(user)") }
    /// A network definition file being imported.
    public static let importFile = AuditActor("import")

    public var description: String { name }
}
