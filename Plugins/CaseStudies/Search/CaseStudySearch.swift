import Foundation
import GRDB
import Kernel

/// Full-text search of a network's library: FTS5 `MATCH`, ranked by bm25 (best first, then by id), limited to what
/// the reader sees and to the filters, with the title highlighted and a snippet of the best passage.
///
/// The query is FTS5 syntax (`mentoring AND retention`, `"tech hub"`, `mentor*`, `title:women`). Text that is not
/// valid syntax (`women's "hub`) is searched as plain words instead of failing.
enum CaseStudySearch {
    /// One ranked result.
    struct Hit: Sendable {
        let study: CaseStudy
        /// bm25: lower is better.
        let score: Double
        /// The title with matches between ``SearchMarkers``.
        let markedTitle: String
        /// The best passage of the study with matches between ``SearchMarkers``.
        let markedSnippet: String
    }

    static func search(
        _ query: String, network: Organization.ID, reader: LibraryReader, filters: SearchFilters, limit: Int,
        snippetWords: Int, in db: Database
    ) throws -> [Hit] {
        let trimmed = query.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw CaseStudyError.badQuery("The search query is empty; give some words.") }
        do {
            return try run(trimmed, network, reader, filters, limit, snippetWords, db)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_ERROR {
            // Not FTS5 syntax: search the words as they are (punctuation alone searches for nothing).
            let words = literal(trimmed)
            return words.isEmpty ? [] : try run(words, network, reader, filters, limit, snippetWords, db)
        }
    }

    /// Every word quoted, so FTS5 reads none of it as an operator.
    static func literal(_ query: String) -> String {
        query.split(whereSeparator: \.isWhitespace)
            .filter { $0.contains { $0.isLetter || $0.isNumber } }
            .map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
            .joined(separator: " ")
    }

    private static func run(
        _ match: String, _ network: Organization.ID, _ reader: LibraryReader, _ filters: SearchFilters, _ limit: Int,
        _ snippetWords: Int, _ db: Database
    ) throws -> [Hit] {
        let (conditions, arguments) = filters.sql(alias: "s")
        // First the ranking alone (bm25 for every match, no snippet work), then snippets for the few kept.
        let ranked = try Row.fetchAll(
            db,
            sql: """
                SELECT \(CaseStudy.columns(alias: "s")), bm25(caseStudies_search) AS score
                FROM caseStudies_search JOIN caseStudies_study s ON s.id = caseStudies_search.rowid
                WHERE caseStudies_search MATCH ? AND s.networkId = ? AND \(reader.condition(alias: "s"))\(conditions)
                ORDER BY score, s.id LIMIT ?
                """, arguments: [match, network] + arguments + [limit])
        let marks = try db.cachedStatement(
            sql: """
                SELECT highlight(caseStudies_search, 0, ?, ?), snippet(caseStudies_search, -1, ?, ?, '…', ?)
                FROM caseStudies_search WHERE caseStudies_search MATCH ? AND rowid = ?
                """)
        let (open, close) = (String(SearchMarkers.open), String(SearchMarkers.close))
        return try ranked.map { row in
            let study = try CaseStudy(row: row)
            let marked = try Row.fetchOne(
                marks, arguments: [open, close, open, close, snippetWords, match, study.id])
            return Hit(
                study: study, score: row["score"], markedTitle: marked?[0] ?? study.title,
                markedSnippet: marked?[1] ?? "")
        }
    }
}
