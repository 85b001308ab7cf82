import Foundation
import GRDB
import Hummingbird
import Kernel

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
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT s.id, s.title, s.summary, s.status, s.timeZone, o.name,
                       (SELECT min(startsAt) FROM session WHERE seriesId = s.id) AS firstStart,
                       (SELECT max(endsAt) FROM session WHERE seriesId = s.id) AS lastEnd
                FROM webinarSeries s JOIN programme p ON p.id = s.programmeId
                JOIN organization o ON o.id = p.organizationId
                WHERE s.status IN ('published', 'completed')
                ORDER BY s.status = 'published' DESC, firstStart DESC, s.id
                """)
        return rows.map { row in
            let zone = TimeZone(identifier: row["timeZone"]) ?? .gmt
            let first: Date? = row["firstStart"]
            let last: Date? = row["lastEnd"]
            let dates = first.flatMap { first in last.map { Self.span(first, $0, zone: zone) } }
            let summary: String = row["summary"]
            let status: String = row["status"]
            return SeriesCard(
                id: row["id"], title: row["title"], organization: row["name"],
                status: status == "published" ? "Open for enrolment" : "Completed", dates: dates,
                summary: summary.isEmpty ? nil : summary)
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
