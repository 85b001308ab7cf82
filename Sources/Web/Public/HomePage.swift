import Foundation
import GRDB
import Hummingbird
import Kernel
import PluginKit

/// `GET /`: the public series on this server, open ones first, then the most recent.
struct HomePage {
    let web: WebInterface

    struct SeriesCard {
        let id: Int64
        let title: String
        let organization: String
        let status: String
        let dates: String?
        let summary: String?
    }

    struct Model {
        let series: [SeriesCard]
    }

    func add(to router: RouterGroup<IndabaRequestContext>) {
        router.get("/") { request, context in
            let cards = try await web.workspace.read { db in try Self.cards(in: db) }
            return web.renderer.page(
                "home", title: "Webinar series", model: Model(series: cards),
                chrome: web.chrome(for: request, context: context))
        }
    }

    private static func cards(in db: Database) throws -> [SeriesCard] {
        try SeriesListing.publicSeries(in: db).map { series in
            let zone = TimeZone(identifier: series.timeZone) ?? .gmt
            let dates = series.firstStart.flatMap { first in series.lastEnd.map { Self.span(first, $0, zone: zone) } }
            return SeriesCard(
                id: series.id.rawValue, title: series.title, organization: series.organizationName,
                status: series.status == .published ? "Open for enrolment" : "Completed", dates: dates,
                summary: series.summary.isEmpty ? nil : series.summary)
        }
    }

    private static func span(_ first: Date, _ last: Date, zone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = zone
        formatter.dateFormat = "d MMM yyyy"
        let (from, to) = (formatter.string(from: first), formatter.string(from: last))
        return from == to ? from : "\(from) to \(to)"
    }
}
