import Foundation
import Kernel
import PluginKit

/// The fields of the staff form for a study, as typed: read from a posted form or from a stored study, turned into
/// the study's Markdown file (so the form is checked exactly as `import` checks a file), and shown again with the
/// problems found next to their fields.
struct StudyForm: Sendable, Equatable {
    struct Outcome: Sendable, Equatable {
        var description = ""
        var figure = ""
    }

    struct Link: Sendable, Equatable {
        var title = ""
        var url = ""
    }

    var slug = ""
    var title = ""
    var summary = ""
    /// The contributing organization's slug path.
    var organization = ""
    var origin = CaseStudy.Origin.network.rawValue
    var country = ""
    var sector = ""
    /// Comma-separated topic slugs.
    var topics = ""
    var outcomes: [Outcome] = []
    var links: [Link] = []
    var licence = "CC-BY-4.0"
    var consent = CaseStudy.Consent.pending.rawValue
    var visibility = CaseStudy.Visibility.network.rawValue
    var body = ""
    /// The sessions it was presented in (slug paths), kept as they are: the study's page links and unlinks them.
    var presentedAt: [String] = []

    /// Rows of outcomes and links the form offers at most.
    static let maximumRows = 20

    init() {}

    /// The form filled with a stored study.
    init(_ file: CaseStudyFile) {
        slug = file.slug
        title = file.title
        summary = file.summary
        organization = file.organization
        origin = file.origin.rawValue
        country = file.country
        sector = file.sector
        topics = file.topics.joined(separator: ", ")
        outcomes = file.outcomes.map { Outcome(description: $0.description, figure: $0.figure ?? "") }
        links = file.links.map { Link(title: $0.title, url: $0.url) }
        licence = file.licence
        consent = file.consent.rawValue
        visibility = file.visibility.rawValue
        body = file.body
        presentedAt = file.presentedAt
    }

    /// The form as posted; rows of outcomes and links left blank are dropped.
    init(_ form: PageForm) {
        slug = form["slug"]
        title = form["title"]
        summary = form["summary"]
        organization = form["organization"]
        origin = form["origin"]
        country = form["country"].uppercased()
        sector = form["sector"]
        topics = form["topics"]
        licence = form["licence"]
        consent = form["consent"]
        visibility = form["visibility"]
        body = form["body"].replacingOccurrences(of: "\r\n", with: "\n")
        if !body.isEmpty, !body.hasSuffix("\n") { body += "\n" }
        let rows = min(Int(form["rows"]) ?? 0, Self.maximumRows)
        if rows > 0 {
            outcomes = (1...rows).map {
                Outcome(description: form["outcome-\($0)-description"], figure: form["outcome-\($0)-figure"])
            }.filter { !$0.description.isEmpty || !$0.figure.isEmpty }
            links = (1...rows).map { Link(title: form["link-\($0)-title"], url: form["link-\($0)-url"]) }
                .filter { !$0.title.isEmpty || !$0.url.isEmpty }
        }
    }

    var topicList: [String] {
        topics.split { $0 == "," || $0.isNewline }.map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }

    /// The study's Markdown file: every value quoted (so nothing typed can change the structure), a blank value
    /// left out so that the check says it is required.
    var text: String {
        func value(_ text: String) -> String { text.isEmpty ? "" : " " + YAMLWriter.doubleQuoted(text) }
        func list(_ key: String, _ items: [[String]]) -> [String] {
            items.isEmpty ? ["\(key): []"] : ["\(key):"] + items.flatMap { $0 }
        }
        var lines = ["---"]
        for (key, text) in [
            ("slug", slug), ("title", title), ("summary", summary), ("organization", organization),
            ("origin", origin), ("country", country), ("sector", sector),
        ] {
            lines.append("\(key):\(value(text))")
        }
        lines += list("topics", topicList.map { ["  - \(YAMLWriter.doubleQuoted($0))"] })
        lines += list(
            "outcomes",
            outcomes.map {
                ["  - description:\(value($0.description))"]
                    + ($0.figure.isEmpty ? [] : ["    figure: \(YAMLWriter.doubleQuoted($0.figure))"])
            })
        lines += list("links", links.map { ["  - title:\(value($0.title))", "    url:\(value($0.url))"] })
        for (key, text) in [("licence", licence), ("consent", consent), ("visibility", visibility)] {
            lines.append("\(key):\(value(text))")
        }
        lines += list("presentedAt", presentedAt.map { ["  - \(YAMLWriter.doubleQuoted($0))"] })
        lines.append("---")
        return lines.joined(separator: "\n") + "\n" + body
    }

    /// What `reason` says beside its field, as a whole sentence whose subject is the field. The library's reasons are
    /// fragments that follow a field's name in a file's list of problems ("title: is required"); beside a form
    /// field they read cut off, and in French or Portuguese they agree with no noun.
    static func sentence(_ reason: FieldReason, _ t: Localizer) -> String {
        if let problem = reason.problem, reason.message == "{problem}" {
            // Translators: the subject of a sentence about the form field it is shown beside.
            return problem.sentence(subject: t("This field"), t)
        }
        switch reason.message {
        case "is required": return t("Fill in this field.")
        case "is longer than {limit} characters; split the study or link to the full report":
            return t(
                "The study is longer than {limit} characters; split it or link to the full report.",
                ["limit": t.number(CaseStudyFile.maximumBody)])
        default: return reason.worded(t)  // what the form cannot send, such as a list where one value belongs
        }
    }

    /// The name of the form field a problem of the file is about (`outcomes[1].figure` is row 2's figure), or `nil`
    /// for a problem of the whole form.
    static func field(of issue: LibraryIssue) -> String? {
        let path = issue.field
        for key in [
            "slug", "title", "summary", "organization", "origin", "country", "sector", "licence", "consent",
            "visibility",
        ]
        where path == key {
            return key
        }
        if path == "(body)" { return "body" }
        if path == "topics" || path.hasPrefix("topics[") { return "topics" }
        for (list, row) in [("outcomes", "outcome"), ("links", "link")] {
            guard path.hasPrefix("\(list)["), let close = path.firstIndex(of: "]"),
                let index = Int(path[path.index(path.startIndex, offsetBy: list.count + 1)..<close])
            else { continue }
            let key = path[close...].dropFirst().drop { $0 == "." }
            return key.isEmpty ? nil : "\(row)-\(index + 1)-\(key)"
        }
        return nil
    }
}
