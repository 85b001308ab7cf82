import Dispatch
import Synchronization

/// Keeps the server answering under load: at most ``Limits/concurrentRequests`` requests do work at once, the rest
/// wait in line for at most ``Limits/deadline`` (then 503 with `Retry-After`), a read (GET, HEAD) that runs past its
/// deadline is stopped, and a request whose client has gone away is stopped at once (its database read is
/// interrupted, nothing is rendered for nobody).
///
/// One per server; the router's ``RequestGuardMiddleware`` and each connection's ``ClientDisconnectHandler`` share it.
/// `/healthz` is answered outside it, so a health check never waits behind the pages.
public final class RequestGuard: Sendable {
    public struct Limits: Sendable {
        /// Requests doing work at once (the database has a few readers; the machine, a few cores).
        public var concurrentRequests: Int
        /// Requests waiting for their turn; past this, 503 at once.
        public var queuedRequests: Int
        /// How long a request may wait for its turn, and a read may take in all.
        public var deadline: Duration
        /// What `Retry-After` says in a 503 (seconds).
        public var retryAfterSeconds: Int

        public init(
            concurrentRequests: Int = 8, queuedRequests: Int = 256, deadline: Duration = .seconds(10),
            retryAfterSeconds: Int = 2
        ) {
            self.concurrentRequests = concurrentRequests
            self.queuedRequests = queuedRequests
            self.deadline = deadline
            self.retryAfterSeconds = retryAfterSeconds
        }
    }

    /// Why a request was stopped.
    enum Stop: Sendable, Equatable {
        case clientGone
        case deadline
        case overloaded
    }

    private struct Running {
        let connection: ObjectIdentifier
        let deadline: ContinuousClock.Instant?
        var stop: Stop?
        /// The task doing the work, while it runs (see ``track(connection:deadline:_:)``).
        var task: RunningTask?
    }

    private struct Waiting {
        let id: UInt64
        let connection: ObjectIdentifier
        let deadline: ContinuousClock.Instant
        let continuation: CheckedContinuation<Stop?, Never>
    }

    private struct State {
        /// The open connections, and whether their client has gone away (a request that comes after that, from the
        /// server's backlog, is not worked on at all).
        var connections: [ObjectIdentifier: Bool] = [:]
        var nextId: UInt64 = 0
        var admitted = 0
        var running: [UInt64: Running] = [:]
        var waiting: [Waiting] = []
        var sweeping = false
    }

    public let limits: Limits
    private let state = Mutex(State())

    public init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// How many requests are doing work and how many wait (for tests and diagnostics).
    var load: (running: Int, waiting: Int) { state.withLock { ($0.admitted, $0.waiting.count) } }

    /// Waits for a turn. Returns `nil` once admitted (then ``release()`` must follow), or why the request may not go.
    func admit(connection: ObjectIdentifier) async -> Stop? {
        let now = ContinuousClock.now
        enum Decision { case go, refuse, wait, gone }
        let decision = state.withLock { state -> Decision in
            if state.connections[connection] == true { return .gone }
            if state.admitted < limits.concurrentRequests {
                state.admitted += 1
                return .go
            }
            return state.waiting.count < limits.queuedRequests ? .wait : .refuse
        }
        switch decision {
        case .go: return nil
        case .gone: return .clientGone
        case .refuse: return .overloaded
        case .wait: break
        }
        return await withCheckedContinuation { continuation in
            let startSweeper = state.withLock { state -> Bool in
                state.nextId += 1
                // A turn may have come free in between: take it rather than wait for nobody to wake us.
                if state.admitted < limits.concurrentRequests {
                    state.admitted += 1
                    continuation.resume(returning: nil)
                    return false
                }
                state.waiting.append(
                    Waiting(
                        id: state.nextId, connection: connection, deadline: now + limits.deadline,
                        continuation: continuation))
                return Self.needsSweeper(&state)
            }
            if startSweeper { scheduleSweep() }
        }
    }

    /// Gives a turn back: to the first in line, if any.
    func release() {
        let next = state.withLock { state -> CheckedContinuation<Stop?, Never>? in
            guard !state.waiting.isEmpty else {
                state.admitted -= 1
                return nil
            }
            return state.waiting.removeFirst().continuation
        }
        next?.resume(returning: nil)
    }

