import Foundation
import GRDB
import Kernel
import KernelTesting
import Testing

@testable import Retention

/// An import's attendance reaches the tallies as one batch of events (issue 19, item 6): counted in memory and
/// written once per session and gender. The tables it leaves are the ones an event at a time leaves.
@Suite("Tallies kept from batches of attendance, as from one change at a time")
struct BatchedTallyTests {
    /// Rounds of attendance at the intro session: new records, corrections both ways, people of one gender
    /// swapping (their changes cancel out), someone twice in one round, excused and stored genders or none.
    static let rounds: [[(String, Attendance.Status)]] = [
        [
            ("tariro.moyo@example.org", .present), ("chidinma.okonkwo@example.org", .present),
            ("wanjiku.kamau@example.org", .absent), ("nomvula.dube@example.org", .present),
            ("zoe.ndlovu@example.org", .present), ("kwabena.asante@example.org", .excused),
        ],
        [
            ("tariro.moyo@example.org", .absent), ("nomvula.dube@example.org", .present),
            ("wanjiku.kamau@example.org", .present), ("zoe.ndlovu@example.org", .absent),
            ("kwabena.asante@example.org", .present), ("kwabena.asante@example.org", .absent),
            ("chidinma.okonkwo@example.org", .present),
        ],
        [
            ("nomvula.dube@example.org", .absent), ("tariro.moyo@example.org", .present),
            ("zoe.ndlovu@example.org", .present), ("wanjiku.kamau@example.org", .present),
        ],
    ]

    /// Every row of the attendance tally, zeros included.
    static func attendedTally(_ db: Database) throws -> [String] {
        try String.fetchAll(
            db,
            sql: "SELECT sessionId || ' ' || gender || ' ' || people FROM retention_attendedTally ORDER BY 1")
    }

    /// Records the rounds at `intro`, each round as one batch, or each person in a write of their own.
    static func record(_ fixture: RetentionFixture, batched: Bool) async throws -> [[String]] {
        let session = try await fixture.session("intro").id!
        var tables: [[String]] = []
        for round in rounds {
            var entries: [AttendanceEntry] = []
            for (email, status) in round {
                entries.append(
                    AttendanceEntry(
                        personId: try await fixture.personId(email), status: status,
                        minutes: status == .present ? 45 : 0))
            }
            if batched {
                let batch = entries
                try await fixture.harness.workspace.write(as: AuditActor("test")) { transaction in
                    try transaction.recordAttendance(batch, at: session, source: .import)
                }
            } else {
                for entry in entries {
                    try await fixture.harness.workspace.write(as: AuditActor("test")) { transaction in
                        try transaction.recordAttendance(
                            of: entry.personId, at: session, status: entry.status, minutes: entry.minutes,
                            source: .import)
                    }
                }
            }
            tables.append(try await fixture.harness.workspace.read { db in try attendedTally(db) })
        }
        return tables
    }

    @Test("Each round recorded as one batch leaves the tally one change at a time leaves, and a full count's")
    func batchesAsSingles() async throws {
        let batched = try await Self.record(try await RetentionFixture(), batched: true)
        let singly = try await RetentionFixture()
        let one = try await Self.record(singly, batched: false)
        #expect(batched == one)
        #expect(batched.last!.contains { $0.hasSuffix(" 0") })
        let (kept, counted) = try await singly.harness.workspace.read { db in try TallyAndExportTests.tallies(db) }
        #expect(kept == counted)
    }

    @Test("A batch that fails part-way, caught and gone on from, leaves tallies that match what it wrote")
    func failedBatchCaught() async throws {
        let fixture = try await RetentionFixture()
        let session = try await fixture.session("intro").id!
        let (tariro, zoe) = (
            try await fixture.personId("tariro.moyo@example.org"), try await fixture.personId("zoe.ndlovu@example.org")
        )
        // Not in the series: the third entry is refused after two were written.
        let stranger = try await fixture.personId("other.kwabena@example.org")
        let written = try await fixture.harness.workspace.write(as: AuditActor("test")) { transaction in
            do {
                try transaction.recordAttendance(
                    [
                        AttendanceEntry(personId: tariro, status: .present, minutes: 50),
                        AttendanceEntry(personId: zoe, status: .present, minutes: 50),
                        AttendanceEntry(personId: stranger, status: .present, minutes: 50),
                    ], at: session)
                return false
            } catch KernelError.notInSeries {
                return true
            }
        }
        #expect(written)
        let (kept, counted) = try await fixture.harness.workspace.read { db in try TallyAndExportTests.tallies(db) }
        #expect(kept.contains { $0.hasPrefix("a\(session.rawValue)woman") })
        #expect(kept == counted)
    }
}
