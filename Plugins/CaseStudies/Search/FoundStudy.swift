import Foundation
import GRDB
import Kernel

/// What a search result or a list by title shows of a study (``StudySummaryView``, a card of the library page),
/// without the body, outcomes, links, licence, network or creation date. Searches and lists read only these columns
/// (a search the body too, for the snippet, not kept): decoding whole studies was a tenth of the Swift side of a
/// search, its two dates a third of that.
struct FoundStudy: Sendable, Equatable {
    let id: CaseStudy.ID
    let organizationId: Organization.ID
    let slug: String
    let title: String
    let summary: String
    let origin: CaseStudy.Origin
    let country: String
    let sector: String
    let topics: [String]
    let consent: CaseStudy.Consent
    let visibility: CaseStudy.Visibility
    let version: Int
    let updatedAt: Date

    /// The columns shown, in the order ``init(row:)`` reads them.
    private static let shownColumns = [
        "id", "organizationId", "slug", "title", "summary", "origin", "country", "sector", "topicWords", "consent",
        "visibility", "version", "updatedAt",
    ]

    /// The columns a list selects from the study aliased `s`.
    static let shownColumnsOfS = shownColumns.map { "s.\($0)" }.joined(separator: ", ")

    /// The columns a search selects: ``shownColumnsOfS``, then the body, at ``bodyColumn``.
    static let columnsOfS = shownColumnsOfS + ", s.body"

    /// Where the body is in ``columnsOfS``.
    static let bodyColumn = shownColumns.count

    /// How many ``columnsOfS`` there are.
    static let columnCount = shownColumns.count + 1

    /// Decodes a row selected with ``shownColumnsOfS`` or ``columnsOfS``, by position (the search's hot path).
    init(row: Row) {
        let topicWords: String = row[8]
        id = CaseStudy.ID(row[0] as Int64)
        organizationId = Organization.ID(row[1] as Int64)
        slug = row[2]
        title = row[3]
        summary = row[4]
        origin = CaseStudy.Origin(rawValue: row[5]) ?? .network
        country = row[6]
        sector = row[7]
        // Topics are slugs, so their words are the list.
        topics = topicWords.split(separator: " ").map(String.init)
        consent = CaseStudy.Consent(rawValue: row[9]) ?? .pending
        visibility = CaseStudy.Visibility(rawValue: row[10]) ?? .private
        version = row[11]
        updatedAt = (row[12] as StoredDate).date
    }
}
