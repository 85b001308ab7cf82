import Foundation
import GRDB
import Hummingbird
import Kernel
import PluginKit

/// The public page of one study, `/pages/orgs/{org}/case-studies/studies/{slug or id}`: its title, summary, what came
/// of it, its body rendered from Markdown (``MarkdownRenderer``: nothing of the author's passes as markup), links,
/// licence, and the published sessions (with their series) it was presented in.
///
/// It reads as an anonymous caller, whoever is signed in: a study that is not public, not cleared by the people it
/// names, or in another network's library answers exactly like one that does not exist (the same 404 page as an
/// unknown address or an organization that has not enabled the plugin).
struct PublicStudyPage {
    let plugin: CaseStudiesPlugin

    func show(_ page: PageRequest) async throws -> PageResponse {
        let reference = try page.context.parameters.require("study")
        let organization = page.organization.id!
        let scope = Scope(.anonymous)
        let (study, contributor, presentations) = try await plugin.context.store.read { db in
            let network = try LibraryReader.network(of: organization, in: db)
            let study: CaseStudy
            do {
                study = try CaseStudyLibrary.visibleStudy(reference, network: network, reader: .anonymous, in: db)
            } catch is CaseStudyError {
                throw HTTPError(.notFound)
            }
            // Only sessions of published or completed series: a linked series can go back to draft.
            let sessions = try scope.visible(CaseStudyLibrary.sessions(of: study.id!, in: db), in: db)
            let series = try scope.series().filter(keys: Set(sessions.map(\.seriesId.rawValue))).fetchAll(db)
                .reduce(into: [WebinarSeries.ID: WebinarSeries]()) { $0[$1.id!] = $1 }
            let contributor = try OrganizationTree.organization(study.organizationId, in: db)?.name
            return (
                study, contributor,
                sessions.compactMap { session in series[session.seriesId].map { (session: session, series: $0) } }
            )
        }
        return .page(
            PageContent(
                title: study.title,
                body: Self.body(
                    study, contributor: contributor, presentations: presentations, base: page.basePath,
                    localizer: page.localizer)))
    }

    static func body(
        _ study: CaseStudy, contributor: String?, presentations: [(session: Session, series: WebinarSeries)],
        base: String, localizer t: Localizer
    ) -> HTML {
        let by: HTML = contributor.map { " · \(t("contributed by {organization}", ["organization": $0]))" } ?? ""
        let topics: HTML =
            study.topics.isEmpty
            ? ""
            : "<p class=\"meta\">\(t("Topics: {topics}", ["topics": study.topics.joined(separator: ", ")]))</p>"
        return """
            <p class="crumbs"><a href="\(base)library">\(t("Case-study library"))</a></p>
            <p class="lead">\(study.summary)</p>
            <p class="meta">\(study.country) · \(study.sector) · \(study.origin.label(t))\(by)</p>
            \(topics)
            \(outcomes(study.outcomes, t))
            <h2>\(t("The study"))</h2>
            <div class="study-body">\(renderedBody(study.body))</div>
            \(links(study.links, t))
            <h2>\(t("Where it was presented"))</h2>
            \(presented(presentations, t))
            <h2>\(t("Licence"))</h2>
            <p>\(study.licence)</p>
            """
    }

    /// What came of it, with the figures where known.
    static func outcomes(_ outcomes: [CaseStudy.Outcome], _ t: Localizer) -> HTML {
        guard !outcomes.isEmpty else { return "" }
        let items: [HTML] = outcomes.map { outcome in
            let figure: HTML = outcome.figure.map { ": <strong>\($0)</strong>" } ?? ""
            return "<li>\(outcome.description)\(figure)</li>"
        }
        return "<h2>\(t("What came of it"))</h2><ul class=\"outcomes\">\(items)</ul>"
    }

    /// The body as safe HTML, its headings moved `below` levels down (`#` becomes `h2` by default) so that they sit
    /// under the page's own headings and the page keeps one `h1`.
    static func renderedBody(_ markdown: String, below shift: Int = 1) -> HTML {
        var html = MarkdownRenderer.html(markdown)
        // The renderer's only tags are its own and every character of the text is escaped, so these are headings.
        // From the deepest up, so that no heading moves twice.
        for level in (1...6).reversed() {
            let moved = min(level + shift, 6)
            html = html.replacingOccurrences(of: "<h\(level)>", with: "<h\(moved)>")
                .replacingOccurrences(of: "</h\(level)>", with: "</h\(moved)>")
        }
        return HTML(trusted: html)
    }

    static func links(_ links: [CaseStudy.Link], _ t: Localizer) -> HTML {
        guard !links.isEmpty else { return "" }
        let items: [HTML] = links.map { link in
            // Import and the form accept only http(s) addresses; checked again here all the same.
            guard FieldRules.webURLProblem(link.url) == nil else { return "<li>\(link.title)</li>" }
            return "<li><a href=\"\(link.url)\" rel=\"nofollow noopener\">\(link.title)</a></li>"
        }
        return "<h2>\(t("Read more"))</h2><ul>\(items)</ul>"
    }

    static func presented(_ presentations: [(session: Session, series: WebinarSeries)], _ t: Localizer) -> HTML {
        guard !presentations.isEmpty else { return "<p>\(t("Not presented in a public session yet."))</p>" }
        let items: [HTML] = presentations.map { item in
            let session = t(
                "session {number}, {title} ({day})",
                [
                    "number": t.number(item.session.position), "title": item.session.title,
                    "day": StudyEditPage.day(item.session.startsAt, t),
                ])
            return """
                <li><a href="/series/\(item.series.id!.rawValue)"><bdi>\(item.series.title)</bdi></a>: \(session)</li>
                """
        }
        return "<ul>\(items)</ul>"
    }
}
