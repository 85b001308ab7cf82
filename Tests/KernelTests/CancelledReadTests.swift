import Foundation
import GRDB
import Synchronization
import Testing

@testable import Kernel

/// Reads stop when their task is cancelled, whatever they are doing, on a reader thread or on the task's own.
/// GRDB's `sqlite3_interrupt` is lost when it lands just before a statement runs (a request guard test once hung on
/// that for minutes); the reading connections' progress handler then asks the read's own cancellation flag. The race
/// itself cannot be staged deterministically, so the flag is tested directly: set without GRDB knowing, it alone must
/// stop a long statement. On a reader thread, each read waits until the test has cancelled it before its statement
/// starts, so a loaded machine cannot reorder the two; on the task's thread, the read cancels its own task (waiting
/// there would hold one of the threads the test needs).
@Suite("Reads and cancellation")
struct CancelledReadTests {
    /// A statement of some hundred million steps: about ten seconds if nothing stops it.
    static let longCount =
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 30000000) SELECT count(*) FROM n"

    /// A statement of a few hundred steps, with a loop (SQLite looks at an interrupt on a loop's jumps).
    static let shortCount =
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50) SELECT count(*) FROM n"

    @Test("a read of a task that is not cancelled runs to its end")
    func notCancelled() async throws {
        try await Self.withFileStore { store in
            let count = try await store.read { db in
                try Int.fetchOne(
                    db,
                    sql: "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000) "
                        + "SELECT count(*) FROM n")
            }
            #expect(count == 100_000)
        }
    }

    @Test("the read's own flag stops a running statement, with GRDB never told")
    func flagStopsStatement() async throws {
        try await Self.withFileStore { store in
            let flag = ReadCancellation()
            let started = Started()
            let read = Task {
                try await store.read(
                    { db in
                        started.markAndWaitForCancellation()
                        return try Int.fetchOne(db, sql: Self.longCount)
                    }, cancellation: flag, startingOnCallersThread: false)
            }
            await started.wait()
            flag.cancel()
            started.cancelled()
            await #expect(throws: CancellationError.self) { try await read.value }
        }
    }

    @Test("cancelling the task stops a running read")
    func taskCancellationStopsRead() async throws {
        try await Self.withFileStore { store in
            let started = Started()
            let read = Task {
                try await store.read(
                    { db in
                        started.markAndWaitForCancellation()
                        return try Int.fetchOne(db, sql: Self.longCount)
                    }, cancellation: ReadCancellation(), startingOnCallersThread: false)
            }
            await started.wait()
            read.cancel()
            started.cancelled()
            await #expect(throws: CancellationError.self) { try await read.value }
        }
    }

    @Test("cancelling the task stops a read made of many short statements, at the next one")
    func taskCancellationStopsShortStatements() async throws {
        try await Self.withFileStore { store in
            let started = Started()
            let read = Task {
                try await store.read(
                    { db in
                        started.markAndWaitForCancellation()
                        return try Self.manyShortStatements(db)
                    }, cancellation: ReadCancellation(), startingOnCallersThread: false)
            }
            await started.wait()
            read.cancel()
            started.cancelled()
            await #expect(throws: CancellationError.self) { try await read.value }
        }
    }

    /// Statements each far shorter than the progress handler's steps, taking seconds all together.
    static func manyShortStatements(_ db: Database) throws -> Int {
        var total = 0
        for _ in 0..<200_000 { total += try Int.fetchOne(db, sql: shortCount) ?? 0 }
        return total
    }

    @Test(
        "on the task's thread, cancelling the task stops a running statement, or the next of many short ones",
        arguments: [false, true])
    func cancellationOnCallersThread(manyShortOnes: Bool) async throws {
        try await Self.withFileStore { store in
            store.limitReadsOnCallersThread(to: nil)
            let read = Task {
                try await store.read { db in
                    withUnsafeCurrentTask { $0?.cancel() }
                    return manyShortOnes ? try Self.manyShortStatements(db) : try Int.fetchOne(db, sql: Self.longCount)
                }
            }
            await #expect(throws: CancellationError.self) { try await read.value }
        }
    }

    @Test("a flag set before the read starts refuses it at once")
    func cancelledBeforeStart() async throws {
        try await Self.withFileStore { store in
            let flag = ReadCancellation()
            flag.cancel()
            await #expect(throws: CancellationError.self) {
                try await store.read({ db in try Int.fetchOne(db, sql: "SELECT 1") }, cancellation: flag)
            }
        }
    }

    @Test("asynchronous code reads through Store.read, so a cancelled read always stops")
    func noDirectAsynchronousReads() throws {
        // Tests too: a test's endless read that misses its interrupt keeps the test process from ever exiting.
        let files = try BoundaryRatchetTests.sources(in: ["Plugins", "Sources", "Tests"])
            .filter { $0.path != "Sources/Kernel/Store/Store+Reading.swift" }
        let offences = try BoundaryRatchetTests.offences(#"await\b.*\.writer\.read\b"#, in: files)
        #expect(offences.isEmpty, "use store.read instead of store.writer.read:\n\(offences.joined(separator: "\n"))")
    }

    static func withFileStore(_ body: (Store) async throws -> Void) async throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cancel-\(UUID().uuidString).sqlite")
        defer {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: url.path + suffix) }
        }
        try await body(try Store.open(path: url.path))
    }
}

/// Orders a read and its cancellation whatever the machine's load: the read says it runs on its connection and
/// waits (on GRDB's queue, not the test's) until the test has cancelled it; only then does its statement start.
private final class Started: Sendable {
    private let running = Atomic<Bool>(false)
    private let cancellation = Atomic<Bool>(false)

    func markAndWaitForCancellation() {
        running.store(true, ordering: .releasing)
        while !cancellation.load(ordering: .acquiring) { usleep(1_000) }
    }

    func wait() async {
        while !running.load(ordering: .acquiring) { try? await Task.sleep(for: .milliseconds(1)) }
    }

    func cancelled() { cancellation.store(true, ordering: .releasing) }
}
