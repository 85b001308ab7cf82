import Foundation
import GRDB
import Hummingbird
import Kernel
public import PluginKit

/// The staff page of the library, `/orgs/{org}/case-studies/library[?q=…]`: every study the user may see in the
/// network's library, by title, or the ranked matches of a full-text search with the matches highlighted.
extension CaseStudiesPlugin {
    public static let navigation = [NavigationEntry("Case-study library", path: "library")]

    public func addPages(to pages: PageRoutes) {
        pages.get("library") { request, context in
            try await libraryPage(query: FormQuery.value("q", in: request) ?? "", context: context, staff: true)
        }
        let edit = StudyEditPage(plugin: self)
        pages.page("studies/:study") { page in try await edit.show(page) }
        pages.post("studies/:study") { page in try await edit.save(page) }
        pages.post("studies/:study/link") { page in try await edit.link(page) }
        let form = StudyFormPage(plugin: self)
        pages.page("new-study") { page in try await form.new(page) }
        pages.post("new-study") { page in try await form.saveNew(page) }
        pages.page("studies/:study/edit") { page in try await form.edit(page) }
        pages.post("studies/:study/edit") { page in try await form.saveEdit(page) }
    }

    public func addPublicPages(to pages: PageRoutes) {
        pages.get("library") { request, context in
            var context = context
            context.access = .anonymous  // the public library shows what anyone may see, whoever is signed in
            return try await libraryPage(query: FormQuery.value("q", in: request) ?? "", context: context)
        }
        let study = PublicStudyPage(plugin: self)
        pages.page("studies/:study") { page in try await study.show(page) }
    }

    private func libraryPage(query: String, context: IndabaRequestContext, staff: Bool = false) async throws
        -> PageContent
    {
        let t = context.localizer
        guard let organization = context.organization?.id else {
            return PageContent(title: t("Case-study library"), body: "")
        }
        let access = context.access
        let query = query.trimmingCharacters(in: .whitespacesAndNewlines)
        let items = try await self.context.store.read { db -> [HTML] in
            let network = try LibraryReader.network(of: organization, in: db)
            let reader = LibraryReader.of(access)
            if query.isEmpty {
                return try CaseStudyLibrary.summaries(
                    network: network, reader: reader, filters: SearchFilters(), limit: 200, in: db
                )
                .map {
                    Self.card(
                        Card(
                            id: $0.id, slug: $0.slug, country: $0.country, sector: $0.sector, visibility: $0.visibility
                        ),
                        title: HTML(escaping: $0.title), text: HTML(escaping: $0.summary), staff: staff, localizer: t)
                }
            }
            return try CaseStudySearch.search(
                query, network: network, reader: reader, filters: SearchFilters(), limit: 50, snippetWords: 24,
                in: db
            ).map {
                Self.card(
                    Card(
                        id: $0.study.id, slug: $0.study.slug, country: $0.study.country, sector: $0.study.sector,
                        visibility: $0.study.visibility),
                    title: HTML(trusted: $0.titleHTML),
                    text: HTML(trusted: $0.snippetHTML), staff: staff, localizer: t)
            }
        }
        let heading: HTML =
            query.isEmpty
            ? """
            <p class="note">\(t.plural("{count} study in the library.", "{count} studies in the library.", count: items.count))</p>
            """
            : """
            <p class="note" role="status">\(t.plural("{count} study matches “{query}”.", "{count} studies match “{query}”.", count: items.count, ["query": query]))</p>
            """
        let write: HTML =
            staff && !access.administered.isEmpty
            ? "<p><a href=\"new-study\">\(t("Write a new case study"))</a></p>" : ""
        let body: HTML = """
            \(write)
            <form method="get" action="library" role="search">
            <label for="q">\(t("Search the library"))</label>
            <input id="q" name="q" type="search" value="\(query)">
            <button type="submit">\(t("Search"))</button>
            </form>
            \(heading)
            <ul class="cards">\(items)</ul>
            """
        return PageContent(title: t("Case-study library"), body: body)
    }

    /// What a card shows besides its title and text.
    private struct Card {
        let id: CaseStudy.ID
        let slug: String
        let country: String
        let sector: String
        let visibility: CaseStudy.Visibility
    }

    private static func card(_ study: Card, title: HTML, text: HTML, staff: Bool, localizer t: Localizer) -> HTML {
        // Staff open the study's page by id; the public, its own page by slug.
        let heading: HTML =
            staff
            ? "<a href=\"studies/\(study.id.rawValue)\">\(title)</a>"
            : "<a href=\"studies/\(study.slug)\">\(title)</a>"
        return """
            <li class="card"><h2>\(heading)</h2>\
            <p class="meta">\(study.country) · \(study.sector) · \(study.visibility.label(t))</p><p>\(text)</p></li>
            """
    }
}
