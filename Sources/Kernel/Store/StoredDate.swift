public import Foundation
public import GRDB
import GRDBSQLite

/// A date as GRDB stores it (`2026-12-05 18:46:17.181`, UTC), read by arithmetic straight from the statement:
/// GRDB's own reading parses into `DateComponents` and asks a Gregorian `Calendar`, which was a third of decoding a
/// case-study search's rows. Anything else in the column (other forms, numbers, a leap second) is read as GRDB reads
/// a `Date`; `StoredDateTests` checks the two agree to the bit. `row[i] as StoredDate`, then ``date``.
public struct StoredDate: DatabaseValueConvertible, StatementColumnConvertible {
    public let date: Date

    init(_ date: Date) {
        self.date = date
    }

    public init?(sqliteStatement: SQLiteStatement, index: CInt) {
        if sqlite3_column_type(sqliteStatement, index) == SQLITE_TEXT,
            let text = sqlite3_column_text(sqliteStatement, index),
            let date = Self.date(
                utf8: UnsafeRawBufferPointer(start: text, count: Int(sqlite3_column_bytes(sqliteStatement, index))))
        {
            self.date = date
            return
        }
        guard let date = Date.fromDatabaseValue(DatabaseValue(sqliteStatement: sqliteStatement, index: index)) else {
            return nil
        }
        self.date = date
    }

    public var databaseValue: DatabaseValue { date.databaseValue }

    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> StoredDate? {
        Date.fromDatabaseValue(dbValue).map(StoredDate.init)
    }

    /// The date of `yyyy-MM-dd HH:mm:ss.SSS` (UTC) in `bytes`, or nil when they are anything else, or a day that does
    /// not exist, or before 1583 (Foundation's calendar is Julian before October 1582).
    static func date(utf8 bytes: UnsafeRawBufferPointer) -> Date? {
        guard bytes.count == 23, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            bytes[10] == UInt8(ascii: " "), bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
            bytes[19] == UInt8(ascii: ".")
        else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for offset in range {
                let digit = bytes[offset] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                value = value * 10 + Int(digit)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
            let millisecond = number(20..<23), year >= 1583, (1...12).contains(month), day >= 1,
            day <= daysIn(month: month, year: year), hour < 24, minute < 60, second < 60
        else { return nil }
        // Added up as Foundation's Gregorian calendar does, so that the rounding is the same to the bit: the day's start
        // since 2001 (11,323 days after 1970), plus the time of day with its fraction.
        let secondsInDay = Double(hour * 3_600 + minute * 60 + second) + Double(millisecond) / 1_000
        let dayStart = Double((LocalDay.daysSince1970(year: year, month: month, day: day) - 11_323) * 86_400)
        return Date(timeIntervalSinceReferenceDate: dayStart + secondsInDay)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
