public import GRDB
import GRDBSQLite
import Synchronization

/// Stops a read whose task was cancelled, even when the cancellation lands between two of its statements.
///
/// `sqlite3_interrupt` alone is not enough: SQLite ignores it when no statement is running at that instant, and a
/// statement that starts a moment later then runs to its end, however long. So while a read runs, its connection asks
/// this flag (set by the task's cancellation handler) every few thousand steps of a statement (a progress handler),
/// and interrupts each statement as it starts once the flag is set (a statement trace): a long statement stops within
/// microseconds, a read of many short ones at its next statement. ``Store/read(_:)`` reads through GRDB's
/// `asyncRead`, which GRDB never cancels itself, so this flag is the whole of cancellation. Reads run on GRDB's
/// queues, outside any task, so `Task.isCancelled` cannot tell the connection; the flag can.
final class ReadCancellation: Sendable {
    private let cancelled = Atomic<Bool>(false)

    var isCancelled: Bool { cancelled.load(ordering: .relaxed) }

    func cancel() { cancelled.store(true, ordering: .relaxed) }

    /// How many SQLite virtual-machine steps pass between two questions: a few microseconds of work.
    static let stepsBetweenChecks: Int32 = 4_096

    /// Runs `body` with `db`'s progress handler and statement trace asking this flag, then gives the connection back
    /// its usual handler and no trace.
    /// - Throws: `CancellationError` when the flag is set before `body` starts or stops one of its statements.
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
        do {
            return try withExtendedLifetime(self) { try body(db) }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_INTERRUPT && isCancelled {
            // A statement stopped by this flag: the read was cancelled, not broken.
            throw CancellationError()
        }
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
                    Unmanaged<ReadCancellation>.fromOpaque(context).takeUnretainedValue().isCancelled
                {
                    sqlite3_interrupt(sqlite3_db_handle(OpaquePointer(statement)))
                }
                return 0
            }

    private static let shouldStop: @convention(c) (UnsafeMutableRawPointer?) -> Int32 = { context in
        if let context, Unmanaged<ReadCancellation>.fromOpaque(context).takeUnretainedValue().isCancelled {
            return 1
        }
        return Task.isCancelled ? 1 : 0
    }
}

extension Store {
    /// Runs a read-only query on a consistent snapshot; cancelling the calling task stops the query, whatever it is
    /// doing at that moment. Prefer it to `writer.read` in asynchronous code.
    public func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await read(body, cancellation: ReadCancellation())
    }

    /// `read(_:)` with the flag given; tests set it themselves to reach the connection without the task knowing.
    func read<T: Sendable>(
        _ body: @escaping @Sendable (Database) throws -> T, cancellation: ReadCancellation
    ) async throws -> T {
        // GRDB's `async` read hops to a queue that waits for a free reader, back to the task, to the reader's queue
        // and back again: about 60 µs for an empty read on this machine, against 27 µs for `asyncRead` resumed once
        // (its callback runs on the reader's queue, in the same read-only transaction). GRDB is not told of a
        // cancellation; the flag stops the read (``ReadCancellation``).
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                writer.asyncRead { database in
                    continuation.resume(with: Result { try cancellation.watching(database.get(), body) })
                }
            }
        } onCancel: {
            cancellation.cancel()
        }
    }
}
