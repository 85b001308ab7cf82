import Foundation
import GRDB
import Hummingbird
import Kernel
import PluginKit

/// `GET /workspace/orgs/{org}/people[?q=…&page=N]`: the people an organization registered, for its administrators
/// (and its network's coordinators), searchable by name or e-mail, 50 a page. A self-described gender is shown only
/// where the person consented and the viewer may see it (as the person form decides), never in the page's address.
struct PeopleListPage {
    let web: WebInterface
    static let pageSize = 50

    func add(to router: RouterGroup<IndabaRequestContext>) {
        router.get("workspace/orgs/:org/people") { request, context in
            let organization = try await web.administeredOrganization(context)
            return try await page(organization, request, context)
        }
    }

    private func page(_ organization: Organization, _ request: Request, _ context: IndabaRequestContext)
        async throws -> Response
    {
        let query = (request.uri.queryParameters["q"].map(String.init) ?? "").trimmingCharacters(in: .whitespaces)
        let number = max(1, request.uri.queryParameters["page"].flatMap { Int($0) } ?? 1)
        let scope = context.scope
        let org = organization.id!
        let (people, total) = try await web.workspace.read { db in
            var request = scope.people().filter(Column("organizationId") == org)
            if !query.isEmpty {
                let pattern = "%" + Self.escapedLike(query.lowercased()) + "%"
                request = request.filter(
                    sql: "(lower(displayName) LIKE ? ESCAPE '\\' OR emailKey LIKE ? ESCAPE '\\')",
                    arguments: [pattern, pattern])
            }
            let total = try request.fetchCount(db)
            let people = try request.order(Column("displayName").collating(.nocase), Column("id"))
                .limit(Self.pageSize, offset: (number - 1) * Self.pageSize).fetchAll(db)
            return (people, total)
        }
        let showsGender = scope.seesSelfDescriptions(ofPersonRegisteredBy: org)
        let chrome = web.chrome(for: request, context: context)
        let t = chrome.localizer
        let rows: [HTML] = people.map { person in
            let gender: HTML =
                showsGender ? "<td>\(person.consent ? (person.gender ?? "—") : "—")</td>" : .empty
            return """
                <tr><td>\(String(person.id!.rawValue))</td><th scope="row"><a href="/manage/people/\
                \(String(person.id!.rawValue))"><bdi>\(person.displayName)</bdi></a></th>\
                <td><bdi dir="ltr">\(person.email)</bdi></td>\(gender)</tr>
                """
        }
        let genderHead: HTML = showsGender ? "<th scope=\"col\">\(t("Gender (with consent)"))</th>" : .empty
        let base = "/workspace/orgs/\(org.rawValue)/people"
        let search =
            query.isEmpty ? "" : "q=" + (query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") + "&"
        var pager: [HTML] = []
        if number > 1 {
            pager.append(
                "<a href=\"\(base)?\(search)page=\(String(number - 1))\" rel=\"prev\">\(t("Previous page"))</a>")
        }
        if number * Self.pageSize < total {
            pager.append(
                "<a href=\"\(base)?\(search)page=\(String(number + 1))\" rel=\"next\">\(t("Next page"))</a>")
        }
        let first = total == 0 ? 0 : (number - 1) * Self.pageSize + 1
        let last = min(total, number * Self.pageSize)
        let caption = t(
            "{first}–{last} of {total}", ["first": t.number(first), "last": t.number(last), "total": t.number(total)])
        let empty = query.isEmpty ? t("No one is registered yet.") : t("No one matches this search.")
        let table: HTML =
            people.isEmpty
            ? "<p>\(empty)</p>"
            : """
            <div class="scroll"><table class="list"><caption>\(caption)</caption><thead><tr>\
            <th scope="col">\(t("ID"))</th><th scope="col">\(t("Name"))</th><th scope="col">\(t("E-mail"))</th>\
            \(genderHead)</tr></thead><tbody>\(rows)</tbody></table></div>
            """
        let merged = request.uri.queryParameters["merged"].flatMap { Int64($0) }
        let notice: HTML =
            merged.map {
                "<p class=\"notice\" role=\"status\">\(t("Merged into person {id}.", ["id": String($0)]))</p>"
            } ?? .empty
        let heading = t("People of {organization}", ["organization": organization.name])
        let content: HTML = """
            <nav aria-label="\(t("Breadcrumb"))" class="crumbs"><a href="/workspace">\(t("Workspace"))</a></nav>
            <h1>\(heading)</h1>\(notice)
            <form method="get" action="\(base)" class="search" role="search"><div class="field">\
            <label for="people-q">\(t("Name or e-mail contains"))</label><input id="people-q" name="q" type="search" \
            value="\(query)"></div><button type="submit">\(t("Search"))</button></form>
            \(table)
            \(pager.isEmpty ? HTML.empty : "<p class=\"actions\">\(pager)</p>")
            <p class="actions"><a href="\(base)/new">\(t("Add a person"))</a> <a href="\(base)/merge">\
            \(t("Merge two records of one person"))</a></p>
            """
        return web.renderer.html(content: content.markup, title: heading, chrome: chrome, status: .ok)
    }

    /// `text` with the `LIKE` wildcards escaped by a backslash.
    static func escapedLike(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }
}
