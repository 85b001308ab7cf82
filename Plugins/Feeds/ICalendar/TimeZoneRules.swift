import Foundation
import Kernel

/// The observances of a time zone over the period a feed covers, from the system's tz database.
///
/// Each observance in the period becomes its own STANDARD or DAYLIGHT sub-component with its exact onset, so the
/// definition is right for that period without guessing recurrence rules. A zone without transitions (most of
/// Africa) gets a single STANDARD observance from 1970.
struct TimeZoneRules {
    /// One STANDARD or DAYLIGHT sub-component.
    struct Observance {
        let isDaylight: Bool
        /// The onset as local wall-clock time in the offset in force before it (RFC 5545 §3.6.5).
        let onset: Date
        let offsetFrom: Int
        let offsetTo: Int

        /// The onset's local date-time fields, for writing.
        var localOnset: Date { onset.addingTimeInterval(TimeInterval(offsetFrom)) }
    }

    let zone: TimeZone
    let observances: [Observance]

    /// The observance in force at `start` (from its real onset) and every change up to `end`.
    init(_ zone: TimeZone, from start: Date, to end: Date) {
        self.zone = zone
        let relevant = Self.changes(of: zone, from: start, to: end)
        if relevant.isEmpty {
            let offset = zone.secondsFromGMT(for: start)
            observances = [Observance(isDaylight: false, onset: Self.epoch, offsetFrom: offset, offsetTo: offset)]
        } else {
            observances = relevant.map { instant in
                Observance(
                    isDaylight: zone.isDaylightSavingTime(for: instant), onset: instant,
                    offsetFrom: zone.secondsFromGMT(for: instant.addingTimeInterval(-1)),
                    offsetTo: zone.secondsFromGMT(for: instant))
            }
        }
    }

    static let epoch = Date(timeIntervalSince1970: 0)

    /// Every offset change of `zone` after `start` (1970 by default: earlier ones carry local mean times nobody
    /// needs) up to `end`.
    static func transitions(of zone: TimeZone, from start: Date = epoch, until end: Date) -> [Date] {
        var result: [Date] = []
        var cursor = start
        while let next = zone.nextDaylightSavingTimeTransition(after: cursor), next <= end {
            result.append(next)
            cursor = next
        }
        return result
    }

    /// The change in force at `start` (the last one at or before it, if any since 1970) and every change after it
    /// up to `end`. A zone that changes its clocks did so within the last 400 days: only that period is read (ICU
    /// answers one change at a time); otherwise everything since 1970 is.
    static func changes(of zone: TimeZone, from start: Date, to end: Date) -> [Date] {
        var changes = transitions(of: zone, from: start.addingTimeInterval(-400 * 86_400), until: end)
        if !changes.contains(where: { $0 <= start }) { changes = transitions(of: zone, until: end) }
        return (changes.last { $0 <= start }.map { [$0] } ?? []) + changes.filter { $0 > start }
    }

    /// The zones a feed's timed sessions use, each with the period its sessions cover, by zone name.
    static func covering(_ content: FeedContent) -> [TimeZoneRules] {
        let timed = content.items.filter { $0.session.kind.isLive }
        return Set(timed.map(\.session.timeZone)).sorted().compactMap { name in
            guard let zone = TimeZone(identifier: name) else { return nil }
            let sessions = timed.filter { $0.session.timeZone == name }.map(\.session)
            return TimeZoneRules(zone, from: sessions.map(\.startsAt).min()!, to: sessions.map(\.endsAt).max()!)
        }
    }

    /// Writes the VTIMEZONE component.
    func write(into lines: inout ContentLines) {
        lines.raw("BEGIN", "VTIMEZONE")
        lines.raw("TZID", zone.identifier)
        for observance in observances {
            let kind = observance.isDaylight ? "DAYLIGHT" : "STANDARD"
            lines.raw("BEGIN", kind)
            lines.raw("DTSTART", ICalendarDate.local(observance.onset, offset: observance.offsetFrom))
            lines.raw("TZOFFSETFROM", TimeZoneRules.offsetText(observance.offsetFrom))
            lines.raw("TZOFFSETTO", TimeZoneRules.offsetText(observance.offsetTo))
            lines.raw("END", kind)
        }
        lines.raw("END", "VTIMEZONE")
    }

