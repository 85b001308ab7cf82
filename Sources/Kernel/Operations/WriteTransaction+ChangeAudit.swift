import Foundation

/// The audit lines the kernel's own change methods write: one per change, naming the object and the fields that
/// changed (never their values, which may be names or e-mails).
extension WriteTransaction {
    /// Runs `body` without a line for each change it makes: a bulk change (an import) writes one line of its own
    /// for the whole, with ``audit(_:organization:subject:plugin:detail:)``.
    public func withoutItemizedAudit<T>(_ body: () throws -> T) rethrows -> T {
        let outer = itemizesAudit
        itemizesAudit = false
        defer { itemizesAudit = outer }
        return try body()
    }

    /// Writes the audit line of one change, unless the change is part of a bulk change (see
    /// ``withoutItemizedAudit(_:)``); `detail` is worked out only when the line is written.
    func auditChange(
        _ action: String, organization: Organization.ID, subject: AuditSubject?,
        detail: @autoclosure () -> [String: JSONValue] = [:]
    ) throws {
        guard itemizesAudit else { return }
        try audit(action, organization: organization, subject: subject, detail: detail())
    }

    /// The audit detail of an update: the names of the fields that differ between `old` and `new`, sorted, without
    /// the bookkeeping ones (times of the record, revision, the e-mail's matching key).
    static func changedFields<R: Encodable>(from old: R, to new: R) -> [String: JSONValue] {
        let fields = Self.fields(of: old)
        let newFields = Self.fields(of: new)
        let ignored: Set<String> = ["id", "createdAt", "updatedAt", "revision", "emailKey"]
        let changed = Set(fields.keys).union(newFields.keys).subtracting(ignored)
            .filter { fields[$0] != newFields[$0] }.sorted()
        return ["fields": .array(changed.map { .string($0) })]
    }

    private static func fields<R: Encodable>(of record: R) -> [String: JSONValue] {
        guard let data = try? JSONEncoder().encode(record),
            case let .object(fields)? = try? JSONDecoder().decode(JSONValue.self, from: data)
        else { return [:] }
        return fields
    }
}
