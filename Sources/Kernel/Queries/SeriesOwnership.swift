public import Foundation
public import GRDB

/// Which organization owns a series (through its programme), and what an organization covers: itself and, for a
/// network, its members. "For this organization" questions; what a caller may see is ``Scope``'s.
public enum SeriesOwnership {
    /// The organization that owns `series`.
    /// - Throws: ``KernelError/notFound(entity:reference:)`` when there is no such series.
    public static func owner(ofSeries series: WebinarSeries.ID, in db: Database) throws -> Organization.ID {
        let owner = try Organization.ID.fetchOne(
            db,
            sql: "SELECT p.organizationId FROM webinarSeries s JOIN programme p ON p.id = s.programmeId WHERE s.id = ?",
            arguments: [series])
        guard let owner else { throw KernelError.notFound(entity: "series", reference: "\(series)") }
        return owner
    }

    /// `organization` and, for a network, its members, in id order.
    public static func organizations(coveredBy organization: Organization.ID, in db: Database) throws
        -> [Organization.ID]
    {
        try Organization.ID.fetchAll(
            db.cachedStatement(sql: "SELECT id FROM organization WHERE id = ? OR parentId = ? ORDER BY id"),
            arguments: [organization, organization])
    }

    /// Whether `organization` covers what `owner` owns: its own, or a member's when it is the member's network.
    public static func covers(_ organization: Organization.ID, owner: Organization.ID, in db: Database) throws -> Bool {
        if organization == owner { return true }
        return try Organization.ID.fetchOne(
            db, sql: "SELECT parentId FROM organization WHERE id = ?", arguments: [owner])
            == organization
    }

    /// Series `id` with its owner, if `organization` covers it.
    /// - Throws: ``KernelError/notFound(entity:reference:)`` alike when it does not exist and when it is not covered.
    public static func series(_ id: WebinarSeries.ID, coveredBy organization: Organization.ID, in db: Database) throws
        -> (series: WebinarSeries, owner: Organization.ID)
    {
        guard let series = try WebinarSeries.fetchOne(db, key: id),
            let owner = try? owner(ofSeries: id, in: db), try covers(organization, owner: owner, in: db)
        else { throw KernelError.notFound(entity: "series", reference: "\(id)") }
        return (series, owner)
    }

    /// Session `id` with the owner of its series, if `organization` covers it.
    /// - Throws: ``KernelError/notFound(entity:reference:)`` alike when it does not exist and when it is not covered.
    public static func session(_ id: Session.ID, coveredBy organization: Organization.ID, in db: Database) throws
        -> (session: Session, owner: Organization.ID)
    {
        guard let session = try Session.fetchOne(db, key: id),
            let owner = try? owner(ofSeries: session.seriesId, in: db), try covers(organization, owner: owner, in: db)
        else { throw KernelError.notFound(entity: "session", reference: "\(id)") }
        return (session, owner)
    }

    /// Where each session of the series `organizations` own sits (every organization's when `nil`), for indexes a
    /// plugin keeps by session.
    public static func sessionPlaces(ownedBy organizations: [Organization.ID]?, in db: Database) throws
        -> [SessionPlace]
    {
        let filter = sessionsOwned(by: organizations)
        return try Row.fetchAll(db, sql: "SELECT s.id, s.seriesId, s.position, s.startsAt FROM session s \(filter)")
            .map {
                SessionPlace(id: Session.ID($0[0]), seriesId: WebinarSeries.ID($0[1]), position: $0[2], startsAt: $0[3])
            }
    }

    /// The position of each session of the series `organizations` own (every organization's when `nil`), by
    /// session id: what funnels that add up per position need, read without decoding anything else.
    public static func sessionPositions(ownedBy organizations: [Organization.ID]?, in db: Database) throws
        -> [Int64: Int]
    {
        let filter = sessionsOwned(by: organizations)
        var positions: [Int64: Int] = [:]
        let rows = try Row.fetchCursor(db, sql: "SELECT s.id, s.position FROM session s \(filter)")
        while let row = try rows.next() { positions[row[0]] = row[1] }
        return positions
    }

    /// The held sessions (not cancelled) of the series `organizations` own (every organization's when `nil`) whose
    /// completion is attendance (live and feedback sessions, not offline exercises), by session id: the sessions
    /// whose people present are a step of their series' funnel, as ``Completion`` counts it.
    public static func heldAttendedSessions(ownedBy organizations: [Organization.ID]?, in db: Database) throws
        -> [Int64: SessionPlace]
    {
        let filter = sessionsOwned(by: organizations)
        let held =
            (filter.isEmpty ? "WHERE " : " AND ")
            + "s.status = 'scheduled' AND s.kind IN ('\(Session.Kind.live.rawValue)', '\(Session.Kind.feedback.rawValue)')"
        var places: [Int64: SessionPlace] = [:]
        let rows = try Row.fetchCursor(
            db, sql: "SELECT s.id, s.seriesId, s.position, s.startsAt FROM session s \(filter)\(held)")
        while let row = try rows.next() {
            places[row[0]] = SessionPlace(
                id: Session.ID(row[0]), seriesId: WebinarSeries.ID(row[1]), position: row[2], startsAt: row[3])
        }
        return places
    }

    /// The SQL that narrows `session s` to the series `organizations` own (nothing for every organization's).
    private static func sessionsOwned(by organizations: [Organization.ID]?) -> String {
        guard let organizations else { return "" }
        let ids = organizations.isEmpty ? "NULL" : organizations.map { String($0.rawValue) }.joined(separator: ",")
        return "JOIN webinarSeries r ON r.id = s.seriesId JOIN programme p ON p.id = r.programmeId "
            + "WHERE p.organizationId IN (\(ids))"
    }

    /// The ids of the series `organizations` own.
    public static func seriesIds(ownedBy organizations: [Organization.ID], in db: Database) throws
        -> [WebinarSeries.ID]
    {
        guard !organizations.isEmpty else { return [] }
        let ids = organizations.map { String($0.rawValue) }.joined(separator: ",")
        return try WebinarSeries.ID.fetchAll(
            db,
            sql: "SELECT r.id FROM webinarSeries r JOIN programme p ON p.id = r.programmeId "
                + "WHERE p.organizationId IN (\(ids))")
    }
}

/// Where a session sits: its series, its position in it and its start.
public struct SessionPlace: Sendable, Equatable {
    public let id: Session.ID
    public let seriesId: WebinarSeries.ID
    public let position: Int
    public let startsAt: Date
}
