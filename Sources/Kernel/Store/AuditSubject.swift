/// What an audit-log line is about, written as `kind:id` (`person:12`, `series:3`): ids only, never names.
public struct AuditSubject: Sendable, Hashable, CustomStringConvertible {
    public let kind: String
    public let id: Int64

    public init(kind: String, id: Int64) {
        self.kind = kind
        self.id = id
    }

    public static func person(_ id: Person.ID) -> AuditSubject { AuditSubject(kind: "person", id: id.rawValue) }
    public static func series(_ id: WebinarSeries.ID) -> AuditSubject { AuditSubject(kind: "series", id: id.rawValue) }
    public static func session(_ id: Session.ID) -> AuditSubject { AuditSubject(kind: "session", id: id.rawValue) }
    public static func programme(_ id: Programme.ID) -> AuditSubject {
        AuditSubject(kind: "programme", id: id.rawValue)
    }
    public static func token(_ id: ApiToken.ID) -> AuditSubject { AuditSubject(kind: "token", id: id.rawValue) }
    public static func organization(_ id: Organization.ID) -> AuditSubject {
        AuditSubject(kind: "organization", id: id.rawValue)
    }

    public var description: String { "\(kind):\(id)" }
}
