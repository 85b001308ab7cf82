import Foundation
import GRDB
import Hummingbird
import Kernel
import PluginKit

/// `GET /workspace/orgs/{org}/audit`: an organization's audit log for its administrators and the coordinators of
/// its network, newest first, 50 lines a page, filtered by who, what, when (from/to, UTC days) and about what.
/// Anyone else gets the answer of a missing organization.
struct AuditPage {
    static let pageSize = 50

    let web: WebInterface

    struct Choice {
        let value: String
        let label: String
        let selected: Bool
    }

    struct Line {
        let id: Int64
        let when: String
        let actor: String
        let action: String
        let subject: String
        let detail: String
    }

    struct Model {
        let organization: String
        let path: String
        let actors: [Choice]
        let actions: [Choice]
        let since: String
        let until: String
        let subject: String
        let error: String?
        let lines: [Line]
        let hasLines: Bool
        let older: String?
        let newest: String?
    }

    /// The filters of the query string, as typed.
    struct Query {
        var actor: String?
        var action: String?
        var since: String?
        var until: String?
        var subject: String?
        var before: Int64?

        init(_ request: Request) {
            func value(_ name: String) -> String? {
                request.uri.queryParameters.get(name).flatMap { $0.isEmpty ? nil : $0 }
            }
            actor = value("actor")
            action = value("action")
            since = value("since")
            until = value("until")
            subject = value("subject")
            before = value("before").flatMap { Int64($0) }
        }

        /// The filter, or why it cannot be read (in `t`'s language).
        func filter(
            for organization: Organization.ID, _ t: Localizer = .english
        ) -> Result<AuditFilter, FilterProblem> {
            let sinceDate = since.flatMap { AuditFilter.bound($0, endOfDay: false) }
            let untilDate = until.flatMap { AuditFilter.bound($0, endOfDay: true) }
            if since != nil, sinceDate == nil {
                return .failure(FilterProblem(t("From must be a day, such as 2026-03-01.")))
            }
            if until != nil, untilDate == nil {
                return .failure(FilterProblem(t("To must be a day, such as 2026-03-31.")))
            }
            if let subject, let problem = AuditFilter.subjectProblem(subject) {
                // The kernel's reason is English; other languages get the form the field expects.
                return .failure(
                    FilterProblem(
                        t.language == .english
                            ? "Subject \(problem)."
                            : t("About must be a kind and an id, such as person:12.")))
            }
            return .success(
                AuditFilter(
                    organization: organization, actor: actor, action: action, since: sinceDate, until: untilDate,
                    subject: subject))
        }

        /// The query string of these filters, for the page `before` an id (or the first page).
        func link(_ path: String, before: Int64?) -> String {
            var items: [URLQueryItem] = []
            for (name, value) in [
                ("actor", actor), ("action", action), ("since", since), ("until", until), ("subject", subject),
            ] {
                if let value { items.append(URLQueryItem(name: name, value: value)) }
            }
            if let before { items.append(URLQueryItem(name: "before", value: "\(before)")) }
            var components = URLComponents()
            components.queryItems = items
            return items.isEmpty ? path : path + "?" + (components.percentEncodedQuery ?? "")
        }
    }

    struct FilterProblem: Error {
        let message: String
        init(_ message: String) { self.message = message }
    }

    func add(to router: RouterGroup<IndabaRequestContext>) {
        router.get("workspace/orgs/:org/audit") { request, context in
            let organization = try await organization(context)
            let id = organization.id!
            let query = Query(request)
            let chrome = web.chrome(for: request, context: context)
            let t = chrome.localizer
            var filter: AuditFilter?
            var problem: String?
            switch query.filter(for: id, t) {
            case let .success(read): filter = read
            case let .failure(refusal): problem = refusal.message
            }
            let (page, names, choices) = try await web.workspace.read { [filter] db in
                let choices = try AuditLog.choices(for: id, in: db)
                let before = query.before.map { AuditEntry.ID($0) }
                let page = try filter.map { filter in
                    try AuditLog.page(filter, before: before, limit: Self.pageSize, in: db)
                }
                let names = try AuditLog.actorNames(choices.actors, in: db, t)
                return (page, names, choices)
            }
            let path = "/workspace/orgs/\(id.rawValue)/audit"
            let model = Self.model(
                organization: organization, path: path, query: query, page: page, names: names, choices: choices,
                error: problem, labels: web.auditActionLabels, t)
            return web.renderer.page(
                "audit", title: t("Audit log of {organization}", ["organization": organization.name]), model: model,
                chrome: chrome, status: problem == nil ? .ok : .badRequest)
        }
    }

