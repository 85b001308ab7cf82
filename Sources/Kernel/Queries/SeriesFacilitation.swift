public import GRDB

/// Who leads a series: its facilitators and guest speakers, as series pages and documents about a series name them.
public struct SeriesFacilitation: Sendable, Equatable {
    /// One person leading the series, in one role.
    public struct Leader: Sendable, Equatable {
        public let personId: Person.ID
        public let displayName: String
        /// ``SeriesRole/Role/facilitator`` or ``SeriesRole/Role/guestSpeaker``.
        public let role: SeriesRole.Role
    }

    /// Facilitators and guest speakers, in the order they were given their role.
    public let leaders: [Leader]

    /// Reads who leads `series` (one query).
    public init(of series: WebinarSeries.ID, in db: Database) throws {
        leaders = try Row.fetchAll(
            db,
            sql: """
                SELECT r.personId, p.displayName, r.role FROM seriesRole r JOIN person p ON p.id = r.personId
                WHERE r.seriesId = ? AND r.role IN ('facilitator', 'guestSpeaker')
                ORDER BY r.id
                """, arguments: [series]
        ).map { Leader(personId: $0[0], displayName: $0[1], role: $0[2]) }
    }

    /// The people holding any role in `series` (facilitators, guest speakers and participants), each once.
    public static func people(in series: WebinarSeries.ID, in db: Database) throws -> [Person.ID] {
        try Person.ID.fetchAll(
            db, sql: "SELECT DISTINCT personId FROM seriesRole WHERE seriesId = ?", arguments: [series])
    }
}
