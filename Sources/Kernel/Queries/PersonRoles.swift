public import GRDB

/// The series a person has a role in, with their roles there.
public struct PersonRoles: Sendable {
    public let seriesId: WebinarSeries.ID
    public let seriesTitle: String
    /// The roles, in the order they were granted (`participant`, `facilitator`, `guestSpeaker`).
    public let roles: [String]

    /// Every series `person` has a role in, by series id.
    public static func of(_ person: Person.ID, in db: Database) throws -> [PersonRoles] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT s.id, s.title, group_concat(r.role, ',') FROM seriesRole r
                JOIN webinarSeries s ON s.id = r.seriesId WHERE r.personId = ? GROUP BY s.id ORDER BY s.id
                """, arguments: [person]
        ).map { row in
            PersonRoles(
                seriesId: row[0], seriesTitle: row[1], roles: (row[2] as String).split(separator: ",").map(String.init))
        }
    }
}
