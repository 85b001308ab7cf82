import Foundation
import GRDB
import Hummingbird
import Kernel
import Logging
import PluginKit

/// `/orgs/{org}/retention/review`: export rows no person was found for, each with three forms: link to a person
/// (one of the candidates, or found by e-mail), create a person (e-mail field, administrators only), or ignore.
/// Administrators see the organization's rows; a facilitator the rows of the sessions of the series they run. Each decision is one
/// transaction through ``ReviewQueue/resolve(_:of:decision:settings:in:)``; a refusal is shown next to the item's
/// field with 422 and nothing written.
struct ReviewQueuePage {
    let plugin: RetentionPlugin

    /// A refusal for one item's field.
    struct Problem {
        let item: Int64
        let field: String
        let message: String
    }

    /// Administrators of the organization, and facilitators (who see only their own series' rows).
    static func requireReviewer(_ scope: Scope, of organization: Organization.ID) throws {
        guard scope.access.facilitated.isEmpty || scope.access.administered.contains(organization) else { return }
        try scope.requireAdministration(of: organization)
    }

    func show(_ page: PageRequest) async throws -> PageResponse {
        try Self.requireReviewer(page.context.scope, of: page.organization.id!)
        let resolved = page.query("resolved").flatMap { Int64($0) }
        return .page(try await list(page, problem: nil, resolved: resolved))
    }

    func resolve(_ page: PageRequest) async throws -> PageResponse {
        let organization = page.organization.id!
        try Self.requireReviewer(page.context.scope, of: organization)
        guard let item = page.context.parameters.get("item", as: Int64.self) else {
            throw AccessError.notFound(entity: "review item", id: 0)
        }
        let form = page.form
        let t = page.localizer
        let decision: ReviewDecision
        switch form["action"] {
        case "ignore":
            decision = .ignore
        case "create":
            decision = .create(email: form["email"])
        case "link":
            if let id = Int64(form["person"]) {
                decision = .link(Person.ID(id))
            } else if !form["linkEmail"].isEmpty {
                let (email, scope) = (form["linkEmail"], page.context.scope)
                let found = try await plugin.context.store.read { db -> Person.ID? in
                    do {
                        return try scope.person(email, in: db).id
                    } catch KernelError.notFound {
                        return nil
                    } catch AccessError.notFound {
                        return nil
                    }
                }
                guard let found else {
                    return try await refuse(
                        page,
                        Problem(
                            item: item, field: "linkEmail",
                            message: t("Nobody you can see has this e-mail address; create a person instead.")))
                }
                decision = .link(found)
            } else {
                return try await refuse(
                    page,
                    Problem(
                        item: item, field: "linkEmail",
                        message: t("Choose a candidate or give the e-mail address of the person.")))
            }
        default:
            return try await refuse(
                page, Problem(item: item, field: "action", message: t("Choose link, create or ignore.")))
        }
        let settings = try await plugin.settings(for: organization)
        let scope = page.context.scope
        do {
            let resolved = try await plugin.context.write(as: page.actor) {
                transaction in
                try ReviewQueue.resolve(
                    item, of: organization, decision: decision, settings: settings, scope: scope, in: transaction)
            }
            plugin.context.logger.info(
                "Review item resolved from the web", metadata: ["item": "\(item)", "status": "\(resolved.status)"])
        } catch AccessError.forbidden(let reason) {
            return try await refuse(page, Problem(item: item, field: "action", message: reason))
        } catch AccessError.notFound(entity: "person", _) {
            // A person this administrator cannot see reads exactly like one that does not exist.
            return try await refuse(
                page,
                Problem(
                    item: item, field: "linkEmail",
                    message: t("Nobody you can see is this person; choose a candidate or give an e-mail address.")))
        } catch let error as KernelError {
            switch error {
            case .notFound(entity: "review item", _): throw AccessError.notFound(entity: "review item", id: item)
            case let .invalidField(field, reason):
                guard field == "email" else {
                    return try await refuse(
                        page,
                        Problem(
                            item: item, field: "action",
                            message: t("This row cannot be resolved: {reason}.", ["reason": reason.worded(t)])))
                }
                let target = form["action"] == "create" ? "email" : "linkEmail"
                return try await refuse(
                    page,
                    Problem(
                        item: item, field: target,
                        message: t("This e-mail address {reason}.", ["reason": reason.worded(t)])))
            case .notFound:
                return try await refuse(
                    page, Problem(item: item, field: "linkEmail", message: t("That person no longer exists.")))
            default:
                return try await refuse(
                    page,
                    Problem(
                        item: item, field: "action",
                        message: t(
                            "The row could not be resolved: the person is not enrolled and no walk-in channel is set."))
                )
            }
        }
        return .redirect("review?resolved=\(item)")
    }

