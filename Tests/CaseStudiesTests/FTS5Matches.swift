import Foundation
import GRDB
import Testing

@testable import CaseStudies

/// FTS5's instances of a query's phrases in one study (``MatchInstances``, as the search reads them), from an
/// in-memory table with the columns and tokenizer of `caseStudies_search`.
struct FTS5Matches {
    private let database: DatabaseQueue

    init() throws {
        database = try DatabaseQueue()
        try database.write { db in
            try db.execute(
                sql: """
                    CREATE VIRTUAL TABLE search USING fts5(
                        title, summary, body, topicWords, tokenize = 'unicode61 remove_diacritics 2')
                    """)
            try MatchInstances.register(in: db)
        }
    }

    /// What FTS5 found of `query` in the study; nil when the study does not match. With `always`, a study that does not
    /// match is found too (by a word of its topic words, a column the search never shows), with the instances FTS5
    /// reports for `query` there: none of a branch that failed.
    func instances(
        _ query: String, title: String = "", summary: String = "", body: String = "", always: Bool = false
    ) throws -> MatchInstances? {
        try database.write { db in
            try db.execute(sql: "DELETE FROM search")
            try db.execute(
                sql: "INSERT INTO search VALUES (?, ?, ?, ?)", arguments: [title, summary, body, Self.everyStudy])
            let match = always ? "(\(query)) OR \(Self.everyStudy)" : query
            let blob = try Data.fetchOne(
                db, sql: "SELECT \(MatchInstances.function)(search) FROM search WHERE search MATCH ?",
                arguments: [match])
            return try blob.map { try #require($0.withUnsafeBytes { MatchInstances(blob: $0) }) }
        }
    }

    /// A word in every study's topic words.
    private static let everyStudy = "zzeverystudy"
}

extension SnippetBuilder {
    /// ``snippet(summary:body:_:)`` with the body as a `String`, as the tests write it.
    mutating func snippet(summary: String, body: String, _ matches: MatchInstances) -> String {
        var body = body
        return body.withUTF8 { snippet(summary: summary, body: $0, matches) }
    }
}
