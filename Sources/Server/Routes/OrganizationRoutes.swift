import Foundation
import GRDB
import Hummingbird
import Kernel
import PluginKit

/// `/api/v1/organizations`: read what you may see; coordinators add members; administrators edit.
struct OrganizationRoutes {
    let workspace: Workspace

    func add(to router: some RouterMethods<IndabaRequestContext>) {
        router.get("organizations", use: list)
        router.post("organizations", use: create)
        router.get("organizations/:id", use: show)
        router.patch("organizations/:id", use: update)
    }

    private static let fields = ["parentId", "name", "slug", "country", "timeZone", "website", "defaultLanguage"]

    @Sendable func list(_ request: Request, context: IndabaRequestContext) async throws -> Response {
        try context.scope.requireAuthenticated()
        let query = try ListQuery(request, filters: ["parentId"])
        let scope = context.scope
        let page = try await workspace.read { db in
            var request = scope.organizations()
            if let parent = try query.id("parentId") { request = request.filter(Column("parentId") == parent) }
            return try query.page(request, in: db)
        }
        return try JSONResponse.make(page)
    }

    @Sendable func show(_ request: Request, context: IndabaRequestContext) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        let scope = context.scope
        try scope.requireAuthenticated()
        let organization = try await workspace.visible(id, entity: "organization", scope: scope) { $0.organizations() }
        return try JSONResponse.make(organization, etag: organization.etag)
    }

    @Sendable func create(_ request: Request, context: IndabaRequestContext) async throws -> Response {
        var fields = Fields(try await JSONInput.object(request, context: context), allowed: Self.fields)
        let parentId = fields.integer("parentId", required: true, in: 1...Int.max).map { Organization.ID(Int64($0)) }
        let input = Input(&fields, creating: true)
        try fields.throwIfInvalid()
        let scope = context.scope
        let organization = try await workspace.write(as: context.actor) { transaction in
            let parent = try scope.one(
                scope.organizations(), id: parentId!.rawValue, entity: "organization", in: transaction.db)
            guard parent.isNetwork else {
                throw Problem.invalid("parentId") { t in t("must be a network; members have no members") }
            }
            try scope.requireAdministration(of: parent.id!)
            guard scope.access.role == .networkCoordinator else {
                throw AccessError.forbidden("Only a coordinator of the network may add member organizations.")
            }
            try SlugRule.requireFree(
                input.slug!, in: Organization.self, parentColumn: "parentId", parent: parent.id, except: nil,
                entity: "organization", in: transaction.db)
            var organization = Organization(
                parentId: parent.id, name: "", slug: "", country: "", timeZone: "", createdAt: transaction.now,
                updatedAt: transaction.now)
            input.apply(to: &organization)
            return try input.saveLanguage(of: try transaction.save(organization), in: transaction)
        }
        return try JSONResponse.make(
            organization, status: .created, etag: organization.etag,
            location: context.baseURL + "/api/v1/organizations/\(organization.resourceId)")
    }

    @Sendable func update(_ request: Request, context: IndabaRequestContext) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        var fields = Fields(
            try await JSONInput.object(request, context: context), allowed: Self.fields.filter { $0 != "parentId" })
        let input = Input(&fields, creating: false)
        try fields.throwIfInvalid()
        let scope = context.scope
        let organization = try await workspace.write(as: context.actor) { transaction in
            var organization = try scope.one(scope.organizations(), id: id, entity: "organization", in: transaction.db)
            try scope.requireAdministration(of: organization.id!)
            try Preconditions.check(request, current: organization.etag)
            if let slug = input.slug, slug != organization.slug {
                try SlugRule.requireFree(
                    slug, in: Organization.self, parentColumn: "parentId", parent: organization.parentId,
                    except: organization.id?.rawValue, entity: "organization", in: transaction.db)
            }
            input.apply(to: &organization)
            return try input.saveLanguage(of: try transaction.save(organization), in: transaction)
        }
        return try JSONResponse.make(organization, etag: organization.etag)
    }

    /// The editable fields of a request body; `nil` leaves a field as it is.
    private struct Input {
        var name, slug, country, timeZone: String?
        var website: String??
        /// `.some(nil)`: none (English).
        var language: Language??

        init(_ fields: inout Fields, creating: Bool) {
            name = fields.string("name", required: creating) { FieldRules.textProblem($0) }
            slug = fields.string("slug", required: creating, check: Slug.problem)
            country = fields.string("country", required: creating, check: FieldRules.countryProblem)
            timeZone = fields.string("timeZone", required: creating, check: FieldRules.timeZoneProblem)
            website = fields.nullableString("website", check: FieldRules.webURLProblem)
            if let code = fields.nullableString("defaultLanguage") {
                language = .some(code.flatMap { code in Language.shipped.first { $0.code == code } })
                if code != nil, language! == nil {
                    let codes = Language.shipped.map(\.code).joined(separator: ", ")
                    fields.fail("defaultLanguage") { t in t("must be one of {codes}, or null", ["codes": codes]) }
                }
            }
        }

        /// Sets the language `organization` falls back to, when the request named one (the kernel audits it).
        func saveLanguage(of organization: Organization, in transaction: WriteTransaction) throws -> Organization {
            guard let language else { return organization }
            return try transaction.setDefaultLanguage(language, for: organization.id!)
        }

        func apply(to organization: inout Organization) {
            if let name { organization.name = name }
            if let slug { organization.slug = slug }
            if let country { organization.country = country }
            if let timeZone { organization.timeZone = timeZone }
            if let website { organization.website = website }
        }
    }
}
