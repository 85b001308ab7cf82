import Foundation
import Kernel

/// The current time as an HTTP date (IMF-fixdate, RFC 9110 §5.6.7: `Sun, 06 Nov 1994 08:49:37 GMT`), the form
/// Hummingbird's `Date` header takes, made once a second.
final class HTTPDateText: Sendable {
    private let current = SecondText { HTTPDateText.text(secondsSince1970: Int($0.timeIntervalSince1970)) }

    func now() -> String { current.now() }

    private static let days = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// IMF-fixdate of a time after 1970 (UTC).
    static func text(secondsSince1970 seconds: Int) -> String {
        let (days, time) = LocalDay.split(secondsSince1970: seconds)
        let date = LocalDay(daysSince1970: days)
        func two(_ value: Int) -> String { value < 10 ? "0" + String(value) : String(value) }
        return Self.days[days % 7] + ", " + two(date.day) + " " + months[date.month - 1] + " " + String(date.year) + " "
            + two(time / 3_600) + ":" + two(time % 3_600 / 60) + ":" + two(time % 60) + " GMT"
    }
}
