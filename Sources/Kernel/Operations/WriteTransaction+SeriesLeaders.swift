import GRDB

/// Giving and taking away the leading roles of a series (facilitator, guest speaker), audited.
///
/// Participants are never given a role here: they enrol. A facilitator's access follows the role at once (their next
/// request resolves it), so a facilitator added here sees the series in the workspace and may record its attendance.
extension WriteTransaction {
    /// Gives `person` a leading role in `series`, unless they hold it already; audits `series.roleAdded` and raises
    /// ``SeriesChanged`` (the series' page and feeds name its leaders).
    /// - Returns: Whether the role was added (false when they held it already: nothing is written).
    /// - Throws: ``KernelError/invalidField(field:reason:)`` for the participant role,
    ///   ``KernelError/notFound(entity:reference:)`` when the series or person does not exist.
    @discardableResult
    public func addLeader(_ role: SeriesRole.Role, person: Person.ID, series: WebinarSeries.ID) throws -> Bool {
        try Self.requireLeading(role)
        guard try Person.exists(db, key: person) else {
            throw KernelError.notFound(entity: "person", reference: "\(person)")
        }
        let organization = try organizationId(ofSeries: series)
        if try holds(role, person: person, series: series) { return false }
        try grant(role, to: person, in: series)
        try audit(
            "series.roleAdded", organization: organization, subject: .series(series),
            detail: ["person": .integer(person.rawValue), "role": .string(role.rawValue)])
        try events.emit(SeriesChanged(organizationId: organization, seriesId: series))
        return true
    }

    /// Takes a leading role in `series` away from `person`; audits `series.roleRemoved` and raises ``SeriesChanged``.
    /// - Returns: Whether they held it (false: nothing is written).
    @discardableResult
    public func removeLeader(_ role: SeriesRole.Role, person: Person.ID, series: WebinarSeries.ID) throws -> Bool {
        try Self.requireLeading(role)
        let organization = try organizationId(ofSeries: series)
        let removed = try SeriesRole.filter(
            Column("seriesId") == series && Column("personId") == person && Column("role") == role
        ).deleteAll(db)
        guard removed > 0 else { return false }
        try audit(
            "series.roleRemoved", organization: organization, subject: .series(series),
            detail: ["person": .integer(person.rawValue), "role": .string(role.rawValue)])
        try events.emit(SeriesChanged(organizationId: organization, seriesId: series))
        return true
    }

    private func holds(_ role: SeriesRole.Role, person: Person.ID, series: WebinarSeries.ID) throws -> Bool {
        try SeriesRole.filter(
            Column("seriesId") == series && Column("personId") == person && Column("role") == role
        ).fetchCount(db) > 0
    }

    private static func requireLeading(_ role: SeriesRole.Role) throws {
        guard role != .participant else {
            throw KernelError.invalidField(
                field: "role", reason: FieldReason("must be facilitator or guestSpeaker (participants enrol instead)"))
        }
    }
}
