public import Foundation
public import Kernel

/// One case study of the library: what an initiative did for women's participation and what came of it.
///
/// The current state lives in `caseStudies_study`; every change also stores the whole study, as its Markdown file,
/// in `caseStudies_version`, so edits keep their history.
public struct CaseStudy: Sendable, Equatable {
    public typealias ID = Identifier<CaseStudy>

    public var id: ID?
    /// The organization that contributed it; only its administrators may change it.
    public var organizationId: Organization.ID
    /// The network of the contributing organization (itself when it is a network): the library it belongs to.
    public var networkId: Organization.ID
    /// Unique within the network's library; the file name of its Markdown file.
    public var slug: String
    public var title: String
    public var summary: String
    /// Markdown, rendered to safe HTML only when shown (see ``MarkdownRenderer``).
    public var body: String
    public var origin: Origin
    /// Where the initiative took place: ISO 3166-1 alpha-2.
    public var country: String
    /// Such as `tech`, `media`.
    public var sector: String
    /// Such as `recruitment`, `retention`, `workplace-culture`, in the order the author gave.
    public var topics: [String]
    public var outcomes: [Outcome]
    public var links: [Link]
    /// Such as `CC-BY-4.0`.
    public var licence: String
    public var consent: Consent
    public var visibility: Visibility
    /// 1 for a new study, one more for each change.
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: ID? = nil, organizationId: Organization.ID, networkId: Organization.ID, slug: String, title: String,
        summary: String, body: String, origin: Origin, country: String, sector: String, topics: [String],
        outcomes: [Outcome], links: [Link], licence: String, consent: Consent, visibility: Visibility,
        version: Int = 1, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.organizationId = organizationId
        self.networkId = networkId
        self.slug = slug
        self.title = title
        self.summary = summary
        self.body = body
        self.origin = origin
        self.country = country
        self.sector = sector
        self.topics = topics
        self.outcomes = outcomes
        self.links = links
        self.licence = licence
        self.consent = consent
        self.visibility = visibility
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// Whether anyone, without credentials, may read it: shared publicly *and* cleared by the people it names.
    public var isPubliclyShown: Bool { visibility == .public && consent.allowsPublicDisplay }

    /// Where the initiative came from.
    public enum Origin: String, Codable, Sendable, CaseIterable {
        /// An initiative of an organization of the network.
        case network
        /// An initiative from outside the network, told by someone in it (a guest speaker's, say).
        case outside
    }

    /// Who may read a study.
    public enum Visibility: String, Codable, Sendable, CaseIterable {
        /// The contributing organization only (its administrators, coordinators of its network, its facilitators).
        case `private`
        /// Every organization of the network.
        case network
        /// Everyone, once the people named have consented (``Consent/allowsPublicDisplay``); the network until then.
        case `public`
    }

    /// Whether the people a study names agreed to be shown in public.
    public enum Consent: String, Codable, Sendable, CaseIterable {
        /// It names nobody who needs to agree.
        case notNeeded
        /// Asked, not answered yet.
        case pending
        case granted
        case refused

        /// Only `notNeeded` and `granted` allow public display.
        public var allowsPublicDisplay: Bool { self == .notNeeded || self == .granted }
    }

    /// One result of the initiative, with a figure where one is known ("from 18% to 41%").
    public struct Outcome: Codable, Sendable, Equatable {
        public var description: String
        public var figure: String?

        public init(description: String, figure: String? = nil) {
            self.description = description
            self.figure = figure
        }
    }

    /// A link to more: a report, a video, the initiative's site.
    public struct Link: Codable, Sendable, Equatable {
        public var title: String
        public var url: String

        public init(title: String, url: String) {
            self.title = title
            self.url = url
        }
    }
}
