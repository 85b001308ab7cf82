public import Foundation
public import GRDB

/// What a plugin that writes to people needs to read: who takes part in a series (with their address), and which
/// sessions fall due for a reminder or a follow-up. For background work of a plugin enabled for the organizations
/// named; the messages go only to the people themselves.
public enum MessageAudience {
    /// A participant (``ParticipantRule``) as a recipient.
    public struct Member: Sendable, Equatable {
        public let personId: Person.ID
        public let name: String
        public let email: String
        /// The zone the person chose, if any.
        public let timeZone: String?
        public let enrolledAt: Date
        /// The language the person asked for (enrolment form, My Indaba), if any.
        public let language: Language?

        public var address: MailAddress { MailAddress(email, name: name) }
    }

    /// The series' participants (``ParticipantRule``: enrolled, not on its team).
    public static func participants(of series: WebinarSeries.ID, in db: Database) throws -> [Member] {
        try members(
            sql: """
                SELECT p.id, p.displayName, p.email, r.timeZone, e.enrolledAt, p.preferredLanguage FROM enrolment e
                JOIN person p ON p.id = e.personId LEFT JOIN messageRecipient r ON r.personId = p.id
                WHERE e.seriesId = ? AND e.withdrawnAt IS NULL AND \(ParticipantRule.notOnTeam("e.seriesId", "p.id"))
                ORDER BY e.enrolledAt, p.id
                """, arguments: [series], in: db)
    }

    /// One participant of the series, or `nil` when the person is not one.
    public static func participant(_ person: Person.ID, of series: WebinarSeries.ID, in db: Database) throws -> Member?
    {
        try participants(of: series, in: db).first { $0.personId == person }
    }

    /// The series, its organization and its sessions by position (cancelled ones too).
    public static func series(_ id: WebinarSeries.ID, in db: Database) throws
        -> (series: WebinarSeries, organization: Organization, sessions: [Session])?
    {
        guard let series = try WebinarSeries.fetchOne(db, key: id),
            let owner = try ScheduleQueries.organizations(running: id, in: db),
            let organization = try Organization.fetchOne(db, key: owner.organization)
        else { return nil }
        let sessions = try Session.filter(Column("seriesId") == id).order(Column("position")).fetchAll(db)
        return (series, organization, sessions)
    }

    /// Sessions still on, of published series of `organizations`, whose `edge` (start or end) falls in
    /// `window`: what reminders and follow-ups look for.
    public static func sessions(
        of organizations: [Organization.ID], where edge: SessionEdge, in window: ClosedRange<Date>, in db: Database
    ) throws -> [Session] {
        guard !organizations.isEmpty else { return [] }
        let column = edge == .start ? "startsAt" : "endsAt"
        return try Session.fetchAll(
            db,
            sql: """
                SELECT s.* FROM session s JOIN webinarSeries w ON w.id = s.seriesId
                JOIN programme p ON p.id = w.programmeId
                WHERE p.organizationId IN (\(organizations.map { "\($0.rawValue)" }.joined(separator: ",")))
                AND w.status = 'published' AND s.status = 'scheduled' AND s.\(column) BETWEEN ? AND ?
                ORDER BY s.\(column), s.id
                """, arguments: [window.lowerBound, window.upperBound])
    }

    /// Which end of a session a window is about.
    public enum SessionEdge: Sendable { case start, end }

    /// The organizations that enabled `plugin`.
    public static func organizations(enabling plugin: PluginID, in db: Database) throws -> [Organization.ID] {
        try Organization.ID.fetchAll(
            db,
            sql: "SELECT organizationId FROM pluginEnablement WHERE pluginId = ? AND enabled ORDER BY organizationId",
            arguments: [plugin.rawValue])
    }

    private static func members(sql: String, arguments: StatementArguments, in db: Database) throws -> [Member] {
        try Row.fetchAll(db, sql: sql, arguments: arguments).map {
            Member(
                personId: $0[0], name: $0[1], email: $0[2], timeZone: $0[3], enrolledAt: $0[4],
                language: ($0[5] as String?).flatMap { Language(tag: $0) })
        }
    }
}