    /// Runs `work` (in its own task) as a tracked request of `connection`: stopped, with the reason thrown as
    /// ``Stopped``, when the client goes away or `deadline` passes.
    func track<T: Sendable>(
        connection: ObjectIdentifier, deadline: ContinuousClock.Instant?,
        _ work: () async throws -> T
    ) async throws -> T {
        let (id, startSweeper) = state.withLock { state -> (UInt64, Bool) in
            state.nextId += 1
            state.running[state.nextId] = Running(connection: connection, deadline: deadline)
            return (state.nextId, deadline != nil && Self.needsSweeper(&state))
        }
        if startSweeper { scheduleSweep() }
        defer { _ = state.withLock { $0.running.removeValue(forKey: id) } }
        return try await withoutActuallyEscaping(work) { work in
            // The work runs in a child task (so it can be cancelled alone) while this task only waits for it.
            let work = ChildWork(run: work)
            return try await withThrowingTaskGroup(of: T.self) { group in
                // Started at once on this thread: a request that never waits costs no hop to another thread.
                group.addImmediateTask {
                    let stopped = withUnsafeCurrentTask { task in
                        let task = task.map(RunningTask.init)
                        return self.state.withLock { state -> Bool in
                            state.running[id]?.task = task
                            return state.running[id]?.stop != nil
                        }
                    }
                    defer { self.state.withLock { state in state.running[id]?.task = nil } }
                    if stopped { throw CancellationError() }
                    return try await work.run()
                }
                do {
                    return try await group.next()!
                } catch {
                    if let stop = state.withLock({ $0.running[id]?.stop }) { throw Stopped(reason: stop) }
                    throw error
                }
            }
        }
    }

    /// A connection was opened: from now on its client may be said to have gone away.
    func connectionOpened(_ connection: ObjectIdentifier) {
        state.withLock { $0.connections[connection] = false }
    }

    /// A connection is gone for good (its id may be reused by another).
    func connectionClosed(_ connection: ObjectIdentifier) {
        clientWentAway(connection)
        state.withLock { _ = $0.connections.removeValue(forKey: connection) }
    }

    /// The client of `connection` is gone: stop its requests, drop it from the line, and refuse what it sent after.
    func clientWentAway(_ connection: ObjectIdentifier) {
        let dropped = state.withLock { state -> [CheckedContinuation<Stop?, Never>] in
            if state.connections[connection] != nil { state.connections[connection] = true }
            for (id, request) in state.running where request.connection == connection {
                stop(id, .clientGone, in: &state)
            }
            let (gone, staying) = (
                state.waiting.filter { $0.connection == connection },
                state.waiting.filter { $0.connection != connection }
            )
            state.waiting = staying
            return gone.map(\.continuation)
        }
        for continuation in dropped { continuation.resume(returning: .clientGone) }
    }

    /// Stops the requests past their deadline and sends away those that waited too long.
    func sweep(now: ContinuousClock.Instant = .now) {
        let late = state.withLock { state -> [CheckedContinuation<Stop?, Never>] in
            for (id, request) in state.running
            where request.stop == nil && (request.deadline.map { $0 <= now } ?? false) {
                stop(id, .deadline, in: &state)
            }
            let late = state.waiting.filter { $0.deadline <= now }
            state.waiting.removeAll { $0.deadline <= now }
            return late.map(\.continuation)
        }
        for continuation in late { continuation.resume(returning: .deadline) }
    }

    /// Marks request `id` stopped and cancels its task if it runs (the task is alive while it is registered).
    private func stop(_ id: UInt64, _ reason: Stop, in state: inout State) {
        state.running[id]?.stop = reason
        state.running[id]?.task?.task.cancel()
    }

    /// One sweeper a server, started by the first request that needs watching; it ends when nothing is left to
    /// watch. It runs on a Dispatch queue, not on Swift's cooperative pool, which the requests it stops may be keeping
    /// busy.
    ///
    /// Asked under the same lock that registers what needs watching: the sweeper decides it is idle under that lock
    /// too, so it cannot end between a request's registration and this question (a waiting request would then be
    /// left in line with nobody to send it away at its deadline).
    private static func needsSweeper(_ state: inout State) -> Bool {
        defer { state.sweeping = true }
        return !state.sweeping
    }

    private func scheduleSweep() {
        DispatchQueue.global(qos: .userInitiated).asyncAfter(deadline: .now() + .milliseconds(100)) { [self] in
            sweep()
            let idle = state.withLock { state in
                let idle = state.waiting.isEmpty && !state.running.values.contains { $0.deadline != nil }
                if idle { state.sweeping = false }
                return idle
            }
            if !idle { scheduleSweep() }
        }
    }

    /// The task running a request's work. It is registered by the task itself when it starts and removed before it
    /// ends, under the guard's lock, and only used under that lock: it never outlives the task.
    private struct RunningTask: @unchecked Sendable {
        let task: UnsafeCurrentTask
    }

    /// The work of a request, handed to the child task that runs it: the parent task does nothing with it meanwhile.
    private struct ChildWork<T>: @unchecked Sendable {
        let run: () async throws -> T
    }

    /// A request stopped by the guard, and why.
    struct Stopped: Error {
        let reason: Stop
    }
}