    static func model(
        organization: Organization, path: String, query: Query, page: AuditLogPage?, names: [String: String],
        choices: (actions: [String], actors: [String]), error: String?, labels: AuditActionLabels,
        _ t: Localizer = .english
    ) -> Model {
        let format = DateFormatter()
        format.locale = Locale(identifier: "en_GB_POSIX")
        format.timeZone = TimeZone(identifier: "UTC")
        format.dateFormat = "yyyy-MM-dd HH:mm:ss"
        let lines = (page?.entries ?? []).map { entry in
            Line(
                id: entry.id!.rawValue, when: format.string(from: entry.occurredAt),
                actor: names[entry.actor] ?? entry.actor,
                action: labels.action(entry.action, t) + (entry.pluginId.map { " (\(labels.plugin($0, t)))" } ?? ""),
                subject: entry.subject ?? "", detail: entry.detail == "{}" ? "" : entry.detail)
        }
        let areas = Set(choices.actions.compactMap { $0.split(separator: ".").first.map(String.init) }).sorted()
        let actions =
            [Choice(value: "", label: t("Any change"), selected: query.action == nil)]
            + areas.map { Choice(value: $0, label: labels.area($0, t), selected: query.action == $0) }
            + choices.actions.map {
                Choice(value: $0, label: labels.action($0, t), selected: query.action == $0)
            }
        let kinds = Set(
            choices.actors.compactMap { actor in
                actor.contains(":") ? String(actor.prefix { $0 != ":" }) + ":" : nil
            }
        ).sorted()
        let actors =
            // Translators: a filter of the audit log: changes made by any person or program.
            [Choice(value: "", label: t("Anyone"), selected: query.actor == nil)]
            + kinds.map {
                Choice(value: $0, label: Self.anyActor($0, t), selected: query.actor == $0)
            }
            + choices.actors.map { Choice(value: $0, label: names[$0] ?? $0, selected: query.actor == $0) }
        return Model(
            organization: organization.name, path: path, actors: actors, actions: actions,
            since: query.since ?? "", until: query.until ?? "", subject: query.subject ?? "",
            error: error, lines: lines, hasLines: !lines.isEmpty,
            older: page?.next.map { query.link(path, before: $0.rawValue) },
            newest: query.before == nil ? nil : query.link(path, before: nil))
    }

    /// "Any …" for a kind of actor (`cli:`, `token:`, `session:`, `web:`).
    static func anyActor(_ kind: String, _ t: Localizer) -> String {
        switch kind {
        case "cli:": t("Any command-line user")
        case "token:": t("Any API token")
        case "session:": t("Any signed-in user")
        case "web:": t("Any public page")
        // Translators: put before a kind of actor ("Any" + "token"), in a filter of the audit log.
        default: "\(t("Any")) \(kind)"
        }
    }

    /// The organization named in the path, for its administrators; 404 for anyone else, as for a missing one.
    private func organization(_ context: IndabaRequestContext) async throws -> Organization {
        try context.scope.requireAuthenticated()
        guard let id = context.parameters.get("org", as: Int64.self) else {
            throw AccessError.notFound(entity: "org", id: 0)
        }
        let scope = context.scope
        let organization = try await web.workspace.read { db in
            try scope.one(scope.organizations(), id: id, entity: "org", in: db)
        }
        guard context.access.administered.contains(organization.id!) else {
            throw AccessError.notFound(entity: "org", id: id)
        }
        return organization
    }
}
