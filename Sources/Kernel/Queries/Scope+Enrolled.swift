public import Foundation
public import GRDB

/// Someone enrolled in a series, as the caller may see them.
public struct EnrolledPerson: Sendable {
    public let personId: Person.ID
    public let displayName: String
    public let organizationId: Organization.ID
    /// The self-described gender, only where the caller may see it (``Scope/seesSelfDescriptions(ofPersonRegisteredBy:)``).
    public let gender: String?
    public let channel: String
    public let enrolledAt: Date
}

extension Scope {
    /// Who enrolled in `series`, in the order they enrolled.
    /// - Throws: ``AccessError/notFound(entity:id:)`` unless the caller administers or facilitates the series.
    public func enrolled(in series: WebinarSeries.ID, in db: Database) throws -> [EnrolledPerson] {
        _ = try one(ownSeries(), id: series.rawValue, entity: "series", in: db)
        return try Row.fetchAll(
            db,
            sql: """
                SELECT p.id, p.displayName, p.organizationId, p.gender, e.channel, e.enrolledAt FROM enrolment e
                JOIN person p ON p.id = e.personId WHERE e.seriesId = ? ORDER BY e.enrolledAt, e.id
                """, arguments: [series]
        ).map { row in
            let organization: Organization.ID = row["organizationId"]
            return EnrolledPerson(
                personId: row["id"], displayName: row["displayName"], organizationId: organization,
                gender: seesSelfDescriptions(ofPersonRegisteredBy: organization) ? row["gender"] : nil,
                channel: row["channel"], enrolledAt: row["enrolledAt"])
        }
    }
}
