import Foundation
import Kernel

/// The current time as an HTTP date (IMF-fixdate, RFC 9110 §5.6.7: `Sun, 06 Nov 1994 08:49:37 GMT`), the form
/// Hummingbird's `Date` header takes, made once a second.
final class HTTPDateText: Sendable {
    private let current = SecondText { HTTPDateText.text(secondsSince1970: Int($0.timeIntervalSince1970)) }

    func now() -> String { current.now() }

    private static let days = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// IMF-fixdate of a time after 1970, by the civil-from-days calendar algorithm (proleptic Gregorian, UTC).
    static func text(secondsSince1970 seconds: Int) -> String {
        let days = seconds / 86_400
        let time = seconds % 86_400
        let shifted = days + 719_468
        let era = shifted / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ value: Int) -> String { value < 10 ? "0" + String(value) : String(value) }
        return Self.days[days % 7] + ", " + two(day) + " " + months[month - 1] + " " + String(year) + " "
            + two(time / 3_600) + ":" + two(time % 3_600 / 60) + ":" + two(time % 60) + " GMT"
    }
}
