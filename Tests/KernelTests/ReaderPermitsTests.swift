import Synchronization
import Testing

@testable import Kernel

@Suite("Reader permits")
struct ReaderPermitsTests {
    @Test("permits are handed out while free, then to waiters first come first served")
    func firstComeFirstServed() async throws {
        let permits = ReaderPermits(count: 2)
        try await permits.acquire()
        try await permits.acquire()
        #expect(permits.available == 0)
        let order = Order()
        var waiters: [Task<Void, any Error>] = []
        for index in 0..<3 {
            waiters.append(
                Task {
                    try await permits.acquire()
                    order.list.withLock { $0.append(index) }
                })
            // Each waits before the next is started.
            while permits.waiting < index + 1 { try await Task.sleep(for: .milliseconds(1)) }
        }
        for _ in 0..<3 { permits.release() }
        for waiter in waiters { try await waiter.value }
        #expect(order.list.withLock { $0 } == [0, 1, 2])
        #expect(permits.available == 0)
        for _ in 0..<2 { permits.release() }
        #expect(permits.available == 2)
    }

    @Test("a cancelled waiter stops waiting, holds no permit, and the next waiter gets the one released")
    func cancelledWaiter() async throws {
        let permits = ReaderPermits(count: 1)
        try await permits.acquire()
        let cancelled = Task { try await permits.acquire() }
        while permits.waiting < 1 { try await Task.sleep(for: .milliseconds(1)) }
        let next = Task { try await permits.acquire() }
        while permits.waiting < 2 { try await Task.sleep(for: .milliseconds(1)) }
        cancelled.cancel()
        await #expect(throws: CancellationError.self) { try await cancelled.value }
        permits.release()
        try await next.value
        #expect(permits.available == 0)
        permits.release()
        #expect(permits.available == 1)
    }

    @Test("a task cancelled before it asks gets a permit while one is free, and stops if it would wait")
    func cancelledBeforeAsking() async throws {
        let permits = ReaderPermits(count: 1)
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            try await permits.acquire()  // free: taken (the read it guards stops at its own check)
            var second: (any Error)?
            do { try await permits.acquire() } catch { second = error }
            permits.release()
            return second
        }
        #expect(try await task.value is CancellationError)
        #expect(permits.available == 1)
    }
}

/// The order in which waiters got their permits.
private final class Order: Sendable {
    let list = Mutex<[Int]>([])
}
