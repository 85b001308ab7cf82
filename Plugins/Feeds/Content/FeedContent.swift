import Foundation
import GRDB
import Kernel

/// Everything one feed shows, read in one consistent snapshot.
struct FeedContent: Sendable {
    /// One session with what the feed says about it.
    struct Item: Sendable {
        let session: Session
        let series: WebinarSeries
        let organizationName: String
        let facilitators: [String]

        /// Cancelled sessions, and every session of a cancelled series, show as cancelled.
        var isCancelled: Bool { session.status == .cancelled || series.status == .cancelled }

        /// The last change of what the event shows: the session's, or its series'.
        var lastChange: Date { max(session.updatedAt, series.updatedAt) }
    }

    let title: String
    let summary: String
    /// Who publishes the feed: the organization's name.
    let publisher: String
    /// The zone a schedule is shown in: the series', or the organization's for wider feeds.
    let timeZone: String
    let items: [Item]
    /// The latest change of anything shown (for Last-Modified).
    let lastModified: Date

    /// The end of the last session shown (time zone tables need to reach it).
    var latestInstant: Date { items.map(\.session.endsAt).max() ?? lastModified }

    /// What a feed is about: its title, summary and the SQL condition on `s` (series) and `p` (programme).
    struct Selection: Sendable {
        let title: String
        let summary: String
        let condition: String
        let timeZone: String
    }

    /// The selection of `scope` within `organization`, or `nil` when there is no such feed (unknown, draft, foreign).
    static func selection(_ scope: FeedScope, organization: Organization, in db: Database) throws -> Selection? {
        switch scope {
        case let .series(id):
            guard let series = try WebinarSeries.fetchOne(db, key: id), series.status != .draft,
                try owner(of: series, db) == organization.id
            else { return nil }
            return Selection(
                title: series.title, summary: series.summary, condition: "s.id = \(id.rawValue)",
                timeZone: series.timeZone)
        case .organization:
            return Selection(
                title: organization.name, summary: "", condition: "p.organizationId = \(organization.id!.rawValue)",
                timeZone: organization.timeZone)
        case let .person(id):
            guard let person = try Person.fetchOne(db, key: id) else { return nil }
            return Selection(
                title: "\(person.displayName): sessions", summary: "",
                condition: "s.id IN (SELECT seriesId FROM seriesRole WHERE personId = \(id.rawValue))",
                timeZone: organization.timeZone)
        case .network:
            guard organization.isNetwork else { return nil }
            let id = organization.id!.rawValue
            return Selection(
                title: organization.name, summary: "",
                condition: "p.organizationId IN (SELECT id FROM organization WHERE id = \(id) OR parentId = \(id))",
                timeZone: organization.timeZone)
        }
    }

    /// A cheap fingerprint of everything the feed shows: it changes when a session or series in it changes, when
    /// one is added, or when a facilitator is added or renamed. Cached output is keyed by it.
    static func version(of selection: Selection, organization: Organization, in db: Database) throws -> String {
        let row = try Row.fetchOne(
            db,
            sql: """
                SELECT count(*), max(e.updatedAt), max(s.updatedAt),
                    (SELECT count(*) || '/' || coalesce(max(x.updatedAt), '') FROM seriesRole r
                     JOIN person x ON x.id = r.personId
                     JOIN webinarSeries s ON s.id = r.seriesId JOIN programme p ON p.id = s.programmeId
                     WHERE r.role = 'facilitator' AND s.status != 'draft' AND \(selection.condition))
                FROM session e JOIN webinarSeries s ON s.id = e.seriesId JOIN programme p ON p.id = s.programmeId
                WHERE s.status != 'draft' AND \(selection.condition)
                """)!
        let parts: [String] = [
            String(row[0] as Int64), row[1] ?? "", row[2] ?? "", row[3] ?? "",
            "\(organization.updatedAt.timeIntervalSince1970)",
        ]
        return parts.joined(separator: "|")
    }

