import Foundation
import GRDB
import Kernel

/// Where to subscribe to one feed, in every format: the iCalendar URL, its `webcal://` form (which calendar apps
/// open directly), and the xCal, RSS, Atom and frab schedule URLs of the same sessions.
struct FeedLink: Encodable, Sendable, Equatable {
    let title: String
    let ics: String
    let webcal: String
    let xcal: String
    let rss: String
    let atom: String
    let schedule: String

    init(title: String, folder: String) {
        self.title = title
        let ics = folder + "/" + FeedFormat.iCalendar.fileName
        self.ics = ics
        let scheme = ics.range(of: "://").map { ics[..<$0.lowerBound] } ?? ""
        webcal = scheme.isEmpty ? ics : "webcal" + ics.dropFirst(scheme.count)
        xcal = folder + "/" + FeedFormat.xCal.fileName
        rss = folder + "/" + FeedFormat.rss.fileName
        atom = folder + "/" + FeedFormat.atom.fileName
        schedule = folder + "/" + FeedFormat.frab.fileName
    }
}

/// The folder of a personal feed: the token is the only secret, so it sits in the path.
func personalFolder(token: String, organization: Organization.ID) -> String {
    "/public/orgs/\(organization.rawValue)/feeds/personal/\(token)"
}

/// The feeds an organization publishes.
struct FeedLinks: Encodable, Sendable {
    let organization: FeedLink
    let network: FeedLink?
    let series: [FeedLink]

    /// The folder of a feed, below the base URL.
    static func folder(of scope: FeedScope, in organization: Organization) -> String {
        let prefix = "/public/orgs/\(organization.id!.rawValue)/feeds"
        switch scope {
        case .organization: return prefix + "/organization"
        case .network: return prefix + "/network"
        case let .series(id): return prefix + "/series/\(id.rawValue)"
        case .person: return prefix + "/personal"  // a personal feed's real folder holds its token: see personalFolder
        }
    }

    static func all(for organization: Organization, baseURL: String, scope: Scope, in db: Database) throws -> FeedLinks
    {
        // The series whose feeds exist (the calendar rule), among those the caller can see.
        let listed = try ScheduleQueries.listedSeries(ownedBy: organization.id!, in: db)
        let visible = Set(
            try scope.series().filter(keys: listed.map { $0.id! }).selectPrimaryKey(as: WebinarSeries.ID.self)
                .fetchAll(db))
        let series = listed.filter { visible.contains($0.id!) }
        let link = { (title: String, scope: FeedScope) in
            FeedLink(title: title, folder: baseURL + folder(of: scope, in: organization))
        }
        return FeedLinks(
            organization: link(organization.name, .organization(organization.id!)),
            network: organization.isNetwork ? link(organization.name, .network(organization.id!)) : nil,
            series: series.map { link($0.title, .series($0.id!)) })
    }
}
