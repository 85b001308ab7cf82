import Foundation
import GRDB
import GRDBSQLite
import Kernel

/// Full-text search of a network's library: FTS5 `MATCH`, ranked by bm25 (best first; equal scores in index order),
/// limited to what the reader sees and to the filters, with the title highlighted and a snippet of the best passage.
///
/// The query is FTS5 syntax (`mentoring AND retention`, `"tech hub"`, `mentor*`, `title:women`). Text that is not
/// valid syntax (`women's "hub`) is searched as plain words instead of failing.
enum CaseStudySearch {
    /// One ranked result.
    struct Hit: Sendable {
        let study: FoundStudy
        /// bm25: lower is better.
        let score: Double
        /// The title with matches between ``SearchMarkers``.
        let markedTitle: String
        /// The best passage of the study with matches between ``SearchMarkers``.
        let markedSnippet: String

        /// The ranking: the lower score first, then the lower id (the order of the index).
        static func ranksBefore(_ one: Hit, _ other: Hit) -> Bool {
            (one.score, one.study.id) < (other.score, other.study.id)
        }
    }

    static func search(
        _ query: String, network: Organization.ID, reader: LibraryReader, filters: SearchFilters, limit: Int,
        snippetWords: Int, in db: Database
    ) throws -> [Hit] {
        let trimmed = query.trimmingWhitespacesAndNewlines()
        guard !trimmed.isEmpty else { throw CaseStudyError.emptyQuery }
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
        let (statement, arguments) = try query(
            match, network: network, reader: reader, filters: filters, limit: limit, in: db)
        var hits: [Hit] = []
        // Read from the statement as it steps (no copy of each row); the score and FTS5's matches follow the study's
        // columns. The body and the matches are read where SQLite holds them, valid until the next step: only the
        // snippet is kept.
        let rows = try Row.fetchCursor(statement, arguments: arguments)
        let sqlite = statement.sqliteStatement
        let bodyColumn = Int32(FoundStudy.bodyColumn)
        let matchesColumn = Int32(FoundStudy.columnCount + 1)
        var snippets = SnippetBuilder(words: snippetWords)
        while let row = try rows.next() {
            let study = FoundStudy(row: row)
            let found = MatchInstances(sqliteStatement: sqlite, index: matchesColumn)
            // The statement always asks for the blob: without it, a hit shows unmarked, which tests must not miss.
            assert(found != nil, "no instances for study \(study.id)")
            let matches = found ?? MatchInstances(tokens: (0, 0, 0), instances: [])
            let body = UnsafeBufferPointer(
                start: sqlite3_column_text(sqlite, bodyColumn), count: Int(sqlite3_column_bytes(sqlite, bodyColumn)))
            hits.append(
                Hit(
                    study: study, score: row[FoundStudy.columnCount], markedTitle: snippets.title(study.title, matches),
                    markedSnippet: snippets.snippet(summary: study.summary, body: body, matches)))
        }
        // The statement's order, made sure of (it has no `ORDER BY` of its own).
        hits.sort(by: Hit.ranksBefore)
        return hits
    }

    /// The search's statement and its arguments: the best `limit` visible matches of `match` (FTS5 syntax), each with
    /// ``FoundStudy/columnsOfS``, its bm25 score and FTS5's instances of the query's phrases (``MatchInstances``).
    /// `case-studies bench` steps it alone, for the floor under the search's ratio to bare FTS5. Registers
    /// ``MatchInstances`` on a connection that lacks it.
    static func query(
        _ match: String, network: Organization.ID, reader: LibraryReader, filters: SearchFilters, limit: Int,
        in db: Database
    ) throws -> (Statement, StatementArguments) {
        let (conditions, arguments) = filters.sql(alias: "s")
        // Two steps in one statement. First the best `limit` visible matches, ranked by `bm25()` with ties by id
        // (index order): the sort holds ids, scores and instances only, and each match's study is read only as far
        // as the network, visibility and filter columns. Then the columns a hit shows, and the body for its snippet,
        // of those rows alone. `ORDER BY rank` (FTS5 sorting its matches itself) made the same SQL up to 1.45 times
        // slower than the bare query on phrases, and the text in the sort of every match cost far more. Titles and
        // snippets are marked in Swift afterwards (``SnippetBuilder``): FTS5's `snippet()` scores every window over
        // every match and cost many times the query itself.
        // FTS5's instances of the phrases come from the first step, where FTS5 has them (after bm25(), which read
        // them): a blob of a few dozen bytes a match. Cached per connection: the text changes only with the reader and
        // the filters used.
        // The second step has no `ORDER BY`: sorting its rows again, bodies and all, was about a seventh of the
        // statement (0.93x bare at the median with it, 0.79x without). Without it SQL promises no order, so ``run``
        // puts the hits in order itself.
        let sql = """
            WITH best AS (
                SELECT s.id AS id, bm25(caseStudies_search) AS score, \(MatchInstances.function)(caseStudies_search) AS matches
                FROM caseStudies_search JOIN caseStudies_study s ON s.id = caseStudies_search.rowid
                WHERE caseStudies_search MATCH ? AND s.networkId = ? \
                AND \(reader.condition(alias: "s", network: network))\(conditions)
                ORDER BY score, s.id LIMIT ?)
            SELECT \(FoundStudy.columnsOfS), best.score, best.matches
            FROM best JOIN caseStudies_study s ON s.id = best.id
            """
        let statement: Statement
        do {
            statement = try db.cachedStatement(sql: sql)
        } catch let error as DatabaseError where MatchInstances.isMissing(error) {
            try MatchInstances.register(in: db)
            statement = try db.cachedStatement(sql: sql)
        }
        return (statement, [match, network] + arguments + [limit])
    }
}
