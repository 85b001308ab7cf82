import Testing

@testable import CaseStudies

@Suite("The benchmark's reading of the kit's batch and its top-20 comparison")
struct BenchBatchTests {
    @Test("queries are read from the kit's SQL lines, quotes unescaped")
    func parsesBatch() throws {
        let batch = try BenchBatch(
            text: """
                .mode list
                SELECT 7, c.id, round(bm25(case_studies_fts), 3) FROM case_studies_fts JOIN case_studies c ON c.id = case_studies_fts.rowid WHERE case_studies_fts MATCH '"it''s here" AND b*' ORDER BY bm25(case_studies_fts) LIMIT 20;
                """)
        #expect(batch.queries.map(\.index) == [7])
        #expect(batch.queries.first?.match == "\"it's here\" AND b*")
    }

    @Test("top lists are equal up to the order of tied scores, and differ otherwise")
    func comparesWithTies() {
        #expect(BenchBatch.sameTop([(1, -2.0), (2, -1.0), (3, -1.0)], [(1, -2.0), (3, -1.0), (2, -1.0)]))
        #expect(!BenchBatch.sameTop([(1, -2.0), (2, -1.0)], [(2, -2.0), (1, -1.0)]))
        #expect(!BenchBatch.sameTop([(1, -2.0), (2, -1.0)], [(1, -2.0), (2, -1.5)]))
        #expect(!BenchBatch.sameTop([(1, -2.0)], [(1, -2.0), (2, -1.0)]))
        // A cut through a run of ties may keep different members of it.
        #expect(BenchBatch.sameTop([(1, -2.0), (5, -1.0)], [(1, -2.0), (6, -1.0)]))
    }
}
