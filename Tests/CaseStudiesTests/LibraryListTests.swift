import Foundation
import GRDB
import Kernel
import KernelTesting
import Testing

@testable import CaseStudies

/// The library's lists by title (the API's `studies` without `q`, the library page) must not cost the whole library:
/// they walk the network's studies in title order on an index and stop at their limit.
@Suite("Lists by title")
struct LibraryListTests {
    @Test("a list is in title order, ties by id, and stops at its limit, whoever reads it")
    func titleOrder() async throws {
        let fixture = try await LibraryFixture()
        // Imported in this order, so `c` has a smaller id than `b`; the fixture's own titles start with "Study".
        try await fixture.importStudies(
            [
                study(slug: "c", title: "Beta", topics: ["retention", "safe-travel", "mentoring"]),
                study(slug: "a", title: "Gamma"), study(slug: "b", title: "Beta"),
                study(slug: "d", visibility: "public", title: "Alpha"),
            ], as: "testnet")
        let network = Organization.ID(fixture.network)
        let member = Organization.ID(fixture.member)
        let coordinator = LibraryReader(
            organizations: [network, member], networks: [network], wholeNetworks: [network])
        let memberAdmin = LibraryReader(organizations: [member], networks: [network])
        func slugs(_ reader: LibraryReader, limit: Int) async throws -> [String] {
            try await fixture.harness.workspace.read { db in
                try CaseStudyLibrary.summaries(
                    network: network, reader: reader, filters: SearchFilters(), limit: limit, in: db
                ).map(\.slug)
            }
        }
        // What lists show, read without bodies, is what the whole studies show, in the same order.
        for reader in [coordinator, memberAdmin, .anonymous] {
            let (whole, shown) = try await fixture.harness.workspace.read { db in
                (
                    try CaseStudyLibrary.list(network: network, reader: reader, filters: SearchFilters(), in: db),
                    try CaseStudyLibrary.summaries(
                        network: network, reader: reader, filters: SearchFilters(), limit: 100, in: db)
                )
            }
            #expect(!shown.isEmpty)
            #expect(
                StudiesAnswerJSON.encode(shown.map(StudySummaryView.init))
                    == StudiesAnswerJSON.encode(whole.map(StudySummaryView.init)))
        }
        #expect(try await slugs(coordinator, limit: 3) == ["d", "c", "b"])
        #expect(try await slugs(memberAdmin, limit: 4) == ["d", "c", "b", "a"])
        // Anonymous readers see public studies with consent only: `d`, then the fixture's consented one.
        #expect(try await slugs(.anonymous, limit: 5) == ["d", "public-consented"])
    }

    @Test("a list walks the title index instead of sorting the library, for every reader and filter")
    func titleIndex() async throws {
        let fixture = try await LibraryFixture()
        let network = Organization.ID(fixture.network)
        let member = Organization.ID(fixture.member)
        let readers: [LibraryReader] = [
            LibraryReader(organizations: [network, member], networks: [network], wholeNetworks: [network]),
            LibraryReader(organizations: [member], networks: [network]),
            .anonymous,
        ]
        let filters = [SearchFilters(), SearchFilters(sector: "media", country: "ZW", origin: .network)]
        for reader in readers {
            for filter in filters {
                let (sql, arguments) = CaseStudyLibrary.listQuery(
                    columns: FoundStudy.shownColumnsOfS, network: network, reader: reader, filters: filter, limit: 20)
                let plan = try await fixture.harness.workspace.read { db in
                    try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments)
                        .map { $0["detail"] as String }.joined(separator: "\n")
                }
                #expect(plan.contains("caseStudies_study_networkTitle"), "\(plan)")
                #expect(!plan.contains("TEMP B-TREE"), "\(plan)")
            }
        }
    }
}
