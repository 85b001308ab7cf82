import Foundation
import GRDB
import Hummingbird
import Kernel
import PluginKit

/// `/api/v1/sessions`: rescheduling and cancelling are updates of `startsAt`, `endsAt` and `status`.
struct SessionRoutes {
    let workspace: Workspace

    func add(to router: some RouterMethods<IndabaRequestContext>) {
        router.get("sessions", use: list)
        router.post("sessions", use: create)
        router.get("sessions/:id", use: show)
        router.patch("sessions/:id", use: update)
    }

    private static let fields = [
        "seriesId", "slug", "title", "kind", "startsAt", "endsAt", "timeZone", "joinURL", "agenda", "status",
        "description",
    ]

    @Sendable func list(_ request: Request, context: IndabaRequestContext) async throws -> Response {
        let query = try ListQuery(request, filters: ["seriesId", "status", "kind", "startsFrom", "startsBefore"])
        let scope = context.scope
        let page = try await workspace.read { db in
            var request = scope.sessions()
            if let series = try query.id("seriesId") { request = request.filter(Column("seriesId") == series) }
            if let status = try query.choice("status", as: Session.Status.self) {
                request = request.filter(Column("status") == status)
            }
            if let kind = try query.choice("kind", as: Session.Kind.self) {
                request = request.filter(Column("kind") == kind)
            }
            if let from = try query.instant("startsFrom") { request = request.filter(Column("startsAt") >= from) }
            if let before = try query.instant("startsBefore") { request = request.filter(Column("startsAt") < before) }
            let page = try query.page(request, in: db)
            let joinable = try scope.seriesWithJoinLinks(among: page.items.map(\.seriesId), in: db)
            return page.map { SessionView($0, showsJoinLink: joinable.contains($0.seriesId)) }
        }
        return try JSONResponse.make(page)
    }

    @Sendable func show(_ request: Request, context: IndabaRequestContext) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        let scope = context.scope
        let (session, joinable) = try await workspace.read { db in
            let session = try scope.one(scope.sessions(), id: id, entity: "session", in: db)
            return (session, try scope.seriesWithJoinLinks(among: [session.seriesId], in: db))
        }
        return try JSONResponse.make(
            SessionView(session, showsJoinLink: joinable.contains(session.seriesId)), etag: session.etag)
    }

    @Sendable func create(_ request: Request, context: IndabaRequestContext) async throws -> Response {
        var fields = Fields(try await JSONInput.object(request, context: context), allowed: Self.fields)
        let seriesId = fields.integer("seriesId", required: true, in: 1...Int.max)
        let input = Input(&fields, creating: true)
        try fields.throwIfInvalid()
        let scope = context.scope
        let session = try await workspace.write(as: context.actor) { transaction in
            let series = try scope.one(scope.series(), id: Int64(seriesId!), entity: "series", in: transaction.db)
            try scope.requireAdministration(of: try transaction.organizationId(ofSeries: series.id!))
            try SlugRule.requireFree(
                input.slug!, in: Session.self, parentColumn: "seriesId", parent: series.id, except: nil,
                entity: "session", in: transaction.db)
            let position = try transaction.nextSessionPosition(in: series.id!)
            var session = Session(
                seriesId: series.id!, position: position, slug: "", title: "", kind: .live, startsAt: Date(),
                endsAt: Date(), timeZone: series.timeZone, createdAt: transaction.now, updatedAt: transaction.now)
            try input.apply(to: &session)
            return try transaction.save(session)
        }
        return try JSONResponse.make(
            SessionView(session, showsJoinLink: true), status: .created, etag: session.etag,
            location: context.baseURL + "/api/v1/sessions/\(session.resourceId)")
    }

    @Sendable func update(_ request: Request, context: IndabaRequestContext) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        var fields = Fields(
            try await JSONInput.object(request, context: context), allowed: Self.fields.filter { $0 != "seriesId" })
        let input = Input(&fields, creating: false)
        try fields.throwIfInvalid()
        let scope = context.scope
        let session = try await workspace.write(as: context.actor) { transaction in
            var session = try scope.one(scope.sessions(), id: id, entity: "session", in: transaction.db)
            try scope.requireAdministration(of: try transaction.organizationId(ofSeries: session.seriesId))
            try Preconditions.check(request, current: session.etag)
            if let slug = input.slug {
                try SlugRule.requireFree(
                    slug, in: Session.self, parentColumn: "seriesId", parent: session.seriesId,
                    except: session.id?.rawValue, entity: "session", in: transaction.db)
            }
            try input.apply(to: &session)
            return try transaction.save(session)
        }
        return try JSONResponse.make(SessionView(session, showsJoinLink: true), etag: session.etag)
    }

    private struct Input {
        var slug, title, timeZone: String?
        var kind: Session.Kind?
        var startsAt, endsAt: Date?
        var joinURL: String??
        var agenda: [String]?
        var description: String?
        var status: Session.Status?

        init(_ fields: inout Fields, creating: Bool) {
            slug = fields.string("slug", required: creating, check: Slug.problem)
            title = fields.string("title", required: creating) { FieldRules.textProblem($0) }
            kind = fields.choice("kind", required: creating)
            startsAt = fields.instant("startsAt", required: creating)
            endsAt = fields.instant("endsAt", required: creating)
            timeZone = fields.string("timeZone", check: FieldRules.timeZoneProblem)
            joinURL = fields.nullableString("joinURL", check: FieldRules.webURLProblem)
            agenda = fields.strings("agenda")
            description = fields.string("description", check: Session.descriptionProblem)
            status = fields.choice("status")
            if let startsAt, let endsAt, endsAt <= startsAt {
                fields.fail("endsAt") { t in t("must be after startsAt") }
            }
            if kind == .offlineExercise, joinURL??.isEmpty == false {
                fields.fail("joinURL") { t in t("an offline exercise has no join URL") }
            }
        }

        func apply(to session: inout Session) throws {
            if let slug { session.slug = slug }
            if let title { session.title = title }
            if let kind { session.kind = kind }
            if let startsAt { session.startsAt = startsAt.wholeSeconds }
            if let endsAt { session.endsAt = endsAt.wholeSeconds }
            if let timeZone { session.timeZone = timeZone }
            if let joinURL { session.joinURL = joinURL }
            if let agenda { session.agenda = agenda }
            if let description { session.description = description }
            if let status { session.status = status }
            guard session.endsAt > session.startsAt else {
                throw Problem.invalid("endsAt") { t in t("must be after startsAt") }
            }
            if session.kind == .offlineExercise, session.joinURL != nil {
                throw Problem.invalid("joinURL") { t in t("an offline exercise has no join URL") }
            }
        }
    }
}
