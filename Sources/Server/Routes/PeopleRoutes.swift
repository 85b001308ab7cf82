import Foundation
import GRDB
import Hummingbird
import Kernel
import PluginKit

/// `/api/v1/people`: administrators see self-descriptions; facilitators see the people of their series.
struct PeopleRoutes {
    let workspace: Workspace

    func add(to router: some RouterMethods<IndabaRequestContext>) {
        router.get("people", use: list)
        router.post("people", use: create)
        router.get("people/:id", use: show)
        router.patch("people/:id", use: update)
    }

    private static let fields = ["organizationId", "displayName", "email", "consent", "gender", "attributes"]

    @Sendable func list(_ request: Request, context: IndabaRequestContext) async throws -> Response {
        try context.scope.requireAuthenticated()
        let query = try ListQuery(request, filters: ["organizationId", "seriesId", "email"])
        let scope = context.scope
        let page = try await workspace.read { db in
            var request = scope.people()
            if let organization = try query.id("organizationId") {
                request = request.filter(Column("organizationId") == organization)
            }
            if let series = try query.id("seriesId") {
                // Who takes part in a series is private to its own administrators and facilitators.
                _ = try scope.one(scope.ownSeries(), id: series, entity: "series", in: db)
                request = request.takingPart(in: WebinarSeries.ID(series))
            }
            if let email = query.text("email") {
                request = request.filter(Column("emailKey") == FieldRules.emailKey(email))
            }
            return try query.page(request, in: db).map { PersonView($0, scope: scope) }
        }
        return try JSONResponse.make(page)
    }

    @Sendable func show(_ request: Request, context: IndabaRequestContext) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        let scope = context.scope
        try scope.requireAuthenticated()
        let person = try await workspace.visible(id, entity: "person", scope: scope) { $0.people() }
        return try JSONResponse.make(PersonView(person, scope: scope), etag: person.etag)
    }

    @Sendable func create(_ request: Request, context: IndabaRequestContext) async throws -> Response {
        var fields = Fields(try await JSONInput.object(request, context: context), allowed: Self.fields)
        let organizationId = fields.integer("organizationId", required: true, in: 1...Int.max)
        let input = Input(&fields, creating: true)
        try fields.throwIfInvalid()
        let scope = context.scope
        let person = try await workspace.write(as: context.actor) { transaction in
            let organization = try scope.one(
                scope.organizations(), id: Int64(organizationId!), entity: "organization", in: transaction.db)
            try scope.requireAdministration(of: organization.id!)
            try Self.requireFreeEmail(input.email!, except: nil, scope: scope, in: transaction.db)
            var person = Person(
                organizationId: organization.id!, displayName: "", email: "", createdAt: transaction.now,
                updatedAt: transaction.now)
            try input.apply(to: &person)
            return try transaction.save(person)
        }
        return try JSONResponse.make(
            PersonView(person, scope: scope), status: .created, etag: person.etag,
            location: context.baseURL + "/api/v1/people/\(person.resourceId)")
    }

    @Sendable func update(_ request: Request, context: IndabaRequestContext) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        var fields = Fields(
            try await JSONInput.object(request, context: context),
            allowed: Self.fields.filter { $0 != "organizationId" })
        let input = Input(&fields, creating: false)
        try fields.throwIfInvalid()
        let scope = context.scope
        let person = try await workspace.write(as: context.actor) { transaction in
            var person = try scope.one(scope.people(), id: id, entity: "person", in: transaction.db)
            try scope.requireAdministration(of: person.organizationId)
            try Preconditions.check(request, current: person.etag)
            if let email = input.email {
                try Self.requireFreeEmail(email, except: person.id, scope: scope, in: transaction.db)
            }
            try input.apply(to: &person)
            return try transaction.save(person)
        }
        return try JSONResponse.make(PersonView(person, scope: scope), etag: person.etag)
    }

    /// E-mails are unique across Indaba. A clash with someone the caller can see names that person; a clash with
    /// someone they cannot see says only that the address is taken, so ids never leak across organizations.
    private static func requireFreeEmail(_ email: String, except: Person.ID?, scope: Scope, in db: Database) throws {
        guard
            let existing = try Person.filter(Column("emailKey") == FieldRules.emailKey(email) && Column("id") != except)
                .fetchOne(db)
        else { return }
        if try scope.people().filter(key: existing.id).fetchCount(db) > 0 {
            throw KernelError.emailTaken(existing: existing.id!)
        }
        throw Problem(
            .conflict,
            "That e-mail address is already registered by another organization; ask a coordinator of your network.")
    }

    private struct Input {
        var displayName, email: String?
        var consent: Bool?
        var gender: String??
        var attributes: [String: String]?

        init(_ fields: inout Fields, creating: Bool) {
            displayName = fields.string("displayName", required: creating) { FieldRules.nameProblem($0) }
            email = fields.string("email", required: creating, check: FieldRules.emailProblem)
            consent = fields.boolean("consent")
            gender = fields.nullableString("gender") { FieldRules.textProblem($0, limit: 100) }
            attributes = fields.stringMap("attributes")
        }

        func apply(to person: inout Person) throws {
            if let displayName { person.displayName = displayName }
            if let email { person.email = email }
            if let consent { person.consent = consent }
            if let gender { person.gender = gender }
            if let attributes { person.attributes = attributes }
            if !person.consent, person.gender != nil || !person.attributes.isEmpty,
                consent == nil || gender != nil || attributes != nil
            {
                throw Problem.invalid("consent") { t in t("gender and attributes are stored only with consent: true") }
            }
        }
    }
}
