public import GRDB

/// A facilitator or guest speaker of a series, as the series page, the report and certificates name them.
public struct SeriesTeamMember: Sendable, Equatable {
    public let personId: Person.ID
    public let displayName: String
    public let role: SeriesRole.Role

    /// The facilitators and guest speakers of `series`, in the order they were given their role.
    public static func all(of series: WebinarSeries.ID, in db: Database) throws -> [SeriesTeamMember] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT p.id, p.displayName, r.role FROM seriesRole r JOIN person p ON p.id = r.personId
                WHERE r.seriesId = ? AND r.role IN ('facilitator', 'guestSpeaker') ORDER BY r.id
                """, arguments: [series]
        ).map { SeriesTeamMember(personId: $0[0], displayName: $0[1], role: $0[2]) }
    }
}
