import Foundation
import GRDB
import Kernel
import KernelTesting
import Testing

@Suite("Which series calendars list: the anonymous caller's series, and cancelled ones that were public")
struct ScheduleQueriesTests {
    /// Moves series one through `statuses` and answers whether calendars list it, and whether anyone may read it.
    private func listed(after statuses: [WebinarSeries.Status]) async throws -> (calendar: Bool, anyone: Bool) {
        let harness = try PluginHarness()
        try await harness.importText(
            Samples.network.replacingOccurrences(of: "status: published", with: "status: draft"))
        let (organization, id) = try await harness.workspace.write(as: AuditActor("test")) { transaction in
            var series = try Lookup.series("testnet/webinars/series-one", in: transaction.db)
            for status in statuses {
                series.status = status
                series = try transaction.save(series)
            }
            return (try Lookup.organization("testnet", in: transaction.db).id!, series.id!)
        }
        return try await harness.workspace.read { db in
            let calendar = try ScheduleQueries.listedSeries(id, ownedBy: organization, in: db) != nil
            let anyone = try Scope(.anonymous).series().filter(key: id.rawValue).fetchOne(db) != nil
            #expect(try ScheduleQueries.entries(.series(id), in: db).isEmpty == !calendar)
            return (calendar, anyone)
        }
    }

    @Test(
        "calendars list what anyone may read, plus a cancelled series that was published",
        arguments: [
            ([], false, false), ([.published], true, true), ([.published, .completed], true, true),
            ([.cancelled], false, false), ([.published, .cancelled], true, false),
            ([.published, .draft], false, false), ([.completed, .cancelled], true, false),
            ([.published, .draft, .cancelled], true, false),
        ] as [([WebinarSeries.Status], Bool, Bool)])
    func calendarRule(statuses: [WebinarSeries.Status], calendar: Bool, anyone: Bool) async throws {
        let found = try await listed(after: statuses)
        #expect(found.calendar == calendar)
        #expect(found.anyone == anyone)
    }

    @Test("series by id read by position equal the records, objectives and dates included; unknown ids are left out")
    func seriesById() async throws {
        let harness = try PluginHarness()
        try await harness.importText(Samples.network)
        try await harness.workspace.read { db in
            let records = try WebinarSeries.fetchAll(db)
            #expect(!records.isEmpty)
            let ids = Set(records.map { $0.id! } + [WebinarSeries.ID(999_999)])
            let read = try ScheduleQueries.series(ids, in: db)
            #expect(read.count == records.count)
            for record in records { #expect(read[record.id!] == record) }
            #expect(try ScheduleQueries.series([], in: db).isEmpty)
        }
    }
}