    /// Links the open items with the same identity in the series' other sessions to the person item `item` was
    /// resolved to, all in one transaction: what the page offers after a link ("and in the series' other sessions").
    func resolveForSeries(_ page: PageRequest) async throws -> PageResponse {
        let organization = page.organization.id!
        try Self.requireReviewer(page.context.scope, of: organization)
        guard let item = page.context.parameters.get("item", as: Int64.self) else {
            throw AccessError.notFound(entity: "review item", id: 0)
        }
        let settings = try await plugin.settings(for: organization)
        let scope = page.context.scope
        let count = try await plugin.context.write(as: page.actor) { transaction in
            guard
                let (person, items) = try ReviewQueue.sameIdentityInSeries(
                    as: item, of: organization, scope: scope, in: transaction.db)
            else { return 0 }
            for other in items {
                try ReviewQueue.resolve(
                    other.id, of: organization, decision: .link(person), settings: settings, scope: scope,
                    in: transaction)
            }
            return items.count
        }
        return .redirect("review?series=\(count)")
    }

    private func refuse(_ page: PageRequest, _ problem: Problem) async throws -> PageResponse {
        .page(try await list(page, problem: problem, resolved: nil), status: .unprocessableContent)
    }

    private func list(_ page: PageRequest, problem: Problem?, resolved: Int64?) async throws -> PageContent {
        let organization = page.organization.id!
        let scope = page.context.scope
        let (items, sessions, people) = try await plugin.context.store.read { db in
            let items = try ReviewQueue.items(of: organization, includeResolved: false, scope: scope, in: db)
            let sessions = try scope.sessions().filter(keys: Set(items.map(\.sessionId))).fetchAll(db)
                .reduce(into: [Session.ID: String]()) { $0[$1.id!] = $1.title }
            let ids = Set(items.flatMap { $0.candidateIds })
            let people = try scope.people().filter(keys: ids).fetchAll(db)
                .reduce(into: [Person.ID: Person]()) { $0[$1.id!] = $1 }
            return (items, sessions, people)
        }
        let t = page.localizer
        var done: HTML =
            resolved.map {
                "<p class=\"notice\" role=\"status\">\(t("Item {item} is resolved.", ["item": String($0)]))</p>"
            } ?? ""
        if let resolved,
            let (_, same) = try await plugin.context.store.read({ db in
                try ReviewQueue.sameIdentityInSeries(as: resolved, of: organization, scope: scope, in: db)
            })
        {
            let action = page.basePath + "review/\(resolved)/series"
            let waiting = t.plural(
                "{count} more row of the same name or address is waiting in the series' other sessions.",
                "{count} more rows of the same name or address are waiting in the series' other sessions.",
                count: same.count)
            let link = t.plural("Link it to the same person", "Link them to the same person", count: same.count)
            done =
                done + """
                    <form method="post" action="\(action)" class="notice">\(page.formField(for: action))
                    <p>\(waiting)</p><button type="submit">\(link)</button></form>
                    """
        }
        if let linked = page.query("series").flatMap({ Int($0) }) {
            done =
                done
                    + """
                    <p class="notice" role="status">\(t.plural(
                    "{count} more row linked in the series' other sessions.",
                    "{count} more rows linked in the series' other sessions.", count: linked))</p>
                    """
        }
        // A refusal for a row no longer listed (resolved meanwhile) is shown above the list.
        if let problem, !items.contains(where: { $0.id == problem.item }) {
            done = "<p class=\"error\" role=\"alert\">\(problem.message)</p>"
        }
        guard !items.isEmpty else {
            let nothing = t("Nothing to review: every row of the uploaded exports was matched or resolved.")
            return PageContent(
                title: t("Review queue"),
                body:
                    "\(done)<p>\(nothing)</p><p><a href=\"\(page.basePath)attendance\">\(t("Upload attendance"))</a></p>"
            )
        }
        let entries: [HTML] = items.map { item in
            let error = { (field: String) -> String? in
                problem.flatMap { $0.item == item.id && $0.field == field ? $0.message : nil }
            }
            return entry(item, session: sessions[item.sessionId] ?? "", people: people, page: page, error: error)
        }
        let lead = t.plural(
            "{count} row of uploaded exports matched nobody. Link each to a person, create a person for it, or ignore "
                + "it (a phone dial-in, a test account). A link is remembered, so the next export matches by itself.",
            "{count} rows of uploaded exports matched nobody. Link each to a person, create a person for it, or "
                + "ignore it (a phone dial-in, a test account). A link is remembered, so the next export matches by "
                + "itself.", count: items.count)
        return PageContent(
            title: t("Review queue"),
            body: """
                \(done)
                <p class="lead">\(lead)</p>
                \(entries)
                """)
    }

