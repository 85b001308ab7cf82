import Synchronization

/// One permit for each reading connection of a ``Store``: a read takes one before it asks GRDB for a connection, so
/// GRDB always has one free and never makes a thread wait for it. A read made on its task's thread
/// (``Store/read(_:)``) would otherwise block one of the few threads that run every task of the process while other
/// reads held every connection. A task waits for a permit suspended, first come first served, and stops waiting when
/// it is cancelled.
final class ReaderPermits: Sendable {
    private struct Waiter {
        let id: UInt64
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var available: Int
        var waiting: [Waiter] = []
        var lastId: UInt64 = 0
    }

    private let state: Mutex<State>

    init(count: Int) {
        precondition(count > 0, "a store reads through at least one connection")
        state = Mutex(State(available: count))
    }

    /// Takes a permit, waiting (suspended) until one is free.
    /// - Throws: `CancellationError` when the task is cancelled before it has one; it then holds none.
    func acquire() async throws {
        let id: UInt64? = state.withLock { state in
            if state.available > 0 {
                state.available -= 1
                return nil
            }
            state.lastId += 1
            return state.lastId
        }
        guard let id else { return }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let now: Result<Void, any Error>? = state.withLock { state in
                    // A permit freed, or the task cancelled, since the first look.
                    if Task.isCancelled { return .failure(CancellationError()) }
                    if state.available > 0 {
                        state.available -= 1
                        return .success(())
                    }
                    state.waiting.append(Waiter(id: id, continuation: continuation))
                    return nil
                }
                if let now { continuation.resume(with: now) }
            }
        } onCancel: {
            let waiter = state.withLock { state in
                state.waiting.firstIndex { $0.id == id }.map { state.waiting.remove(at: $0) }
            }
            waiter?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Gives a permit back: to the task that has waited longest, if any.
    func release() {
        let next = state.withLock { state -> Waiter? in
            guard !state.waiting.isEmpty else {
                state.available += 1
                return nil
            }
            return state.waiting.removeFirst()
        }
        next?.continuation.resume()
    }

    /// How many permits are free (for tests).
    var available: Int { state.withLock { $0.available } }

    /// How many tasks wait for one (for tests).
    var waiting: Int { state.withLock { $0.waiting.count } }
}
