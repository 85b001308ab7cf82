import Foundation
import GRDB
import Hummingbird
import Kernel
import PluginKit

/// `/api/v1/organizations/:id/audit`: an organization's audit log, newest first, for its administrators and the
/// coordinators of its network. Anyone else gets the answer of a missing organization.
struct AuditRoutes {
    let workspace: Workspace

    func add(to router: some RouterMethods<IndabaRequestContext>) {
        router.get("organizations/:id/audit", use: list)
    }

    /// One audit line as the API answers it.
    struct Line: Encodable {
        let id: Int64
        let occurredAt: Date
        let actor: String
        let actorName: String
        let action: String
        let actionText: String
        let subject: String?
        let pluginId: String?
        let detail: JSONValue

        init(_ entry: AuditEntry, actorName: String?) {
            id = entry.id!.rawValue
            occurredAt = entry.occurredAt
            actor = entry.actor
            self.actorName = actorName ?? entry.actor
            action = entry.action
            actionText = AuditWording.action(entry.action)
            subject = entry.subject
            pluginId = entry.pluginId
            detail = (try? JSONDecoder().decode(JSONValue.self, from: Data(entry.detail.utf8))) ?? .object([:])
        }
    }

    static let filters = ["actor", "action", "since", "until", "subject"]

    @Sendable func list(_ request: Request, context: IndabaRequestContext) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        let scope = context.scope
        try scope.requireAuthenticated()
        let query = try ListQuery(request, filters: Self.filters)
        let filter = AuditFilter(
            organization: Organization.ID(id), actor: query.text("actor"), action: query.text("action"),
            since: try Self.bound(query, "since", endOfDay: false),
            until: try Self.bound(query, "until", endOfDay: true),
            subject: try Self.subject(query))
        let page = try await workspace.read { db in
            // The log is the administrators': to anyone else the organization is not there.
            guard scope.access.administered.contains(Organization.ID(id)) else {
                throw AccessError.notFound(entity: "organization", id: id)
            }
            let page = try AuditLog.page(
                filter, before: query.after.map { AuditEntry.ID($0) }, limit: query.limit, in: db)
            let names = try AuditLog.actorNames(page.entries.map(\.actor), in: db)
            return Page(items: page.entries.map { Line($0, actorName: names[$0.actor]) }, next: page.next?.rawValue)
        }
        return try JSONResponse.make(page)
    }

    private static func bound(_ query: ListQuery, _ name: String, endOfDay: Bool) throws -> Date? {
        guard let text = query.text(name) else { return nil }
        guard let date = AuditFilter.bound(text, endOfDay: endOfDay) else {
            throw Problem.invalidQuery([
                .init(field: name) { t in t("must be an instant (2026-03-01T08:00:00Z) or a day (2026-03-01)") }
            ])
        }
        return date
    }

    private static func subject(_ query: ListQuery) throws -> String? {
        guard let text = query.text("subject") else { return nil }
        if AuditFilter.subjectProblem(text) != nil {
            throw Problem.invalidQuery([
                .init(field: "subject") { t in t("must be a kind and an id, such as person:12 or series:3") }
            ])
        }
        return text
    }
}
