import Foundation
import GRDB
import Hummingbird
import Kernel
import PluginKit

/// `/api/v1/series/{id}/leaders…` and `/api/v1/series/{id}/clone`: who leads a series (facilitators and guest
/// speakers), changed by the series' administrators, and running a series again. Audited by the kernel.
struct SeriesStaffRoutes {
    let workspace: Workspace

    func add(to router: some RouterMethods<IndabaRequestContext>) {
        router.get("series/:id/leaders", use: leaders)
        router.put("series/:id/leaders/:role/:personId", use: addLeader)
        router.delete("series/:id/leaders/:role/:personId", use: removeLeader)
        router.post("series/:id/clone", use: clone)
    }

    /// One person leading a series, as the API shows them.
    struct Leader: Encodable, Sendable {
        let personId: Person.ID
        let displayName: String
        let role: SeriesRole.Role
    }

    struct Leaders: Encodable, Sendable {
        let items: [Leader]
    }

    @Sendable func leaders(_ request: Request, context: IndabaRequestContext) async throws -> Response {
        try context.scope.requireAuthenticated()
        let id = try context.parameters.require("id", as: Int64.self)
        let scope = context.scope
        let leaders = try await workspace.read { db in
            let series = try scope.one(scope.series(), id: id, entity: "series", in: db)
            return try SeriesFacilitation(of: series.id!, in: db).leaders
        }
        return try JSONResponse.make(
            Leaders(items: leaders.map { Leader(personId: $0.personId, displayName: $0.displayName, role: $0.role) }))
    }

    @Sendable func addLeader(_ request: Request, context: IndabaRequestContext) async throws -> Response {
        let (seriesId, personId, role) = try target(context)
        let scope = context.scope
        let (leader, added) = try await workspace.write(as: context.actor) { transaction in
            let (series, person) = try Self.seriesAndPerson(seriesId, personId, role: role, scope, transaction)
            let added = try transaction.addLeader(role, person: person.id!, series: series.id!)
            return (Leader(personId: person.id!, displayName: person.displayName, role: role), added)
        }
        return try JSONResponse.make(leader, status: added ? .created : .ok)
    }

    @Sendable func removeLeader(_ request: Request, context: IndabaRequestContext) async throws -> Response {
        let (seriesId, personId, role) = try target(context)
        let scope = context.scope
        let removed = try await workspace.write(as: context.actor) { transaction in
            let (series, person) = try Self.seriesAndPerson(seriesId, personId, role: role, scope, transaction)
            return try transaction.removeLeader(role, person: person.id!, series: series.id!)
        }
        guard removed else {
            throw Problem(.notFound) { t in
                t(
                    "Person {person} is not {role} of series {series}.",
                    ["person": "\(personId)", "role": role.rawValue, "series": "\(seriesId)"])
            }
        }
        return Response(status: .noContent)
    }

    @Sendable func clone(_ request: Request, context: IndabaRequestContext) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        var fields = Fields(
            try await JSONInput.object(request, context: context),
            allowed: ["slug", "title", "startsOn", "withRoles"])
        let slug = fields.string("slug", required: true, check: Slug.problem)
        let title = fields.string("title") { FieldRules.textProblem($0) }
        let startsOn = fields.string("startsOn", required: true)
        if let startsOn, LocalDay(startsOn) == nil {
            fields.fail("startsOn") { t in t("is not a day; write it as YYYY-MM-DD") }
        }
        let withRoles = fields.boolean("withRoles") ?? false
        try fields.throwIfInvalid()
        let scope = context.scope
        let copy = try await workspace.write(as: context.actor) { transaction in
            let source = try scope.one(scope.series(), id: id, entity: "series", in: transaction.db)
            try scope.requireAdministration(of: try transaction.organizationId(ofSeries: source.id!))
            try SlugRule.requireFree(
                slug!, in: WebinarSeries.self, parentColumn: "programmeId", parent: source.programmeId, except: nil,
                entity: "series", in: transaction.db)
            return try transaction.cloneSeries(
                .init(
                    source: source.id!, slug: slug!, title: title, startsOn: LocalDay(startsOn!)!, withRoles: withRoles)
            )
        }
        return try JSONResponse.make(
            copy, status: .created, etag: copy.etag, location: context.baseURL + "/api/v1/series/\(copy.resourceId)")
    }

    /// The series, person and role named in the path.
    private func target(_ context: IndabaRequestContext) throws -> (Int64, Int64, SeriesRole.Role) {
        let seriesId = try context.parameters.require("id", as: Int64.self)
        let personId = try context.parameters.require("personId", as: Int64.self)
        let role = context.parameters.get("role").flatMap(SeriesRole.Role.init(rawValue:))
        guard let role, role != .participant else {
            throw Problem(.notFound) { t in t("Series have two roles here: facilitator and guestSpeaker.") }
        }
        return (seriesId, personId, role)
    }

    /// The series (visible; the caller must administer it) and the person (visible to the caller).
    private static func seriesAndPerson(
        _ seriesId: Int64, _ personId: Int64, role: SeriesRole.Role, _ scope: Scope, _ transaction: WriteTransaction
    ) throws -> (WebinarSeries, Person) {
        let series = try scope.one(scope.series(), id: seriesId, entity: "series", in: transaction.db)
        let person = try scope.one(scope.people(), id: personId, entity: "person", in: transaction.db)
        try scope.requireAdministration(of: try transaction.organizationId(ofSeries: series.id!))
        return (series, person)
    }
}
