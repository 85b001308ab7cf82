import Foundation

/// Counts attempts per key (an IP address) in a sliding window and refuses those over the limit.
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
        let cutoff = now.addingTimeInterval(-window)
        if attempts.count > 10_000 {
            // Forget keys whose attempts all fell out of the window, so memory stays bounded under a flood.
            attempts = attempts.filter { $0.value.last.map { $0 > cutoff } ?? false }
        }
        var recent = (attempts[key] ?? []).filter { $0 > cutoff }
        guard recent.count < limit else {
            attempts[key] = recent
            return false
        }
        recent.append(now)
        attempts[key] = recent
        return true
    }
}
