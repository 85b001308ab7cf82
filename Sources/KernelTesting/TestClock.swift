public import Foundation
import Synchronization

/// A clock tests set and advance by hand, so every `createdAt` and `updatedAt` is predictable.
public final class TestClock: Sendable {
    private let current: Mutex<Date>

    /// Starts at `start` (default 2026-12-01T00:00:00Z, after every date in the demo network's past).
    public init(_ start: Date = Date(timeIntervalSince1970: 1_796_083_200)) {
        current = Mutex(start)
    }

    /// The current test time.
    public var now: Date { current.withLock { $0 } }

    /// Moves the clock forward.
    public func advance(by seconds: TimeInterval) {
        current.withLock { $0 += seconds }
    }

    /// The clock as the closure the kernel takes.
    public var closure: @Sendable () -> Date { { self.now } }
}
