import Foundation
import GRDB
import Kernel

/// Everything the public page of a series shows, read in one go. Only published and completed series exist here.
struct SeriesPageData: Sendable {
    /// Sessions shown on the page, however many the series has (its calendar feed has them all).
    static let sessionLimit = 200
    /// Facilitators and guest speakers shown.
    static let facilitatorLimit = 100

    struct Facilitator: Sendable {
        let name: String
        let role: SeriesRole.Role
    }

    let series: WebinarSeries
    let programme: Programme
    let organization: Organization
    /// The first ``sessionLimit`` sessions by start.
    let sessions: [Session]
    /// Whether the series has more sessions than ``sessions`` holds.
    let moreSessions: Bool
    let facilitators: [Facilitator]
    let enabledPlugins: Set<PluginID>

    /// Reads the page of series `id`.
    /// - Throws: ``AccessError/notFound(entity:id:)`` when no public series has that id.
    static func read(_ id: Int64, in db: Database) throws -> SeriesPageData {
        let scope = Scope(.anonymous)
        let series = try scope.one(scope.series(), id: id, entity: "series", in: db)
        guard let programme = try Programme.fetchOne(db, key: series.programmeId),
            let organization = try Organization.fetchOne(db, key: programme.organizationId)
        else { throw AccessError.notFound(entity: "series", id: id) }
        let sessions = try Session.filter(Column("seriesId") == series.id)
            .order(Column("startsAt"), Column("position")).limit(Self.sessionLimit + 1).fetchAll(db)
        // By role, then by name as SQLite compares text (bytes), as the page has always listed them.
        let facilitators = try SeriesFacilitation(of: series.id!, in: db).leaders.map {
            Facilitator(name: $0.displayName, role: $0.role)
        }.sorted {
            $0.role != $1.role
                ? $0.role.rawValue < $1.role.rawValue : $0.name.utf8.lexicographicallyPrecedes($1.name.utf8)
        }.prefix(Self.facilitatorLimit)
        let enabled = try PluginEnablementRecord.enabledPlugins(of: organization.id!, in: db)
        return SeriesPageData(
            series: series, programme: programme, organization: organization,
            sessions: Array(sessions.prefix(Self.sessionLimit)), moreSessions: sessions.count > Self.sessionLimit,
            facilitators: Array(facilitators), enabledPlugins: enabled)
    }
}
