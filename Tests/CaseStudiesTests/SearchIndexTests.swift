import Foundation
import GRDB
import Kernel
import KernelTesting
import Testing

@testable import CaseStudies

/// FTS5 writes each transaction's additions to the index as a new segment and a search reads every segment, so a
/// large import merges the index into one (`SearchIndex`).
@Suite("The search index after imports")
struct SearchIndexTests {
    private func segments(_ fixture: LibraryFixture) async throws -> Int {
        try await fixture.harness.workspace.read { db in try SearchIndex.segmentCount(in: db) }
    }

    private func search(_ fixture: LibraryFixture, _ query: String) async throws -> [String] {
        let network = Organization.ID(fixture.network)
        return try await fixture.harness.workspace.read { db in
            let reader = LibraryReader(organizations: [network], networks: [network])
            return try CaseStudySearch.search(
                query, network: network, reader: reader, filters: SearchFilters(), limit: 200, snippetWords: 8, in: db
            ).map { "\($0.study.slug) \($0.score)" }
        }
    }

    @Test("an import writing 100 studies or more leaves the index in one segment")
    func bulkImportMerges() async throws {
        let fixture = try await LibraryFixture()
        // FTS5's own merging off, so that the segments of each write stay as they were written.
        try await fixture.harness.workspace.store.writer.write { db in
            try db.execute(sql: "INSERT INTO caseStudies_search(caseStudies_search, rank) VALUES ('automerge', 0)")
        }
        for batch in 0..<3 {
            try await fixture.importStudies(
                (0..<3).map { study(slug: "small-\(batch)-\($0)", body: "alpha beta \(batch) \($0)\n") },
                as: "testnet")
        }
        #expect(try await segments(fixture) > 1)
        try await fixture.importStudies(
            (0..<100).map { study(slug: "bulk-\($0)", body: "alpha delta \($0)\n") }, as: "testnet")
        #expect(try await segments(fixture) == 1)
        #expect(try await search(fixture, "alpha").count == 109)
    }

    @Test("merging changes no result, order or score")
    func mergingKeepsResults() async throws {
        let fixture = try await LibraryFixture()
        for batch in 0..<4 {
            try await fixture.importStudies(
                (0..<5).map {
                    study(
                        slug: "s-\(batch)-\($0)", body: String(repeating: "alpha ", count: $0 + 1) + "beta \(batch)\n")
                }, as: "testnet")
        }
        let queries = ["alpha", "beta", "alpha AND beta", "\"alpha beta\"", "alp*", "body"]
        var before: [[String]] = []
        for query in queries { before.append(try await search(fixture, query)) }
        #expect(try await segments(fixture) > 1)
        try await fixture.harness.workspace.store.writer.write { db in try SearchIndex.merge(in: db) }
        #expect(try await segments(fixture) == 1)
        for (query, earlier) in zip(queries, before) {
            #expect(try await search(fixture, query) == earlier, "\(query)")
        }
    }
}
