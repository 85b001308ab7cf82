import Foundation
import GRDB
import KernelTesting
import Synchronization
import Testing

@testable import Kernel

/// Where ``Store/read(_:)`` runs a read: on the task's own thread, until the store's limit; then again, from the start,
/// on a reader thread. And the permits that keep a read on the task's thread from ever waiting for a connection.
@Suite("Where reads run")
struct ReadPlacementTests {
    /// A statement of a few million steps: a few hundred milliseconds, far past a limit of a millisecond.
    static let countToThreeMillion =
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000000) SELECT count(*) FROM n"

    @Test("a read within the limit runs on the calling task's thread, once")
    func shortReadStaysOnCallersThread() async throws {
        try await CancelledReadTests.withFileStore { store in
            let runs = Runs()
            let caller = pthread_self()
            let value = try await store.read { db in
                runs.record()
                return try Int.fetchOne(db, sql: "SELECT 42")
            }
            #expect(value == 42)
            #expect(runs.threads.count == 1)
            #expect(runs.threads.first.map { pthread_equal($0, caller) != 0 } == true)
        }
    }

    @Test("a read past the limit is stopped and made again on a reader thread, and answers in full")
    func longReadMovesToReaderThread() async throws {
        try await CancelledReadTests.withFileStore { store in
            store.limitReadsOnCallersThread(to: .milliseconds(1))
            let runs = Runs()
            let caller = pthread_self()
            let value = try await store.read { db in
                runs.record()
                return try Int.fetchOne(db, sql: Self.countToThreeMillion)
            }
            #expect(value == 3_000_000)
            let threads = runs.threads
            try #require(threads.count == 2)
            #expect(pthread_equal(threads[0], caller) != 0)
            #expect(pthread_equal(threads[1], caller) == 0)
        }
    }

    @Test("a read that swallowed the stop is not taken for an answer")
    func swallowedStopIsNotAnAnswer() async throws {
        try await CancelledReadTests.withFileStore { store in
            store.limitReadsOnCallersThread(to: .milliseconds(1))
            let runs = Runs()
            let value = try await store.read { db in
                runs.record()
                // `try?` turns the interruption into nil: the first run would answer "none".
                return (try? Int.fetchOne(db, sql: Self.countToThreeMillion)) ?? -1
            }
            #expect(value == 3_000_000)
            #expect(runs.threads.count == 2)
        }
    }

    @Test("without a limit, a long read runs to its end on the calling task's thread")
    func noLimit() async throws {
        try await CancelledReadTests.withFileStore { store in
            store.limitReadsOnCallersThread(to: nil)
            #expect(store.callersThreadLimit == nil)
            let runs = Runs()
            let value = try await store.read { db in
                runs.record()
                return try Int.fetchOne(db, sql: Self.countToThreeMillion)
            }
            #expect(value == 3_000_000)
            #expect(runs.threads.count == 1)
            store.limitReadsOnCallersThread(to: .milliseconds(20))
            #expect(store.callersThreadLimit == .milliseconds(20))
        }
    }

    @Test("a store's limit is 20 ms until set")
    func defaultLimit() throws {
        #expect(try Store.inMemory().callersThreadLimit == .milliseconds(20))
    }

    @Test("a read waiting for a connection waits suspended, and stops waiting when cancelled")
    func waitingForAConnection() async throws {
        try await CancelledReadTests.withFileStore { store in
            let connections = store.permits.available
            let gate = Gate()
            // Every connection held by a read on a reader thread, until the gate opens.
            let holders = (0..<connections).map { _ in
                Task {
                    try await store.read(
                        { db in
                            gate.arrive()
                            gate.waitUntilOpen()
                            return try Int.fetchOne(db, sql: "SELECT 1")
                        }, cancellation: ReadCancellation(), startingOnCallersThread: false)
                }
            }
            while gate.arrived < connections { try await Task.sleep(for: .milliseconds(1)) }
            #expect(store.permits.available == 0)
            let waiting = Task { try await store.read { db in try Int.fetchOne(db, sql: "SELECT 2") } }
            try await Task.sleep(for: .milliseconds(50))
            // Had it waited inside GRDB for a connection, only a free one would end its wait: the gate opens by
            // itself after ten seconds, so that such a fault fails the test instead of hanging it.
            let safety = Task {
                try? await Task.sleep(for: .seconds(10))
                gate.open()
            }
            waiting.cancel()
            await #expect(throws: CancellationError.self) { try await waiting.value }
            #expect(!gate.isOpen, "the read stopped waiting only when a connection was free")
            safety.cancel()
            gate.open()
            for holder in holders { #expect(try await holder.value == 1) }
            #expect(store.permits.available == connections)
            #expect(try await store.read { db in try Int.fetchOne(db, sql: "SELECT 3") } == 3)
        }
    }
}

/// The threads a read's body ran on, in order.
private final class Runs: Sendable {
    private let list = Mutex<[pthread_t]>([])

    func record() { list.withLock { $0.append(pthread_self()) } }

    var threads: [pthread_t] { list.withLock { $0 } }
}

/// Holds reads on their reader threads (never a task's) until the test opens it.
private final class Gate: Sendable {
    private let count = Atomic<Int>(0)
    private let opened = Atomic<Bool>(false)

    var arrived: Int { count.load(ordering: .acquiring) }

    var isOpen: Bool { opened.load(ordering: .acquiring) }

    func arrive() { count.add(1, ordering: .releasing) }

    func waitUntilOpen() {
        while !isOpen { usleep(1_000) }
    }

    func open() { opened.store(true, ordering: .releasing) }
}

/// Reads beside other tasks: run by `make test` in a process of its own (``TestsAlone``).
@Suite("Where reads run, in a process of its own")
struct ReadPlacementAloneTests {
    /// SQLite computing holds a thread as long as it runs, and Dispatch adds no thread for one that computes: reads
    /// kept on the tasks' threads (one for each processor) past their limit would leave no thread for anything else.
    /// Here more reads of some ten seconds than processors start beside a task that sleeps a tenth of a second; the
    /// store's limit (20 ms) moves them to reader threads, so the sleeper ends first and then cancels them.
    @Test(
        "reads past the limit leave the process's tasks running",
        .enabled(if: TestsAlone.enabled, "needs a process of its own: make test runs it with INDABA_TESTS_ALONE=1"))
    func longReadsLeaveTasksRunning() async throws {
        try await CancelledReadTests.withFileStore { store in
            let reads = ProcessInfo.processInfo.activeProcessorCount + 1
            let first = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<reads {
                    group.addTask {
                        do {
                            _ = try await store.read { db in try Int.fetchOne(db, sql: CancelledReadTests.longCount) }
                            return "a read"
                        } catch is CancellationError {
                            return "a cancelled read"
                        }
                    }
                }
                group.addTask {
                    try? await Task.sleep(for: .milliseconds(100))
                    return "the sleeper"
                }
                let first = try await group.next()
                group.cancelAll()
                while try await group.next() != nil {}
                return first
            }
            #expect(first == "the sleeper")
        }
    }
}
