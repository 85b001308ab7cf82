public import Foundation
public import GRDB

/// Which series a public calendar or feed shows: one series, an organization's, a network's (with its members'),
/// or those a person holds a role in; always among the series calendars list (see
/// ``WebinarSeries/calendarCondition(alias:)``).
public struct ScheduleSelection: Sendable, Hashable {
    private enum Kind: Hashable, Sendable {
        case series(WebinarSeries.ID)
        case organization(Organization.ID)
        case network(Organization.ID)
        case roles(Person.ID)
    }

    private let kind: Kind

    /// One series.
    public static func series(_ id: WebinarSeries.ID) -> Self { Self(kind: .series(id)) }
    /// The series of one organization.
    public static func organization(_ id: Organization.ID) -> Self { Self(kind: .organization(id)) }
    /// The series of a network and of all its members.
    public static func network(_ id: Organization.ID) -> Self { Self(kind: .network(id)) }
    /// The series a person holds a role in.
    public static func roles(of person: Person.ID) -> Self { Self(kind: .roles(person)) }

    /// The SQL condition on `s` (webinarSeries) and `p` (its programme). Ids come from our own types, so they are
    /// written inline.
    var condition: String {
        let selected =
            switch kind {
            case let .series(id): "s.id = \(id.rawValue)"
            case let .organization(id): "p.organizationId = \(id.rawValue)"
            case let .network(id):
                "p.organizationId IN (SELECT id FROM organization WHERE id = \(id.rawValue) OR parentId = \(id.rawValue))"
            case let .roles(person):
                // A series the person withdrew from leaves their calendar, unless they also help run it.
                """
                s.id IN (SELECT r.seriesId FROM seriesRole r WHERE r.personId = \(person.rawValue) \
                AND NOT (r.role = 'participant' AND EXISTS (SELECT 1 FROM enrolment e WHERE e.seriesId = r.seriesId \
                AND e.personId = r.personId AND e.withdrawnAt IS NOT NULL)))
                """
            }
        return "\(WebinarSeries.calendarCondition(alias: "s")) AND \(selected)"
    }
}

extension WebinarSeries {
    /// The series calendars and feeds list, as an SQL condition on the series aliased `alias`: those anyone may read
    /// (what ``Scope/series()`` gives an anonymous caller), and cancelled ones that anyone could read before they
    /// were cancelled, so calendar apps learn to remove their events. A series cancelled before it was ever
    /// published was never public and stays hidden.
    public static func calendarCondition(alias: String) -> String {
        "(\(alias).status IN ('published', 'completed') "
            + "OR (\(alias).status = 'cancelled' AND \(alias).publishedAt IS NOT NULL))"
    }
}

/// Reads of sessions and series as calendars and feeds need them: few queries, hot rows decoded by position.
public enum ScheduleQueries {
    /// One session of a selection, with the name of the organization running its series.
    public struct Entry: Sendable {
        public let session: Session
        public let organizationName: String
    }

    /// The sessions of `selection` in time order. Columns by position and times as whole seconds: this is the hot
    /// path of every feed render. `unixepoch` (SQLite 3.38 and later) reads a time in a third of what
    /// `CAST(strftime('%s', …) AS INTEGER)` took, which was half of this query's time.
    public static func entries(_ selection: ScheduleSelection, in db: Database) throws -> [Entry] {
        let cursor = try Row.fetchCursor(
            db,
            sql: """
                SELECT e.id, e.seriesId, e.position, e.slug, e.title, e.kind,
                    unixepoch(e.startsAt), unixepoch(e.endsAt),
                    e.timeZone, e.joinURL, e.agenda, e.status, e.revision,
                    unixepoch(e.createdAt), unixepoch(e.updatedAt),
                    o.name
                FROM session e
                JOIN webinarSeries s ON s.id = e.seriesId
                JOIN programme p ON p.id = s.programmeId
                JOIN organization o ON o.id = p.organizationId
                WHERE \(selection.condition)
                ORDER BY e.startsAt, e.id
                """)
        var entries: [Entry] = []
        while let row = try cursor.next() {
            let session = Session(
                id: Session.ID(row[0]), seriesId: WebinarSeries.ID(row[1]), position: row[2], slug: row[3],
                title: row[4], kind: Session.Kind(rawValue: row[5]) ?? .live,
                startsAt: Date(timeIntervalSince1970: row[6]), endsAt: Date(timeIntervalSince1970: row[7]),
                timeZone: row[8], joinURL: row[9],
                agenda: Session.agenda(fromJSON: row[10]),
                status: Session.Status(rawValue: row[11]) ?? .scheduled, revision: row[12],
                createdAt: Date(timeIntervalSince1970: row[13]), updatedAt: Date(timeIntervalSince1970: row[14]))
            entries.append(Entry(session: session, organizationName: row[15]))
        }
        return entries
    }

