import Dispatch
import GRDB
import GRDBSQLite
import Synchronization

/// Stops a read whose task was cancelled, even when the cancellation lands between two of its statements; and a read
/// that outran its time on its task's thread (``Store/read(_:)``), so that it can be made again on a reader thread.
///
/// `sqlite3_interrupt` alone is not enough: SQLite ignores it when no statement is running at that instant, and a
/// statement that starts a moment later then runs to its end, however long. So while a read runs, its connection asks
/// this flag (set by the task's cancellation handler) every few thousand steps of a statement (a progress handler),
/// and interrupts each statement as it starts once the flag is set (a statement trace): a long statement stops within
/// microseconds, a read of many short ones at its next statement. GRDB never cancels a read itself, so this flag is
/// the whole of cancellation. A read on a reader thread runs outside any task, so `Task.isCancelled` cannot tell the
/// connection; the flag can. The same questions compare the clock with the time limit, when the read has one.
final class ReadCancellation: Sendable {
    private let cancelled = Atomic<Bool>(false)

    var isCancelled: Bool { cancelled.load(ordering: .relaxed) }

    func cancel() { cancelled.store(true, ordering: .relaxed) }

    /// When the read must stop to be made again elsewhere, in the monotonic clock's nanoseconds; 0 for never.
    private let deadline = Atomic<UInt64>(0)
    /// Whether a question found the deadline passed (and so stopped a statement).
    private let outran = Atomic<Bool>(false)

    /// What ``watching(_:_:)`` throws when the read outran its time limit: its statements were stopped, and what its
    /// body made of them (even a value, when it caught the interruption) is not an answer.
    struct OutranItsTime: Error {}

    /// Stops the read's statements once `nanoseconds` have passed from now, until ``removeTimeLimit()``.
    func limitTime(toNanoseconds nanoseconds: Int64) {
        deadline.store(DispatchTime.now().uptimeNanoseconds + UInt64(max(1, nanoseconds)), ordering: .relaxed)
    }

    func removeTimeLimit() {
        deadline.store(0, ordering: .relaxed)
        outran.store(false, ordering: .relaxed)
    }

    /// Whether the read must stop now: cancelled, or past its deadline (which is then remembered).
    private var mustStop: Bool {
        if isCancelled || outran.load(ordering: .relaxed) { return true }
        let deadline = deadline.load(ordering: .relaxed)
        guard deadline != 0, DispatchTime.now().uptimeNanoseconds >= deadline else { return false }
        outran.store(true, ordering: .relaxed)
        return true
    }

    /// How many SQLite virtual-machine steps pass between two questions: a few microseconds of work.
    static let stepsBetweenChecks: Int32 = 4_096

    /// Runs `body` with `db`'s progress handler and statement trace asking this flag, then gives the connection back
    /// its usual handler and no trace.
    /// - Throws: `CancellationError` when the flag is set before `body` starts or stops one of its statements;
    ///   ``OutranItsTime`` when the time limit stopped one.
    func watching<T>(_ db: Database, _ body: (Database) throws -> T) throws -> T {
        let context = Unmanaged.passUnretained(self).toOpaque()
        sqlite3_progress_handler(db.sqliteConnection, Self.stepsBetweenChecks, Self.shouldStop, context)
        // A statement shorter than the handler's steps never hears it: each statement, as it starts, is interrupted
        // when the flag is set, so a read of many short statements stops at the next one. (Indaba does not use
        // GRDB's statement tracing, which this would replace during the read.)
        sqlite3_trace_v2(db.sqliteConnection, UInt32(SQLITE_TRACE_STMT), Self.statementStarts, context)
        defer {
            sqlite3_trace_v2(db.sqliteConnection, 0, nil, nil)
            if db.configuration.readonly {
                Self.install(on: db)
            } else {
                sqlite3_progress_handler(db.sqliteConnection, 0, nil, nil)  // an in-memory queue reads on its writer
            }
        }
        if isCancelled { throw CancellationError() }
        let value: T
        do {
            value = try withExtendedLifetime(self) { try body(db) }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_INTERRUPT && isCancelled {
            // A statement stopped by this flag: the read was cancelled, not broken.
            throw CancellationError()
        } catch {
            throw outran.load(ordering: .relaxed) ? OutranItsTime() : error
        }
        if outran.load(ordering: .relaxed) { throw OutranItsTime() }
        return value
    }

    /// Gives a reading connection its usual handler: it stops a statement whose task was cancelled, when the
    /// statement runs on that task's thread (a synchronous read inside a task). Writers never get one: a change is
    /// never cut off half-way by it.
    static func install(on db: Database) {
        sqlite3_progress_handler(db.sqliteConnection, stepsBetweenChecks, shouldStop, nil)
    }

    private static let statementStarts:
        @convention(c) (UInt32, UnsafeMutableRawPointer?, UnsafeMutableRawPointer?, UnsafeMutableRawPointer?) -> Int32 =
            {
                _, context, statement, _ in
                if let context, let statement,
                    Unmanaged<ReadCancellation>.fromOpaque(context).takeUnretainedValue().mustStop
                {
                    sqlite3_interrupt(sqlite3_db_handle(OpaquePointer(statement)))
                }
                return 0
            }

    private static let shouldStop: @convention(c) (UnsafeMutableRawPointer?) -> Int32 = { context in
        let flag = context.map { Unmanaged<ReadCancellation>.fromOpaque($0).takeUnretainedValue() }
        if flag?.mustStop == true { return 1 }
        guard Task.isCancelled else { return 0 }
        // The task is cancelled before its handler sets the flag: set it now, so the stop reads as a cancellation.
        flag?.cancel()
        return 1
    }
}
