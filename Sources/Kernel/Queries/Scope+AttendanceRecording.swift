public import GRDB

/// A series with the sessions of it the caller may record attendance for.
public struct RecordableSeries: Sendable {
    public let series: WebinarSeries
    /// Held (not cancelled) live and feedback sessions, by start.
    public let sessions: [Session]
}

/// Where the caller may record attendance: what upload forms offer, and what an upload may name.
extension Scope {
    /// The series `organization` itself owns (not a member's), neither draft nor cancelled, in which the caller may
    /// record attendance, each with its held live and feedback sessions; series without such a session are left
    /// out. Series in id order.
    public func recordableSeries(ownedBy organization: Organization.ID, in db: Database) throws -> [RecordableSeries] {
        try recordable(ownedBy: organization, kinds: "kind != 'offlineExercise'", in: db)
    }

    /// The same series as ``recordableSeries(ownedBy:in:)``, each with its held offline-exercise sessions, for
    /// recording who handed in; series without one are left out.
    public func recordableExercises(ownedBy organization: Organization.ID, in db: Database) throws
        -> [RecordableSeries]
    {
        try recordable(ownedBy: organization, kinds: "kind = 'offlineExercise'", in: db)
    }

    private func recordable(ownedBy organization: Organization.ID, kinds: String, in db: Database) throws
        -> [RecordableSeries]
    {
        let series = try ownSeries().filter(ownedBy: [organization]).filter(excluding: [.draft, .cancelled])
            .order(Column("id")).fetchAll(db)
        let sessions = try Session.filter(series.compactMap(\.id).contains(Column("seriesId")))
            .filter(sql: "\(kinds) AND status = 'scheduled'")
            .order(Column("startsAt"), Column("id")).fetchAll(db)
        let bySeries = Dictionary(grouping: sessions, by: \.seriesId)
        return series.compactMap { series in
            guard let held = bySeries[series.id!], !held.isEmpty else { return nil }
            return RecordableSeries(series: series, sessions: held)
        }
    }

    /// Session `id`, if it is one of ``recordableSeries(ownedBy:in:)``'s.
    /// - Throws: ``AccessError/notFound(entity:id:)`` when it does not exist or is not one of them.
    public func recordableSession(_ id: Session.ID, ownedBy organization: Organization.ID, in db: Database) throws
        -> Session
    {
        let found = try recordableSeries(ownedBy: organization, in: db).lazy.flatMap(\.sessions).first { $0.id == id }
        guard let found else { throw AccessError.notFound(entity: "session", id: id.rawValue) }
        return found
    }
}

extension Scope {
    /// Series `id`, covered by `organization` (its own or, for a network, a member's), for reading or changing its
    /// attendance figures, with the organization that owns it.
    ///
    /// - Throws: ``KernelError/notFound(entity:reference:)`` alike when the series does not exist, is not covered by
    ///   `organization`, or is hidden from the caller; ``AccessError/forbidden(_:)`` only for a series the caller can
    ///   see but may not record attendance in.
    public func attendanceSeries(
        _ id: WebinarSeries.ID, coveredBy organization: Organization.ID, in db: Database
    ) throws -> (series: WebinarSeries, owner: Organization.ID) {
        let found = try SeriesOwnership.series(id, coveredBy: organization, in: db)
        guard try series().filter(key: id).fetchCount(db) > 0 else {
            throw KernelError.notFound(entity: "series", reference: "\(id)")
        }
        try requireAttendanceRecording(in: id, ownedBy: found.owner)
        return found
    }
}
