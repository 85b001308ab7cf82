import Foundation

/// Counts attempts per key (a client address) in a sliding window and refuses those over the limit.
actor RateLimiter {
    private let limit: Int
    private let window: TimeInterval
    private var attempts: [String: [Date]] = [:]

    init(limit: Int, window: TimeInterval) {
        self.limit = limit
        self.window = window
    }

    /// Records an attempt at `now` and says whether it is within the limit.
    func allow(_ key: String, at now: Date) -> Bool {
        guard hasRoom(key, at: now) else { return false }
        record(key, at: now)
        return true
    }

    /// Whether `key` may still make an attempt at `now` (nothing is recorded).
    func hasRoom(_ key: String, at now: Date) -> Bool {
        let cutoff = now.addingTimeInterval(-window)
        let recent = (attempts[key] ?? []).filter { $0 > cutoff }
        attempts[key] = recent.isEmpty ? nil : recent
        return recent.count < limit
    }

    /// Counts one attempt (for sign-in: one genuine failure) of `key` at `now`.
    func record(_ key: String, at now: Date) {
        let cutoff = now.addingTimeInterval(-window)
        if attempts.count > 10_000 {
            // Forget keys whose attempts all fell out of the window, so memory stays bounded under a flood.
            attempts = attempts.filter { $0.value.last.map { $0 > cutoff } ?? false }
        }
        attempts[key, default: []].append(now)
    }
}
