import Kernel

/// A case study as one Markdown file with YAML front matter: what `import` reads and `export` writes.
///
/// Everything is written out, in a fixed order, so `export → import → export` gives the same bytes; the body is kept
/// byte for byte. References are slug paths (`asknet/msasa-media-lab`, `asknet/webinars/inclusive-spaces/case-study`),
/// so a library kept in git reads well and survives a database rebuild.
struct CaseStudyFile: Sendable, Equatable {
    var slug: String
    var title: String
    var summary: String
    /// The contributing organization's slug path.
    var organization: String
    var origin: CaseStudy.Origin
    var country: String
    var sector: String
    var topics: [String]
    var outcomes: [CaseStudy.Outcome]
    var links: [CaseStudy.Link]
    var licence: String
    var consent: CaseStudy.Consent
    var visibility: CaseStudy.Visibility
    /// Slug paths of the sessions where the study was presented.
    var presentedAt: [String]
    var body: String

    /// The front matter keys, in the order they are written.
    static let keys = [
        "slug", "title", "summary", "organization", "origin", "country", "sector", "topics", "outcomes", "links",
        "licence", "consent", "visibility", "presentedAt",
    ]

    /// The file's canonical text.
    var text: String {
        var lines = ["---"]
        lines.append("slug: \(slug)")
        lines.append("title: \(YAMLWriter.doubleQuoted(title))")
        lines.append("summary: \(YAMLWriter.doubleQuoted(summary))")
        lines.append("organization: \(organization)")
        lines.append("origin: \(origin.rawValue)")
        lines.append("country: \(country)")
        lines.append("sector: \(sector)")
        lines.append(contentsOf: Self.list("topics", topics.map { ["  - \($0)"] }))
        lines.append(
            contentsOf: Self.list(
                "outcomes",
                outcomes.map { outcome in
                    ["  - description: \(YAMLWriter.doubleQuoted(outcome.description))"]
                        + (outcome.figure.map { ["    figure: \(YAMLWriter.doubleQuoted($0))"] } ?? [])
                }))
        lines.append(
            contentsOf: Self.list(
                "links",
                links.map {
                    ["  - title: \(YAMLWriter.doubleQuoted($0.title))", "    url: \(YAMLWriter.doubleQuoted($0.url))"]
                }))
        lines.append("licence: \(YAMLWriter.doubleQuoted(licence))")
        lines.append("consent: \(consent.rawValue)")
        lines.append("visibility: \(visibility.rawValue)")
        lines.append(contentsOf: Self.list("presentedAt", presentedAt.map { ["  - \($0)"] }))
        lines.append("---")
        return lines.joined(separator: "\n") + "\n" + body
    }

    private static func list(_ key: String, _ items: [[String]]) -> [String] {
        items.isEmpty ? ["\(key): []"] : ["\(key):"] + items.flatMap { $0 }
    }
}