    private func entry(
        _ item: ReviewItem, session: String, people: [Person.ID: Person], page: PageRequest,
        error: (String) -> String?
    ) -> HTML {
        let id = item.id
        let t = page.localizer
        // What was typed into this item's refused form comes back in its field.
        let typed = { (name: String) -> String? in
            page.context.parameters.get("item", as: Int64.self) == id && !page.form[name].isEmpty
                ? page.form[name] : nil
        }
        let candidates: [HTML] = item.candidateIds.compactMap { people[$0] }.map { person in
            "<option value=\"\(person.id!.rawValue)\">\(t("{name} ({email})", ["name": person.displayName, "email": person.email]))</option>"
        }
        let choose: HTML =
            candidates.isEmpty
            ? ""
            : """
            <div class="field"><label for="person-\(id)">\(t("Candidate"))</label>\
            <select id="person-\(id)" name="person"><option value="">\(t("Find by e-mail instead"))</option>\
            \(candidates)</select></div>
            """
        let reason =
            switch item.reason {
            case "ambiguous": t("several people could be meant")
            case "notEnrolled": t("not enrolled, and no walk-in channel is set")
            default: t("nobody with this name or e-mail")
            }
        let action = error("action").map { HTML("<p class=\"error\" role=\"alert\">\($0)</p>") } ?? ""
        // Creating a person is for the organization's administrators; a facilitator links or ignores.
        let createForm: HTML =
            !page.context.scope.access.administered.contains(page.organization.id!)
            ? ""
            : """
            <form method="post" action="\(page.basePath)review/\(id)" class="stacked">\(page.formField(for: "\(page.basePath)review/\(id)"))\
            <input type="hidden" name="action" value="create">
            \(field(
                label: t("E-mail of a new person"), id: "create-email-\(id)", error: error("email"),
                control: "<input type=\"email\" dir=\"ltr\" id=\"create-email-\(id)\" name=\"email\" autocomplete=\"off\" value=\"\(typed("email") ?? item.email ?? "")\"\(describedBy("create-email-\(id)", error("email")))>"))
            <p><button type="submit">\(t("Create person"))</button></p></form>
            """
        return """
            <section class="review" aria-labelledby="item-\(id)">
            <h2 id="item-\(id)"><bdi>\(item.displayName)</bdi></h2>
            <p><bdi>\(session)</bdi> · \(t.plural("{count} minute", "{count} minutes", count: item.minutes)) · \(reason)\
            \(item.email.map { HTML(" · <bdi>\($0)</bdi>") } ?? "")</p>
            \(action)
            <form method="post" action="\(page.basePath)review/\(id)" class="stacked">\(page.formField(for: "\(page.basePath)review/\(id)"))\
            <input type="hidden" name="action" value="link">
            \(choose)
            \(field(
                label: t("E-mail of the person to link"), id: "link-email-\(id)", error: error("linkEmail"),
                control: "<input type=\"email\" dir=\"ltr\" id=\"link-email-\(id)\" name=\"linkEmail\" autocomplete=\"off\" value=\"\(typed("linkEmail") ?? "")\"\(describedBy("link-email-\(id)", error("linkEmail")))>"))
            <p><button type="submit">\(t("Link"))</button></p></form>
            \(createForm)
            <form method="post" action="\(page.basePath)review/\(id)">\(page.formField(for: "\(page.basePath)review/\(id)"))\
            <input type="hidden" name="action" value="ignore">
            <p><button type="submit" class="secondary">\(t("Ignore"))</button></p></form>
            </section>
            """
    }
}
