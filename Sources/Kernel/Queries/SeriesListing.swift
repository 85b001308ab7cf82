public import Foundation
public import GRDB

/// A series as listings show it: with the organization that runs it and the span of its sessions.
public struct SeriesListing: Sendable {
    public let id: WebinarSeries.ID
    public let title: String
    public let summary: String
    public let status: WebinarSeries.Status
    public let timeZone: String
    public let organizationName: String
    /// The start of its first session and the end of its last, when it has sessions.
    public let firstStart: Date?
    public let lastEnd: Date?

    /// The series anyone may read (published and completed), open ones first, then the most recent.
    public static func publicSeries(in db: Database) throws -> [SeriesListing] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT s.id, s.title, s.summary, s.status, s.timeZone, o.name,
                       (SELECT min(startsAt) FROM session WHERE seriesId = s.id) AS firstStart,
                       (SELECT max(endsAt) FROM session WHERE seriesId = s.id) AS lastEnd
                FROM webinarSeries s JOIN programme p ON p.id = s.programmeId
                JOIN organization o ON o.id = p.organizationId
                WHERE s.status IN ('published', 'completed')
                ORDER BY s.status = 'published' DESC, firstStart DESC, s.id
                """
        ).map { row in
            SeriesListing(
                id: row["id"], title: row["title"], summary: row["summary"],
                status: row["status"], timeZone: row["timeZone"],
                organizationName: row["name"], firstStart: row["firstStart"], lastEnd: row["lastEnd"])
        }
    }
}
