public import Foundation
import Synchronization

/// A text of the current second (a log line's timestamp, an HTTP `Date`), made once a second rather than at every
/// use: a server writes one for every request.
public final class SecondText: Sendable {
    private let current = Mutex<(second: Int, text: String)>((-1, ""))
    private let make: @Sendable (Date) -> String

    /// - Parameter make: The text of a time (called with whole seconds).
    public init(_ make: @escaping @Sendable (Date) -> String) {
        self.make = make
    }

    /// The text of the current second.
    public func now() -> String {
        let second = Int(Date().timeIntervalSince1970)
        return current.withLock { current in
            if current.second != second {
                current = (second, make(Date(timeIntervalSince1970: TimeInterval(second))))
            }
            return current.text
        }
    }
}
