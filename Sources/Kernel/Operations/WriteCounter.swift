import Synchronization

/// How many writes this process has committed: a cheap way for caches to notice its own changes at once.
///
/// Other processes (the command line beside a running server) write to the same file without touching it, so a
/// cache that relies on it must also expire after a short time.
public final class WriteCounter: Sendable {
    private let count = Mutex<UInt64>(0)

    public init() {}

    /// The number of writes committed so far.
    public var value: UInt64 { count.withLock { $0 } }

    func increment() {
        count.withLock { $0 += 1 }
    }
}
