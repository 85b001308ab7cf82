import Foundation
import GRDB
import Kernel
import Synchronization
import Testing

/// A read whose task is cancelled stops, even when the cancellation does not reach it through GRDB's own handler
/// (GRDB's `sqlite3_interrupt` is lost when it lands just before the statement runs; a request guard test hung on
/// that for minutes).
@Suite("Reads of cancelled tasks stop")
struct CancelledReadTests {
    /// Counts to `limit` one row at a time: seconds of work for tens of millions.
    static let slowCount = """
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50000000) SELECT count(*) FROM n
        """

    @Test("a synchronous read (which GRDB does not interrupt) is stopped once its task is cancelled")
    func stopped() async throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cancel-\(UUID().uuidString).sqlite")
        defer { try? FileManager.default.removeItem(at: url) }
        let store = try Store.open(path: url.path)
        let started = Mutex(false)
        let reading = Task {
            try store.writer.read { db in
                started.withLock { $0 = true }
                return try Int.fetchOne(db, sql: Self.slowCount)
            }
        }
        while !started.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(5)) }
        try await Task.sleep(for: .milliseconds(50))
        reading.cancel()
        // Without the progress handler the count runs to its end and returns 50,000,000.
        let outcome = await reading.result
        #expect(throws: DatabaseError.self) { try outcome.get() }
    }

    @Test("a read of a task that is not cancelled runs to its end")
    func notCancelled() async throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cancel-\(UUID().uuidString).sqlite")
        defer { try? FileManager.default.removeItem(at: url) }
        let store = try Store.open(path: url.path)
        let count = try await store.writer.read { db in
            try Int.fetchOne(
                db,
                sql: "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000) "
                    + "SELECT count(*) FROM n")
        }
        #expect(count == 100_000)
    }
}
