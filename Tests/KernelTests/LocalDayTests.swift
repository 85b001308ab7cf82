import Foundation
import Testing

@testable import Kernel

/// The arithmetic day count agrees with Foundation's Gregorian calendar.
@Suite struct LocalDayTests {
    @Test(
        "the day of a count since 1970 is Foundation's, and counts back to it, from 1600 to 2400 (every 13th day, leap days included)"
    )
    func daysSince1970() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        // 1900-03-01, 2000-02-29, 2000-03-01 and 2100-02-28: around the century rules.
        let leapDays = [-25_508, 11_016, 11_017, 47_540]
        for days in Array(stride(from: -135_140, through: 157_000, by: 13)) + leapDays {
            let date = Date(timeIntervalSince1970: Double(days) * 86_400)
            let expected = calendar.dateComponents([.year, .month, .day], from: date)
            let day = LocalDay(daysSince1970: days)
            #expect(
                [day.year, day.month, day.day] == [expected.year, expected.month, expected.day], "day \(days)")
            #expect(LocalDay.daysSince1970(year: day.year, month: day.month, day: day.day) == days, "day \(days)")
        }
    }

    @Test("seconds split into the day and the second of it, floored before 1970")
    func split() {
        let cases: [(Int, Int, Int)] = [
            (0, 0, 0), (86_399, 0, 86_399), (86_400, 1, 0), (-1, -1, 86_399), (-86_400, -1, 0), (-86_401, -2, 86_399),
        ]
        for (seconds, days, second) in cases {
            let split = LocalDay.split(secondsSince1970: seconds)
            #expect(split.days == days && split.secondOfDay == second, "\(seconds)")
        }
    }
}
