import Foundation
import GRDB

/// Running a series again: a new series made from an existing one.
extension WriteTransaction {
    /// What to clone and where to.
    public struct SeriesCloning: Sendable {
        /// The series to run again.
        public var source: WebinarSeries.ID
        /// The new series' slug, free within the source's programme.
        public var slug: String
        /// The new series' title (the source's when `nil`).
        public var title: String?
        /// The day the first session of the new series falls on, in the series' zone.
        public var startsOn: LocalDay
        /// Whether the source's facilitators and guest speakers lead the new series too.
        public var withRoles: Bool

        public init(
            source: WebinarSeries.ID, slug: String, title: String? = nil, startsOn: LocalDay, withRoles: Bool = false
        ) {
            self.source = source
            self.slug = slug
            self.title = title
            self.startsOn = startsOn
            self.withRoles = withRoles
        }
    }

    /// Creates a draft series in the source's programme with its summary, objectives and zone, and a copy of each
    /// of its sessions that was not cancelled, moved by whole days so that the first falls on `startsOn`.
    ///
    /// Each session keeps its local wall-clock start and end in the zone it was planned in, across a change of the
    /// clocks (a session at 14:00 in winter is at 14:00 in summer), so an offline exercise keeps its length in days.
    /// Join links are not copied (a new run needs new meetings), nor participants, enrolments or attendance; roles
    /// only with ``SeriesCloning/withRoles``. Audited as `series.cloned`.
    /// - Throws: ``KernelError/duplicateSlug(entity:slug:parent:)`` when the slug is taken,
    ///   ``KernelError/notFound(entity:reference:)`` when the source does not exist.
    @discardableResult
    public func cloneSeries(_ cloning: SeriesCloning) throws -> WebinarSeries {
        guard let source = try WebinarSeries.fetchOne(db, key: cloning.source) else {
            throw KernelError.notFound(entity: "series", reference: "\(cloning.source)")
        }
        guard Slug.isValid(cloning.slug) else {
            throw KernelError.invalidField(field: "slug", reason: FieldReason(field: .invalidSlug))
        }
        let taken =
            try WebinarSeries.filter(Column("programmeId") == source.programmeId && Column("slug") == cloning.slug)
            .fetchCount(db) > 0
        if taken {
            throw KernelError.duplicateSlug(
                entity: "series", slug: cloning.slug, parent: "programme \(source.programmeId)")
        }
        let copy = try save(
            WebinarSeries(
                programmeId: source.programmeId, slug: cloning.slug, title: cloning.title ?? source.title,
                summary: source.summary, objectives: source.objectives, status: .draft, timeZone: source.timeZone,
                createdAt: now, updatedAt: now))
        let sessions = try Session.filter(
            Column("seriesId") == source.id && Column("status") == Session.Status.scheduled
        )
        .order(Column("startsAt"), Column("position"), Column("id")).fetchAll(db)
        let seriesZone = TimeZone(identifier: source.timeZone) ?? .gmt
        let shift = sessions.first.map { LocalDay($0.startsAt, in: seriesZone).days(to: cloning.startsOn) } ?? 0
        for (index, session) in sessions.enumerated() {
            let zone = TimeZone(identifier: session.timeZone) ?? seriesZone
            try save(
                Session(
                    seriesId: copy.id!, position: index + 1, slug: session.slug, title: session.title,
                    kind: session.kind, startsAt: Self.shifted(session.startsAt, days: shift, in: zone),
                    endsAt: Self.shifted(session.endsAt, days: shift, in: zone), timeZone: session.timeZone,
                    agenda: session.agenda, createdAt: now, updatedAt: now))
        }
        var roles = 0
        if cloning.withRoles {
            let leaders = try SeriesRole.filter(
                Column("seriesId") == source.id
                    && [SeriesRole.Role.facilitator, .guestSpeaker].contains(Column("role"))
            ).order(Column("id")).fetchAll(db)
            for leader in leaders {
                try grant(leader.role, to: leader.personId, in: copy.id!)
                roles += 1
            }
        }
        try audit(
            "series.cloned", organization: try organizationId(ofSeries: copy.id!), subject: .series(copy.id!),
            detail: [
                "source": .integer(source.id!.rawValue), "sessions": .integer(Int64(sessions.count)),
                "days": .integer(Int64(shift)), "roles": .integer(Int64(roles)),
            ])
        return copy
    }

    /// `date` moved by `days` calendar days in `zone`, keeping its local wall-clock time.
    static func shifted(_ date: Date, days: Int, in zone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar.date(byAdding: .day, value: days, to: date)
            ?? date.addingTimeInterval(TimeInterval(days) * 86_400)
    }
}
