import GRDB
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

/// Moves a ``WriteCounter`` at every commit on the store's writer, whoever wrote: kernel transactions and the
/// plugins' writes to their own tables alike, so caches of public pages never outlive a change made here.
final class CommitCounter: TransactionObserver {
    private let counter: WriteCounter

    init(_ counter: WriteCounter) {
        self.counter = counter
    }

    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool { false }
    func databaseDidChange(with event: DatabaseEvent) {}
    func databaseDidCommit(_ db: Database) { counter.increment() }
    func databaseDidRollback(_ db: Database) {}
}
