import Foundation
import GRDB
import Kernel
import KernelTesting
import Testing

@Suite("A series read column by column")
struct SeriesRowTests {
    @Test("every field comes back as saved, objectives with quotes, accents and line breaks included")
    func roundTrip() async throws {
        let harness = try PluginHarness()
        try await harness.importText(Samples.network)
        let objectives = ["Learn \"why\"", "Partager l'été", "two\nlines", ""]
        let saved = try await harness.workspace.write(as: AuditActor("test")) { transaction in
            var series = try Lookup.series("testnet/webinars/series-one", in: transaction.db)
            series.objectives = objectives
            series.summary = "A summary"
            return try transaction.save(series)
        }
        let read = try #require(
            try await harness.workspace.read { db in try WebinarSeries.fetchOne(db, key: saved.id!.rawValue) })
        #expect(read.objectives == objectives)
        // The dates are stored to the millisecond.
        #expect(abs(read.updatedAt.timeIntervalSince(saved.updatedAt)) < 0.001)
        #expect(abs(read.createdAt.timeIntervalSince(saved.createdAt)) < 0.001)
        var same = read
        (same.createdAt, same.updatedAt) = (saved.createdAt, saved.updatedAt)
        #expect(same == saved)
        let none = try await harness.workspace.write(as: AuditActor("test")) { transaction in
            var series = saved
            series.objectives = []
            return try transaction.save(series)
        }
        let empty = try await harness.workspace.read { db in try WebinarSeries.fetchOne(db, key: none.id!.rawValue) }
        #expect(empty?.objectives == [])
        #expect(empty?.title == none.title)
    }
}
