import Foundation
import GRDB
import Hummingbird
import Kernel
import PluginKit

/// `/api/v1/programmes`.
struct ProgrammeRoutes {
    let workspace: Workspace

    func add(to router: some RouterMethods<IndabaRequestContext>) {
        router.get("programmes", use: list)
        router.post("programmes", use: create)
        router.get("programmes/:id", use: show)
        router.patch("programmes/:id", use: update)
    }

    @Sendable func list(_ request: Request, context: IndabaRequestContext) async throws -> Response {
        try context.scope.requireAuthenticated()
        let query = try ListQuery(request, filters: ["organizationId"])
        let scope = context.scope
        let page = try await workspace.read { db in
            var request = scope.programmes()
            if let organization = try query.id("organizationId") {
                request = request.filter(Column("organizationId") == organization)
            }
            return try query.page(request, in: db)
        }
        return try JSONResponse.make(page)
    }

    @Sendable func show(_ request: Request, context: IndabaRequestContext) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        let scope = context.scope
        try scope.requireAuthenticated()
        let programme = try await workspace.visible(id, entity: "programme", scope: scope) { $0.programmes() }
        return try JSONResponse.make(programme, etag: programme.etag)
    }

    @Sendable func create(_ request: Request, context: IndabaRequestContext) async throws -> Response {
        var fields = Fields(
            try await JSONInput.object(request, context: context),
            allowed: ["organizationId", "slug", "title", "summary"])
        let organizationId = fields.integer("organizationId", required: true, in: 1...Int.max)
        let input = Input(&fields, creating: true)
        try fields.throwIfInvalid()
        let scope = context.scope
        let programme = try await workspace.write(as: context.actor) { transaction in
            let organization = try scope.one(
                scope.organizations(), id: Int64(organizationId!), entity: "organization", in: transaction.db)
            try scope.requireAdministration(of: organization.id!)
            try SlugRule.requireFree(
                input.slug!, in: Programme.self, parentColumn: "organizationId", parent: organization.id, except: nil,
                entity: "programme", in: transaction.db)
            var programme = Programme(
                organizationId: organization.id!, slug: "", title: "", createdAt: transaction.now,
                updatedAt: transaction.now)
            input.apply(to: &programme)
            return try transaction.save(programme)
        }
        return try JSONResponse.make(
            programme, status: .created, etag: programme.etag,
            location: context.baseURL + "/api/v1/programmes/\(programme.resourceId)")
    }

    @Sendable func update(_ request: Request, context: IndabaRequestContext) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        var fields = Fields(
            try await JSONInput.object(request, context: context), allowed: ["slug", "title", "summary"])
        let input = Input(&fields, creating: false)
        try fields.throwIfInvalid()
        let scope = context.scope
        let programme = try await workspace.write(as: context.actor) { transaction in
            var programme = try scope.one(scope.programmes(), id: id, entity: "programme", in: transaction.db)
            try scope.requireAdministration(of: programme.organizationId)
            try Preconditions.check(request, current: programme.etag)
            if let slug = input.slug, slug != programme.slug {
                try SlugRule.requireFree(
                    slug, in: Programme.self, parentColumn: "organizationId", parent: programme.organizationId,
                    except: programme.id?.rawValue, entity: "programme", in: transaction.db)
            }
            input.apply(to: &programme)
            return try transaction.save(programme)
        }
        return try JSONResponse.make(programme, etag: programme.etag)
    }

    private struct Input {
        var slug, title, summary: String?

        init(_ fields: inout Fields, creating: Bool) {
            slug = fields.string("slug", required: creating, check: Slug.problem)
            title = fields.string("title", required: creating) { FieldRules.textProblem($0) }
            summary = fields.string("summary") { $0.count > 5000 ? FieldProblem.tooLong(limit: 5000) : nil }
        }

        func apply(to programme: inout Programme) {
            if let slug { programme.slug = slug }
            if let title { programme.title = title }
            if let summary { programme.summary = summary }
        }
    }
}
