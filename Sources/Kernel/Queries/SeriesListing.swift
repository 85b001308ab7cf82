public import Foundation
public import GRDB

/// A series as listings show it: with the organization that runs it and the span of its sessions.
public struct SeriesListing: Sendable {
    public let id: WebinarSeries.ID
    public let title: String
    public let summary: String
    public let status: WebinarSeries.Status
    public let timeZone: String
    public let organizationId: Organization.ID
    public let organizationName: String
    /// The start of its first session and the end of its last, when it has sessions.
    public let firstStart: Date?
    public let lastEnd: Date?

    /// Which public series a listing shows. Every condition given must hold.
    public struct Filter: Sendable, Equatable {
        /// Series run by this organization, or (for a network) by it or one of its members.
        public var organization: Organization.ID?
        /// Only published (open) or only completed series.
        public var status: WebinarSeries.Status?
        /// Only series with a scheduled session that has not ended by this instant.
        public var upcomingAfter: Date?

        public init(
            organization: Organization.ID? = nil, status: WebinarSeries.Status? = nil, upcomingAfter: Date? = nil
        ) {
            self.organization = organization
            self.status = status
            self.upcomingAfter = upcomingAfter
        }
    }

    /// One page of a listing: at most the `limit` asked for, and whether more follow.
    public struct Page: Sendable {
        public let items: [SeriesListing]
        public let hasMore: Bool
    }

    /// The series anyone may read (published and completed) that match `filter`, open ones first, then the most
    /// recent: `limit` of them from `offset` on. Whatever the data, a page holds at most `limit` series.
    public static func publicSeries(
        matching filter: Filter = Filter(), limit: Int, offset: Int = 0, in db: Database
    ) throws -> Page {
        var conditions = ["s.status IN ('published', 'completed')"]
        var arguments = StatementArguments()
        if let organization = filter.organization {
            conditions.append("(o.id = ? OR o.parentId = ?)")
            arguments += [organization, organization]
        }
        if let status = filter.status {
            conditions.append("s.status = ?")
            arguments += [status]
        }
        if let after = filter.upcomingAfter {
            conditions.append(
                "EXISTS (SELECT 1 FROM session u WHERE u.seriesId = s.id AND u.status = 'scheduled' AND u.endsAt > ?)")
            arguments += [after]
        }
        arguments += [limit + 1, max(offset, 0)]
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT s.id, s.title, s.summary, s.status, s.timeZone, o.id AS organizationId, o.name,
                       (SELECT min(startsAt) FROM session WHERE seriesId = s.id) AS firstStart,
                       (SELECT max(endsAt) FROM session WHERE seriesId = s.id) AS lastEnd
                FROM webinarSeries s JOIN programme p ON p.id = s.programmeId
                JOIN organization o ON o.id = p.organizationId
                WHERE \(conditions.joined(separator: " AND "))
                ORDER BY s.status = 'published' DESC, firstStart DESC, s.id
                LIMIT ? OFFSET ?
                """, arguments: arguments)
        let items = rows.prefix(limit).map { row in
            SeriesListing(
                id: row["id"], title: row["title"], summary: row["summary"],
                status: row["status"], timeZone: row["timeZone"], organizationId: row["organizationId"],
                organizationName: row["name"], firstStart: row["firstStart"], lastEnd: row["lastEnd"])
        }
        return Page(items: Array(items), hasMore: rows.count > limit)
    }

    /// The organizations that run at least one public series, by name: at most `limit` of them.
    public static func publicOrganizations(limit: Int, in db: Database) throws -> [(id: Organization.ID, name: String)]
    {
        try Row.fetchAll(
            db,
            sql: """
                SELECT o.id, o.name FROM organization o
                WHERE EXISTS (SELECT 1 FROM programme p JOIN webinarSeries s ON s.programmeId = p.id
                              WHERE p.organizationId = o.id AND s.status IN ('published', 'completed'))
                ORDER BY o.name, o.id LIMIT ?
                """, arguments: [limit]
        ).map { (id: $0["id"], name: $0["name"]) }
    }
}