    /// The series with `ids`, by id (in one query).
    public static func series(_ ids: Set<WebinarSeries.ID>, in db: Database) throws
        -> [WebinarSeries.ID: WebinarSeries]
    {
        // One cached statement whatever the number of ids (an `IN (?, ?, …)` list was built and prepared anew for
        // every feed), and columns read by position: a network feed reads hundreds of series.
        let statement = try db.cachedStatement(
            sql: """
                SELECT id, programmeId, slug, title, summary, objectives, status, timeZone, createdAt, updatedAt
                FROM webinarSeries WHERE id IN (SELECT value FROM json_each(?))
                """)
        let list = "[" + ids.map { String($0.rawValue) }.joined(separator: ",") + "]"
        let cursor = try Row.fetchCursor(statement, arguments: [list])
        var series: [WebinarSeries.ID: WebinarSeries] = [:]
        series.reserveCapacity(ids.count)
        while let row = try cursor.next() {
            let id = WebinarSeries.ID(row[0] as Int64)
            series[id] = WebinarSeries(
                id: id, programmeId: Programme.ID(row[1] as Int64), slug: row[2], title: row[3], summary: row[4],
                objectives: WebinarSeries.objectives(fromJSON: row[5]), status: row[6], timeZone: row[7],
                createdAt: row[8], updatedAt: row[9])
        }
        return series
    }

    /// The facilitators' display names of every series of `selection`, in the order they were given the role.
    public static func facilitatorNames(_ selection: ScheduleSelection, in db: Database) throws
        -> [WebinarSeries.ID: [String]]
    {
        var names: [WebinarSeries.ID: [String]] = [:]
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT r.seriesId, x.displayName FROM seriesRole r JOIN person x ON x.id = r.personId
                JOIN webinarSeries s ON s.id = r.seriesId JOIN programme p ON p.id = s.programmeId
                WHERE r.role = 'facilitator' AND \(selection.condition)
                ORDER BY r.id
                """)
        for row in rows { names[row[0], default: []].append(row[1]) }
        return names
    }

    /// The latest change of the people holding roles in `selection` and of the roles themselves (whole seconds):
    /// names shown in a feed move its Last-Modified too.
    public static func roleStamps(_ selection: ScheduleSelection, in db: Database) throws -> [Date] {
        let row = try Row.fetchOne(
            db,
            sql: """
                SELECT unixepoch(max(x.updatedAt)), unixepoch(max(r.createdAt))
                FROM seriesRole r JOIN person x ON x.id = r.personId
                JOIN webinarSeries s ON s.id = r.seriesId JOIN programme p ON p.id = s.programmeId
                WHERE \(selection.condition)
                """)
        return [row?[0] as Int64?, row?[1] as Int64?].compactMap { $0 }.map {
            Date(timeIntervalSince1970: TimeInterval($0))
        }
    }

    /// A cheap fingerprint of everything `selection` shows: it changes when a session or series in it changes,
    /// when one is added, or when a facilitator is added or renamed. One query.
    public static func fingerprint(_ selection: ScheduleSelection, in db: Database) throws -> [String] {
        let row = try Row.fetchOne(
            db,
            sql: """
                SELECT count(*), max(e.updatedAt), max(s.updatedAt),
                    (SELECT count(*) || '/' || coalesce(max(x.updatedAt), '') FROM seriesRole r
                     JOIN person x ON x.id = r.personId
                     JOIN webinarSeries s ON s.id = r.seriesId JOIN programme p ON p.id = s.programmeId
                     WHERE r.role = 'facilitator' AND \(selection.condition))
                FROM session e JOIN webinarSeries s ON s.id = e.seriesId JOIN programme p ON p.id = s.programmeId
                WHERE \(selection.condition)
                """)!
        return [String(row[0] as Int64), row[1] ?? "", row[2] ?? "", row[3] ?? ""]
    }

    /// The series `id` if `organization` runs it and calendars list it; `nil` otherwise (unknown, draft, cancelled
    /// before publication, another organization's).
    public static func listedSeries(_ id: WebinarSeries.ID, ownedBy organization: Organization.ID, in db: Database)
        throws -> WebinarSeries?
    {
        try WebinarSeries.fetchOne(
            db,
            sql: """
                SELECT s.* FROM webinarSeries s JOIN programme p ON p.id = s.programmeId
                WHERE s.id = ? AND p.organizationId = ? AND \(WebinarSeries.calendarCondition(alias: "s"))
                """, arguments: [id, organization])
    }

    /// The series of `organization` that calendars list, by id.
    public static func listedSeries(ownedBy organization: Organization.ID, in db: Database) throws -> [WebinarSeries] {
        try WebinarSeries.fetchAll(
            db,
            sql: """
                SELECT s.* FROM webinarSeries s JOIN programme p ON p.id = s.programmeId
                WHERE p.organizationId = ? AND \(WebinarSeries.calendarCondition(alias: "s")) ORDER BY s.id
                """, arguments: [organization])
    }

    /// The organization running `series` and its network (the organization itself when it is a network), or `nil`
    /// for an unknown series.
    public static func organizations(running series: WebinarSeries.ID, in db: Database) throws
        -> (organization: Organization.ID, network: Organization.ID)?
    {
        try Row.fetchOne(
            db,
            sql: """
                SELECT o.id, coalesce(o.parentId, o.id) FROM webinarSeries s
                JOIN programme p ON p.id = s.programmeId JOIN organization o ON o.id = p.organizationId
                WHERE s.id = ?
                """, arguments: [series]
        ).map { (Organization.ID($0[0] as Int64), Organization.ID($0[1] as Int64)) }
    }
}