    /// `+0200`, `-0430` (and `+02:00` with `colon`, as xCal writes it).
    static func offsetText(_ seconds: Int, colon: Bool = false) -> String {
        let sign = seconds < 0 ? "-" : "+"
        let minutes = abs(seconds) / 60
        let hours = minutes / 60
        let hh = (hours < 10 ? "0" : "") + "\(hours)"
        let mm = (minutes % 60 < 10 ? "0" : "") + "\(minutes % 60)"
        return sign + hh + (colon ? ":" : "") + mm
    }
}

/// iCalendar DATE and DATE-TIME values, in the basic (`20230621T140000`) or extended (`2023-06-21T14:00:00`) form,
/// and the other ways feeds write an instant.
enum ICalendarDate {
    /// `20230621T140000Z`.
    static func utc(_ date: Date, extended: Bool = false) -> String {
        extended ? format(date, "YYYY-MM-DDThh:mm:ssZ") : format(date, "YYYYMMDDThhmmssZ")
    }

    /// Local time as `20230621T140000`, given the zone's offset at that instant (in seconds east of UTC).
    static func local(_ date: Date, offset: Int, extended: Bool = false) -> String {
        extended ? format(date, offset: offset, "YYYY-MM-DDThh:mm:ss") : format(date, offset: offset, "YYYYMMDDThhmmss")
    }

    /// A DATE value (`20230622`) of the local day of `date` at `offset`.
    static func day(_ date: Date, offset: Int, extended: Bool = false) -> String {
        extended ? format(date, offset: offset, "YYYY-MM-DD") : format(date, offset: offset, "YYYYMMDD")
    }

    /// The fields of `date` at `offset` written into `pattern`: `YYYY` the year, `MM` the month, `DD` the day, `hh`,
    /// `mm` and `ss` the time, `EEE` the weekday and `NNN` the month in English (as RFC 822 names them); every other
    /// byte is copied. Integer arithmetic and one allocation at most (none up to 15 bytes): this runs for every date
    /// of every feed.
    static func format(_ date: Date, offset: Int = 0, _ pattern: StaticString) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + offset
        let c = components(seconds: seconds)
        let pattern = UnsafeBufferPointer(start: pattern.utf8Start, count: pattern.utf8CodeUnitCount)
        return String(unsafeUninitializedCapacity: pattern.count) { text in
            var index = 0
            func write(_ value: Int, _ width: Int) {
                var rest = value
                for position in (index..<index + width).reversed() {
                    text[position] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
                index += width
            }
            func name(_ names: StaticString, _ number: Int) {
                for letter in 0..<3 { text[index + letter] = names.utf8Start[3 * number + letter] }
                index += 3
            }
            while index < pattern.count {
                switch pattern[index] {
                case UInt8(ascii: "Y"): write(c.year, 4)
                case UInt8(ascii: "M"): write(c.month, 2)
                case UInt8(ascii: "D"): write(c.day, 2)
                case UInt8(ascii: "h"): write(c.hour, 2)
                case UInt8(ascii: "m"): write(c.minute, 2)
                case UInt8(ascii: "s"): write(c.second, 2)
                case UInt8(ascii: "E"): name("SunMonTueWedThuFriSat", c.weekday)
                case UInt8(ascii: "N"): name("JanFebMarAprMayJunJulAugSepOctNovDec", c.month - 1)
                default:
                    text[index] = pattern[index]
                    index += 1
                }
            }
            return pattern.count
        }
    }

    /// Calendar fields of a time in seconds since 1970; `weekday` counts from Sunday, 0.
    private static func components(
        seconds: Int
    ) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, weekday: Int) {
        let (days, time) = LocalDay.split(secondsSince1970: seconds)
        let date = LocalDay(daysSince1970: days)
        // 1 January 1970 was a Thursday.
        let weekday = ((days + 4) % 7 + 7) % 7
        return (date.year, date.month, date.day, time / 3600, (time % 3600) / 60, time % 60, weekday)
    }
}
