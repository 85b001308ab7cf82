import GRDB

extension WriteTransaction {
    /// Writes one line to the audit log, in this transaction and with its actor and time: the change and its record
    /// land together or not at all.
    ///
    /// - Parameters:
    ///   - action: what kind of change, as `area.verb` (`series.created`, `person.erased`).
    ///   - subject: the object changed, when there is one.
    ///   - detail: what changed, by field. Never personal data (names, e-mails, gender): ids and field names only.
    public func audit(
        _ action: String, organization: Organization.ID, subject: AuditSubject? = nil, plugin: PluginID? = nil,
        detail: [String: JSONValue] = [:]
    ) throws {
        var entry = AuditEntry(
            occurredAt: now, actor: actor.name, organizationId: organization, action: action,
            subject: subject?.description, pluginId: plugin?.rawValue,
            detail: JSONValue.object(detail).canonicalJSON)
        try entry.insert(db)
    }
}
