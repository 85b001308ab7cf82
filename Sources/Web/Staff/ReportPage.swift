import Foundation
import GRDB
import Hummingbird
import Kernel
import PluginKit

/// `GET /reports/series/{id}`: the post-series report (``Kernel/SeriesReportDocument``) for the series'
/// administrators, with the sections of the plugins enabled for its organization.
struct ReportPage {
    let web: WebInterface

    struct Model {
        let body: String
    }

    func add(to router: RouterGroup<IndabaRequestContext>) {
        router.get("reports/series/:series") { request, context in
            try context.scope.requireAuthenticated()
            guard let id = context.parameters.get("series", as: Int64.self) else {
                throw AccessError.notFound(entity: "series", id: 0)
            }
            let scope = context.scope
            let series = try await web.workspace.read { db in
                try scope.one(scope.ownSeries(), id: id, entity: "series", in: db)
            }
            let language = try await web.workspace.read { db in
                try Organization.fetchOne(db, key: SeriesOwnership.owner(ofSeries: series.id!, in: db))?.language
            }
            let chrome = web.chrome(for: request, context: context, organization: language)
            let report = try await SeriesReportDocument.build(
                series: series.id!, workspace: web.workspace, localizer: chrome.localizer)
            return web.renderer.html(
                content: report.html(logoAddress: "/reports/series/\(id)/logo.png").markup, title: report.title,
                chrome: chrome, status: .ok)
        }
        // The organization's logo, for the report's head, to whoever may read the report.
        router.get("reports/series/:series/logo.png") { _, context in
            try context.scope.requireAuthenticated()
            guard let id = context.parameters.get("series", as: Int64.self) else {
                throw AccessError.notFound(entity: "series", id: 0)
            }
            let scope = context.scope
            let png = try await web.workspace.read { db -> Data? in
                let series = try scope.one(scope.ownSeries(), id: id, entity: "series", in: db)
                let owner = try SeriesOwnership.owner(ofSeries: series.id!, in: db)
                return try OrganizationLogo.png(of: owner, in: db)
            }
            guard let png else { throw AccessError.notFound(entity: "logo", id: id) }
            return OrganizationLogoPage.image(png)
        }
    }
}
