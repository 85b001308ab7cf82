import Foundation
import Kernel
import Yams

extension CaseStudyFile {
    /// Reads one file, or returns every problem found in it (located by line of the file, not of the front matter).
    static func read(_ text: String, file: String) -> Result<Located, LibraryImportError> {
        var issues: [LibraryIssue] = []
        func fail(_ line: Int, _ field: String, _ message: FieldReason) -> Result<Located, LibraryImportError> {
            .failure(LibraryImportError(issues: [LibraryIssue(file: file, line: line, field: field, message: message)]))
        }
        guard let (frontMatter, body) = split(text) else {
            return fail(
                1, "(front matter)",
                FieldReason(
                    "a case study starts with a line '---', its YAML front matter, and another line '---'; then the "
                        + "body"))
        }
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: frontMatter) else {
                return fail(
                    2, "(front matter)",
                    FieldReason("is empty; it needs at least {keys}", ["keys": Self.required.joined(separator: ", ")]))
            }
            root = node
        } catch let error as YamlError {
            let (line, problem) = describe(error)
            return fail(line + 1, "(front matter)", FieldReason("is not valid YAML: {problem}", ["problem": problem]))
        } catch {
            return fail(1, "(front matter)", FieldReason("is not valid YAML"))
        }
        let fields = FrontMatterFields(root, file: file, keys: keys) { issues.append($0) }
        let slug = fields.string("slug") { Slug.isValid($0) ? nil : FieldReason(field: .invalidSlug) }
        let title = fields.string("title") {
            FieldRules.textProblem($0, limit: 200).map(FieldReason.init(field:)) ?? markerProblem($0)
        }
        let summary = fields.string("summary") {
            FieldRules.textProblem($0, limit: 2000).map(FieldReason.init(field:)) ?? markerProblem($0)
        }
        let organization = fields.string("organization")
        let origin: CaseStudy.Origin? = fields.choice("origin")
        let country = fields.string("country") { FieldRules.countryProblem($0).map(FieldReason.init(field:)) }
        let sector = fields.string("sector") { Slug.isValid($0) ? nil : FieldReason(field: .invalidSlug) }
        let topics = fields.strings("topics") { Slug.isValid($0) ? nil : FieldReason(field: .invalidSlug) }
        let outcomes = fields.mappings("outcomes", keys: ["description", "figure"]) { item in
            item.string("description") { FieldRules.textProblem($0, limit: 500).map(FieldReason.init(field:)) }.map {
                CaseStudy.Outcome(
                    description: $0,
                    figure: item.string("figure", required: false) {
                        FieldRules.textProblem($0).map(FieldReason.init(field:))
                    })
            }
        }
        let links = fields.mappings("links", keys: ["title", "url"]) { item in
            let title = item.string("title") { FieldRules.textProblem($0, limit: 200).map(FieldReason.init(field:)) }
            let url = item.string("url") { FieldRules.webURLProblem($0).map(FieldReason.init(field:)) }
            return title.flatMap { title in url.map { CaseStudy.Link(title: title, url: $0) } }
        }
        let licence = fields.string("licence") { FieldRules.textProblem($0, limit: 100).map(FieldReason.init(field:)) }
        let consent: CaseStudy.Consent? = fields.choice("consent")
        let visibility: CaseStudy.Visibility? = fields.choice("visibility")
        let presentedAt = fields.strings("presentedAt") { _ in nil }
        if let problem = body.count > maximumBody
            ? FieldReason(
                "is longer than {limit} characters; split the study or link to the full report",
                ["limit": "\(maximumBody)"])
            : markerProblem(body)
        {
            let line = frontMatter.split(separator: "\n", omittingEmptySubsequences: false).count + 2
            issues.append(LibraryIssue(file: file, line: line, field: "(body)", message: problem))
        }
        guard issues.isEmpty, let slug, let title, let summary, let organization, let origin, let country, let sector,
            let licence, let consent, let visibility
        else { return .failure(LibraryImportError(issues: issues)) }
        let located = CaseStudyFile(
            slug: slug, title: title, summary: summary, organization: organization, origin: origin,
            country: country, sector: sector, topics: topics, outcomes: outcomes, links: links, licence: licence,
            consent: consent, visibility: visibility, presentedAt: presentedAt, body: body)
        return .success(
            Located(
                file: located, name: file, slugLine: fields.line(of: "slug"),
                organizationLine: fields.line(of: "organization"),
                presentedAtLines: fields.itemLines("presentedAt")))
    }

    /// A file as read, with the lines of the references only the database can check.
    struct Located: Sendable {
        let file: CaseStudyFile
        let name: String
        let slugLine: Int
        let organizationLine: Int
        let presentedAtLines: [Int]
    }

    /// The longest body accepted, in characters.
    static let maximumBody = 200_000

    static let required = [
        "slug", "title", "summary", "organization", "origin", "country", "sector", "licence", "consent", "visibility",
    ]

    /// The front matter (without its `---` lines) and the body, exactly as written.
    private static func split(_ text: String) -> (String, String)? {
        guard text.hasPrefix("---\n") else { return nil }
        let rest = text.dropFirst(4)
        if rest.hasPrefix("---\n") || rest == "---" { return ("", String(rest.dropFirst(min(4, rest.count)))) }
        guard
            let close = rest.range(of: "\n---\n")
                ?? (rest.hasSuffix("\n---") ? rest.range(of: "\n---", options: .backwards) : nil)
        else { return nil }
        return (String(rest[..<close.lowerBound]) + "\n", String(rest[close.upperBound...]))
    }

    /// The characters search highlighting uses as markers may not appear in the text.
    private static func markerProblem(_ text: String) -> FieldReason? {
        text.unicodeScalars.contains { $0 == SearchMarkers.open || $0 == SearchMarkers.close }
            ? FieldReason(
                "contains U+E000 or U+E001 (private-use characters reserved for search highlighting); remove them")
            : nil
    }

    private static func describe(_ error: YamlError) -> (Int, String) {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
            let .composer(context, problem, mark, _):
            (mark.line, [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": "))
        case let .duplicatedKeysInMapping(duplicates, context):
            (
                context.mark.line,
                "the key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) appears twice; keep one"
            )
        default:
            (1, String(describing: error))
        }
    }
}
