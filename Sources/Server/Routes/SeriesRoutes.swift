import Foundation
import GRDB
import Hummingbird
import Kernel
import PluginKit

/// `/api/v1/series`: anonymous callers see published and completed series.
struct SeriesRoutes {
    let workspace: Workspace

    func add(to router: some RouterMethods<IndabaRequestContext>) {
        router.get("series", use: list)
        router.post("series", use: create)
        router.get("series/:id", use: show)
        router.patch("series/:id", use: update)
    }

    private static let fields = ["programmeId", "slug", "title", "summary", "objectives", "status", "timeZone"]

    @Sendable func list(_ request: Request, context: IndabaRequestContext) async throws -> Response {
        let query = try ListQuery(request, filters: ["programmeId", "status"])
        let scope = context.scope
        let page = try await workspace.read { db in
            var request = scope.series()
            if let programme = try query.id("programmeId") {
                request = request.filter(Column("programmeId") == programme)
            }
            if let status = try query.choice("status", as: WebinarSeries.Status.self) {
                request = request.filter(Column("status") == status)
            }
            return try query.page(request, in: db)
        }
        return try JSONResponse.make(page)
    }

    @Sendable func show(_ request: Request, context: IndabaRequestContext) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        let scope = context.scope
        let series = try await workspace.visible(id, entity: "series", scope: scope) { $0.series() }
        return try JSONResponse.make(series, etag: series.etag)
    }

    @Sendable func create(_ request: Request, context: IndabaRequestContext) async throws -> Response {
        var fields = Fields(try await JSONInput.object(request, context: context), allowed: Self.fields)
        let programmeId = fields.integer("programmeId", required: true, in: 1...Int.max)
        let input = Input(&fields, creating: true)
        try fields.throwIfInvalid()
        let scope = context.scope
        let series = try await workspace.write(as: context.actor) { transaction in
            let programme = try scope.one(
                scope.programmes(), id: Int64(programmeId!), entity: "programme", in: transaction.db)
            try scope.requireAdministration(of: programme.organizationId)
            try SlugRule.requireFree(
                input.slug!, in: WebinarSeries.self, parentColumn: "programmeId", parent: programme.id, except: nil,
                entity: "series", in: transaction.db)
            var series = WebinarSeries(
                programmeId: programme.id!, slug: "", title: "", timeZone: "", createdAt: transaction.now,
                updatedAt: transaction.now)
            input.apply(to: &series)
            return try transaction.save(series)
        }
        return try JSONResponse.make(
            series, status: .created, etag: series.etag,
            location: context.baseURL + "/api/v1/series/\(series.resourceId)")
    }

    @Sendable func update(_ request: Request, context: IndabaRequestContext) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        var fields = Fields(
            try await JSONInput.object(request, context: context), allowed: Self.fields.filter { $0 != "programmeId" })
        let input = Input(&fields, creating: false)
        try fields.throwIfInvalid()
        let scope = context.scope
        let series = try await workspace.write(as: context.actor) { transaction in
            var series = try scope.one(scope.series(), id: id, entity: "series", in: transaction.db)
            try scope.requireAdministration(of: try transaction.organizationId(ofSeries: series.id!))
            try Preconditions.check(request, current: series.etag)
            if let slug = input.slug, slug != series.slug {
                try SlugRule.requireFree(
                    slug, in: WebinarSeries.self, parentColumn: "programmeId", parent: series.programmeId,
                    except: series.id?.rawValue, entity: "series", in: transaction.db)
            }
            input.apply(to: &series)
            return try transaction.save(series)
        }
        return try JSONResponse.make(series, etag: series.etag)
    }

    private struct Input {
        var slug, title, summary, timeZone: String?
        var objectives: [String]?
        var status: WebinarSeries.Status?

        init(_ fields: inout Fields, creating: Bool) {
            slug = fields.string("slug", required: creating, check: Slug.problem)
            title = fields.string("title", required: creating) { FieldRules.textProblem($0) }
            summary = fields.string("summary") { $0.count > 5000 ? FieldProblem.tooLong(limit: 5000) : nil }
            timeZone = fields.string("timeZone", required: creating, check: FieldRules.timeZoneProblem)
            objectives = fields.strings("objectives")
            status = fields.choice("status")
        }

        func apply(to series: inout WebinarSeries) {
            if let slug { series.slug = slug }
            if let title { series.title = title }
            if let summary { series.summary = summary }
            if let timeZone { series.timeZone = timeZone }
            if let objectives { series.objectives = objectives }
            if let status { series.status = status }
        }
    }
}