    /// Reads the content of a selection.
    static func load(_ selection: Selection, organization: Organization, in db: Database) throws -> FeedContent {
        let (title, summary, seriesFilter) = (selection.title, selection.summary, selection.condition)
        // Columns by position and times as whole seconds: this is the hot path of every feed render.
        let cursor = try Row.fetchCursor(
            db,
            sql: """
                SELECT e.id, e.seriesId, e.position, e.slug, e.title, e.kind,
                    CAST(strftime('%s', e.startsAt) AS INTEGER), CAST(strftime('%s', e.endsAt) AS INTEGER),
                    e.timeZone, e.joinURL, e.agenda, e.status, e.revision,
                    CAST(strftime('%s', e.createdAt) AS INTEGER), CAST(strftime('%s', e.updatedAt) AS INTEGER),
                    o.name
                FROM session e
                JOIN webinarSeries s ON s.id = e.seriesId
                JOIN programme p ON p.id = s.programmeId
                JOIN organization o ON o.id = p.organizationId
                WHERE s.status != 'draft' AND \(seriesFilter)
                ORDER BY e.startsAt, e.id
                """)
        var sessions: [(Session, String)] = []
        while let row = try cursor.next() {
            let session = Session(
                id: Session.ID(row[0]), seriesId: WebinarSeries.ID(row[1]), position: row[2], slug: row[3],
                title: row[4], kind: Session.Kind(rawValue: row[5]) ?? .live,
                startsAt: Date(timeIntervalSince1970: row[6]), endsAt: Date(timeIntervalSince1970: row[7]),
                timeZone: row[8], joinURL: row[9],
                agenda: Session.agenda(fromJSON: row[10]),
                status: Session.Status(rawValue: row[11]) ?? .scheduled, revision: row[12],
                createdAt: Date(timeIntervalSince1970: row[13]), updatedAt: Date(timeIntervalSince1970: row[14]))
            sessions.append((session, row[15]))
        }
        // Every series and its facilitators in two queries, not two per series.
        let seriesIds = Set(sessions.map { $0.0.seriesId })
        let seriesById = Dictionary(
            uniqueKeysWithValues: try WebinarSeries.filter(keys: seriesIds).fetchAll(db).map { ($0.id!, $0) })
        var facilitatorsBySeries: [WebinarSeries.ID: [String]] = [:]
        let facilitatorRows = try Row.fetchAll(
            db,
            sql: """
                SELECT r.seriesId, x.displayName FROM seriesRole r JOIN person x ON x.id = r.personId
                JOIN webinarSeries s ON s.id = r.seriesId JOIN programme p ON p.id = s.programmeId
                WHERE r.role = 'facilitator' AND s.status != 'draft' AND \(seriesFilter)
                ORDER BY r.id
                """)
        for row in facilitatorRows { facilitatorsBySeries[row[0], default: []].append(row[1]) }
        let items = sessions.map { session, organizationName in
            Item(
                session: session, series: seriesById[session.seriesId]!, organizationName: organizationName,
                facilitators: facilitatorsBySeries[session.seriesId] ?? [])
        }
        // Facilitators' names and the people's roles show too: their changes move Last-Modified as well.
        let peopleStamps = try Row.fetchOne(
            db,
            sql: """
                SELECT CAST(strftime('%s', max(x.updatedAt)) AS INTEGER), CAST(strftime('%s', max(r.createdAt)) AS INTEGER)
                FROM seriesRole r JOIN person x ON x.id = r.personId
                JOIN webinarSeries s ON s.id = r.seriesId JOIN programme p ON p.id = s.programmeId
                WHERE s.status != 'draft' AND \(seriesFilter)
                """)
        let roleStamps = [peopleStamps?[0] as Int64?, peopleStamps?[1] as Int64?].compactMap { $0 }
            .map { Date(timeIntervalSince1970: TimeInterval($0)) }
        let stamps =
            items.flatMap { [$0.session.updatedAt, $0.series.updatedAt] } + [organization.updatedAt] + roleStamps
        return FeedContent(
            title: title, summary: summary, publisher: organization.name, timeZone: selection.timeZone, items: items,
            lastModified: stamps.max()!)
    }

    private static func owner(of series: WebinarSeries, _ db: Database) throws -> Organization.ID? {
        try Organization.ID.fetchOne(
            db, sql: "SELECT organizationId FROM programme WHERE id = ?", arguments: [series.programmeId])
    }
}
