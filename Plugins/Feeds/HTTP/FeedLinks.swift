import Foundation
import GRDB
import Kernel

/// Where to subscribe: the https URL of a feed and its `webcal://` form, which calendar apps open directly.
struct FeedLink: Encodable, Sendable, Equatable {
    let title: String
    let ics: String
    let webcal: String

    init(title: String, ics: String) {
        self.title = title
        self.ics = ics
        let scheme = ics.range(of: "://").map { ics[..<$0.lowerBound] } ?? ""
        webcal = scheme.isEmpty ? ics : "webcal" + ics.dropFirst(scheme.count)
    }
}

/// The feeds an organization publishes.
struct FeedLinks: Encodable, Sendable {
    let organization: FeedLink
    let network: FeedLink?
    let series: [FeedLink]

    static func all(for organization: Organization, baseURL: String, scope: Scope, in db: Database) throws -> FeedLinks
    {
        let prefix = "\(baseURL)/public/orgs/\(organization.id!.rawValue)/feeds"
        let series = try scope.series()
            .filter(
                sql: "programmeId IN (SELECT id FROM programme WHERE organizationId = ?) AND status != 'draft'",
                arguments: [organization.id]
            )
            .order(Column("id")).fetchAll(db)
        return FeedLinks(
            organization: FeedLink(title: organization.name, ics: "\(prefix)/calendar.ics"),
            network: organization.isNetwork ? FeedLink(title: organization.name, ics: "\(prefix)/network.ics") : nil,
            series: series.map { FeedLink(title: $0.title, ics: "\(prefix)/series/\($0.id!.rawValue)/calendar.ics") })
    }
}
