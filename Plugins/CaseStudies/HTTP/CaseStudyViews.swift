import Foundation
import Kernel

/// A study in lists: everything but the body.
struct StudySummaryView: Encodable, Sendable {
    let id: Int64
    let slug: String
    let title: String
    let summary: String
    let organizationId: Int64
    let origin: String
    let country: String
    let sector: String
    let topics: [String]
    let visibility: String
    let consent: String
    let version: Int
    let updatedAt: Date

    init(_ study: CaseStudy) {
        id = study.id!.rawValue
        slug = study.slug
        title = study.title
        summary = study.summary
        organizationId = study.organizationId.rawValue
        origin = study.origin.rawValue
        country = study.country
        sector = study.sector
        topics = study.topics
        visibility = study.visibility.rawValue
        consent = study.consent.rawValue
        version = study.version
        updatedAt = study.updatedAt
    }

    init(_ study: FoundStudy) {
        id = study.id.rawValue
        slug = study.slug
        title = study.title
        summary = study.summary
        organizationId = study.organizationId.rawValue
        origin = study.origin.rawValue
        country = study.country
        sector = study.sector
        topics = study.topics
        visibility = study.visibility.rawValue
        consent = study.consent.rawValue
        version = study.version
        updatedAt = study.updatedAt
    }
}

/// One search result: the study, its bm25 score (lower is better), and HTML-safe title and snippet with `<mark>`.
struct SearchHitView: Encodable, Sendable {
    let study: StudySummaryView
    let score: Double
    let titleHTML: String
    let snippetHTML: String

    init(_ hit: CaseStudySearch.Hit) {
        self.init(
            study: StudySummaryView(hit.study), score: (hit.score * 1_000_000).rounded() / 1_000_000,
            titleHTML: hit.titleHTML, snippetHTML: hit.snippetHTML)
    }

    init(study: StudySummaryView, score: Double, titleHTML: String, snippetHTML: String) {
        self.study = study
        self.score = score
        self.titleHTML = titleHTML
        self.snippetHTML = snippetHTML
    }
}

/// A session a study was presented in.
struct PresentationView: Encodable, Sendable {
    let sessionId: Int64
    let seriesId: Int64
    let title: String
    let startsAt: Date

    init(_ session: Session) {
        sessionId = session.id!.rawValue
        seriesId = session.seriesId.rawValue
        title = session.title
        startsAt = session.startsAt
    }
}

/// A whole study, with its body as Markdown and as safe HTML.
struct StudyView: Encodable, Sendable {
    let study: StudySummaryView
    let body: String
    let bodyHTML: String
    let outcomes: [CaseStudy.Outcome]
    let links: [CaseStudy.Link]
    let licence: String
    let presentedIn: [PresentationView]
    let createdAt: Date

    init(_ study: CaseStudy, sessions: [Session]) {
        self.study = StudySummaryView(study)
        body = study.body
        bodyHTML = MarkdownRenderer.html(study.body)
        outcomes = study.outcomes
        links = study.links
        licence = study.licence
        presentedIn = sessions.map(PresentationView.init)
        createdAt = study.createdAt
    }
}

/// One version of a study's history.
struct VersionView: Encodable, Sendable {
    let version: Int
    let actor: String
    let createdAt: Date
    /// The study as its Markdown file at that version.
    let document: String
}

/// A study presented in a session of a series ("case study presented").
struct PresentedView: Encodable, Sendable {
    let sessionId: Int64
    let study: StudySummaryView
}

/// A list answer.
struct ItemsView<Item: Encodable & Sendable>: Encodable, Sendable {
    let items: [Item]
}
