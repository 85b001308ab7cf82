import Foundation
import GRDB
import Kernel
import KernelTesting
import Testing

/// A new attendance record is inserted through a cached statement (issue 19, item 6: building each record's insert
/// was a fifth of an import); it must store exactly what a record's own insert stores.
@Suite("New attendance records stored as a record's insert stores them")
struct AttendanceInsertTests {
    @Test("same columns, same date text, and the id the returned record carries")
    func sameStoredRow() async throws {
        let harness = try PluginHarness()
        try await harness.importText(Samples.network)
        let (intro, people) = try await harness.workspace.read { db in
            let intro = try Lookup.session("testnet/webinars/series-one/intro", in: db)
            let people = try Person.ID.fetchAll(
                db,
                sql: """
                    SELECT DISTINCT personId FROM seriesRole WHERE seriesId = ?
                        AND personId NOT IN (SELECT personId FROM attendance WHERE sessionId = ?)
                    ORDER BY personId LIMIT 2
                    """, arguments: [intro.seriesId, intro.id])
            return (intro.id!, people)
        }
        try #require(people.count == 2)
        let saved = try await harness.workspace.write(as: AuditActor("test")) { transaction in
            var reference = Attendance(
                sessionId: intro, personId: people[1], status: .absent, minutes: 3, source: .import,
                createdAt: transaction.now, updatedAt: transaction.now)
            try reference.insert(transaction.db)
            return try transaction.recordAttendance(
                [AttendanceEntry(personId: people[0], status: .absent, minutes: 3)], at: intro, source: .import)[0]
        }
        let rows = try await harness.workspace.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT id, sessionId, status, minutes, source, typeof(createdAt), createdAt, updatedAt
                    FROM attendance WHERE sessionId = ? AND personId IN (?, ?) ORDER BY personId
                    """, arguments: [intro, people[0], people[1]]
            ).map { Array($0.databaseValues) }
        }
        try #require(rows.count == 2)
        #expect(Int64.fromDatabaseValue(rows[0][0]) == saved.id?.rawValue)
        // sessionId, status, minutes, source, typeof(createdAt), createdAt, updatedAt.
        for column in 1..<8 {
            #expect(rows[0][column] == rows[1][column], "column \(column)")
        }
        let stored = try await harness.workspace.read { db in
            try Attendance.filter(Column("id") == saved.id).fetchOne(db)
        }
        #expect(stored?.personId == people[0] && stored?.status == .absent && stored?.minutes == 3)
    }
}
