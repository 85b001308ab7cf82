import Foundation
import GRDB
import Hummingbird
import Kernel
import PluginKit

/// `GET /[?org=ID&status=open|completed&upcoming=1&page=N]`: the public series on this server, open ones first, then
/// the most recent, ``pageSize`` to a page. However many series there are, a page holds at most ``pageSize`` cards
/// and the organization filter at most ``organizationLimit`` choices.
struct HomePage {
    let web: WebInterface

    /// Series on one page.
    static let pageSize = 20
    /// Organizations offered in the filter (more can still be named with `?org=`).
    static let organizationLimit = 200
    /// The last page number accepted: beyond it, narrow the list with the filters.
    static let maximumPage = 500
    static let html = "text/html; charset=utf-8"

    struct SeriesCard {
        let id: Int64
        let title: String
        let organization: String
        let status: String
        let dates: String?
        let summary: String?
    }

    struct Choice {
        let value: String
        let label: String
        let selected: Bool
    }

    struct Model {
        let series: [SeriesCard]
        let organizations: [Choice]
        let statuses: [Choice]
        let upcoming: Bool
        let filtered: Bool
        let page: Int
        let previous: String?
        let next: String?
        /// Mustache reads stored properties only.
        let paged: Bool

        init(
            series: [SeriesCard], organizations: [Choice], statuses: [Choice], upcoming: Bool, filtered: Bool,
            page: Int, previous: String?, next: String?
        ) {
            (self.series, self.organizations, self.statuses, self.upcoming) = (
                series, organizations, statuses, upcoming
            )
            (self.filtered, self.page, self.previous, self.next) = (filtered, page, previous, next)
            paged = previous != nil || next != nil
        }
    }

    /// What the query string asks for, checked.
    struct Query: Equatable {
        var organization: Int64?
        var status: WebinarSeries.Status?
        var upcoming = false
        var page = 1

        init(_ request: Request) throws {
            let parameters = request.uri.queryParameters
            if let text = parameters.get("org"), !text.isEmpty {
                guard let id = Int64(text), id > 0 else { throw Self.refusal("org must be an organization's id.") }
                organization = id
            }
            switch parameters.get("status") ?? "" {
            case "": break
            case "open": status = .published
            case "completed": status = .completed
            default: throw Self.refusal("status must be open or completed.")
            }
            upcoming = !(parameters.get("upcoming") ?? "").isEmpty
            if let text = parameters.get("page"), !text.isEmpty {
                guard let number = Int(text), (1...HomePage.maximumPage).contains(number) else {
                    throw Self.refusal(
                        "page must be a whole number from 1 to \(HomePage.maximumPage); narrow the list with the "
                            + "filters to reach older series.")
                }
                page = number
            }
        }

        private static func refusal(_ message: String) -> HTTPError { HTTPError(.badRequest, message: message) }

        /// The canonical query string of this listing at `page` (also the cache key).
        func link(page: Int) -> String {
            var items: [String] = []
            if let organization { items.append("org=\(organization)") }
            if let status { items.append("status=\(status == .published ? "open" : "completed")") }
            if upcoming { items.append("upcoming=1") }
            if page > 1 { items.append("page=\(page)") }
            return items.isEmpty ? "/" : "/?" + items.joined(separator: "&")
        }
    }

    func add(to router: RouterGroup<IndabaRequestContext>) {
        router.get("/") { request, context in
            let query = try Query(request)
            let chrome = web.chrome(for: request, context: context)
            let localizer = chrome.localizer
            let render = { () async throws -> String in
                let now = web.workspace.now()
                let model = try await web.workspace.read { db in
                    try Self.model(query, now: now, localizer: localizer, in: db)
                }
                // The visitor may have given up while the database was read: render nothing for nobody.
                try Task.checkCancellation()
                return try await web.renderer.document(
                    "home", title: localizer("Webinar series"), model: model, chrome: chrome)
            }
            guard !context.access.isAuthenticated else {
                return web.renderer.response(document: try await render(), chrome: chrome)
            }
            return try await web.publicPages.respond(
                to: request, key: "home \(localizer.language) " + query.link(page: query.page),
                render: { PublicResponseCache.Rendered(text: try await render(), contentType: Self.html) },
                fallback: { throw HTTPError(.notFound) })
        }
    }

    private static func model(_ query: Query, now: Date, localizer: Localizer, in db: Database) throws -> Model {
        let filter = SeriesListing.Filter(
            organization: query.organization.map(Organization.ID.init), status: query.status,
            upcomingAfter: query.upcoming ? now : nil)
        let listing = try SeriesListing.publicSeries(
            matching: filter, limit: pageSize, offset: (query.page - 1) * pageSize, in: db)
        let organizations = try SeriesListing.publicOrganizations(limit: organizationLimit, in: db)
        let formatter = localizer.dateFormatter("yMMMd", in: .gmt)
        let (open, completed) = (localizer("Open for enrolment"), localizer("Completed"))
        let cards = listing.items.map { series in
            formatter.timeZone = TimeZone(identifier: series.timeZone) ?? .gmt
            let dates = series.firstStart.flatMap { first in
                series.lastEnd.map { last in
                    let (from, to) = (formatter.string(from: first), formatter.string(from: last))
                    return from == to ? from : localizer("{from} to {to}", ["from": from, "to": to])
                }
            }
            return SeriesCard(
                id: series.id.rawValue, title: series.title, organization: series.organizationName,
                status: series.status == .published ? open : completed, dates: dates,
                summary: series.summary.isEmpty ? nil : series.summary)
        }
        return Model(
            series: cards,
            organizations: organizations.map {
                Choice(
                    value: "\($0.id.rawValue)", label: localizer.isolated($0.name),
                    selected: $0.id.rawValue == query.organization)
            },
            statuses: [
                Choice(value: "open", label: open, selected: query.status == .published),
                Choice(value: "completed", label: completed, selected: query.status == .completed),
            ],
            upcoming: query.upcoming,
            filtered: query.organization != nil || query.status != nil || query.upcoming, page: query.page,
            previous: query.page > 1 ? query.link(page: query.page - 1) : nil,
            next: listing.hasMore && query.page < maximumPage ? query.link(page: query.page + 1) : nil)
    }
}
