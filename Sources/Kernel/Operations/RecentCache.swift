import Synchronization

/// Values computed from the database, reused while they are surely current: until this process commits a write,
/// and for at most `lifetime` (other processes write to the same file without telling us).
///
/// For answers that are read far more often than they change, such as whether a plugin is enabled for an
/// organization or the version of a feed. A second of staleness after another process's change is the price.
public final class RecentCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct Entry {
        let value: Value
        let writes: UInt64
        let expires: ContinuousClock.Instant
    }

    private let entries = Mutex<[Key: Entry]>([:])
    private let counter: WriteCounter
    private let lifetime: Duration
    private let capacity: Int

    public init(counter: WriteCounter, lifetime: Duration = .seconds(1), capacity: Int = 10_000) {
        self.counter = counter
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// The cached value for `key`, or a new one from `compute` (which is then kept).
    public func value(for key: Key, compute: () async throws -> Value) async rethrows -> Value {
        let writes = counter.value
        let now = ContinuousClock.now
        if let entry = entries.withLock({ $0[key] }), entry.writes == writes, entry.expires > now {
            return entry.value
        }
        let value = try await compute()
        let entry = Entry(value: value, writes: writes, expires: now + lifetime)
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = entry
        }
        return value
    }

    /// Until when ``value(for:compute:)`` will return the value it holds for `key` as it is, unless this process
    /// writes first; `nil` when it would not return it now, or when that value does not `matches`. `matches` runs
    /// under the cache's lock (so the value is not copied out) and must not use the cache.
    public func reusedUntil(_ key: Key, where matches: (Value) -> Bool) -> ContinuousClock.Instant? {
        let writes = counter.value
        let now = ContinuousClock.now
        return entries.withLock { entries in
            guard let entry = entries[key], entry.writes == writes, entry.expires > now, matches(entry.value) else {
                return nil
            }
            return entry.expires
        }
    }
}
