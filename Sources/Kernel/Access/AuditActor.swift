/// Who made a change, as written to the audit log. Never personal data: a role or token id, not a name.
public struct AuditActor: Sendable, Hashable, CustomStringConvertible {
    public let name: String

    public init(_ name: String) {
        self.name = name
    }

    /// The caller of a request, by the credential they used (`token:12`, `session:40`): the same person is named
    /// the same way by the API and the web interface.
    public init(_ access: Access) {
        self.name = access.principal
    }

    /// The command line, run by the operating-system user named (an operator account, not a participant).
    public static func commandLine(user: String) -> AuditActor { AuditActor("cli:\(user)") }
    /// A network definition file being imported.
    public static let importFile = AuditActor("import")

    public var description: String { name }
}
