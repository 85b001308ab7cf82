public import GRDB

extension Store {
    /// Runs a read-only query on a consistent snapshot; cancelling the calling task stops the query, whatever it is
    /// doing at that moment. Prefer it to `writer.read` in asynchronous code.
    ///
    /// The read runs on the calling task's own thread, for at most ``callersThreadLimit``: past it, its statements
    /// are stopped, whatever it made of them is thrown away, and it is made again, from the start, on a reader thread
    /// of GRDB's (where it takes as long as it needs). Handing every read to a reader thread and back cost two to
    /// three changes of thread, 60 µs and more on a machine of two processors, which was most of what a search or a
    /// page's read added to the query itself; but a long read kept on the task's thread would hold one of the few
    /// threads (one for each processor) that run every task of the process, every request of the server.
    /// - Important: `body` may therefore run twice: it must do nothing but read.
    public func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await read(body, cancellation: ReadCancellation())
    }

    /// `read(_:)` with the flag given (tests set it themselves, to reach the connection without the task knowing),
    /// and, when `startingOnCallersThread` is false, on a reader thread from the start.
    func read<T: Sendable>(
        _ body: @escaping @Sendable (Database) throws -> T, cancellation: ReadCancellation,
        startingOnCallersThread: Bool = true
    ) async throws -> T {
        // With a permit, a connection is free: the read on this thread never waits for one.
        try await permits.acquire()
        defer { permits.release() }
        return try await withTaskCancellationHandler {
            if startingOnCallersThread {
                do {
                    return try readHere(body, cancellation, limit: callersThreadLimitNanoseconds)
                } catch is ReadCancellation.OutranItsTime {
                    cancellation.removeTimeLimit()
                }
            }
            // GRDB's asynchronous read gives the connection back before it returns, so the permit released after it
            // is a free connection (its `asyncRead` resumes the task first, and frees the connection after).
            // GRDB is not told of a cancellation; the flag stops the read (``ReadCancellation``).
            return try await writer.read { db in try cancellation.watching(db, body) }
        } onCancel: {
            cancellation.cancel()
        }
    }

    /// The read on this thread (GRDB's synchronous read: its reader's queue is entered here, not hopped to), its
    /// time counted from when it has its connection (a queue in memory may first wait for a write).
    private func readHere<T>(_ body: (Database) throws -> T, _ cancellation: ReadCancellation, limit: Int64?) throws
        -> T
    {
        try writer.read { db in
            if let limit { cancellation.limitTime(toNanoseconds: limit) }
            return try cancellation.watching(db, body)
        }
    }
}
