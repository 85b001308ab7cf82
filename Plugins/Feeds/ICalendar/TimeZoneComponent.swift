import Foundation

/// Writes a VTIMEZONE for the period a feed covers, from the system's tz database.
///
/// Each observance in the period becomes its own STANDARD or DAYLIGHT sub-component with the exact onset, so the
/// definition is right for that period without guessing recurrence rules. A zone without transitions (most of
/// Africa) gets a single STANDARD observance.
enum TimeZoneComponent {
    /// Adds the VTIMEZONE of `zone` covering `start...end`: the observance in force at `start` (from its real
    /// onset) and every change up to `end`.
    static func write(_ zone: TimeZone, from start: Date, to end: Date, into lines: inout ContentLines) {
        lines.raw("BEGIN", "VTIMEZONE")
        lines.raw("TZID", zone.identifier)
        let changes = transitions(of: zone, until: end)
        let inForce = changes.last { $0 <= start }
        let relevant = (inForce.map { [$0] } ?? []) + changes.filter { $0 > start }
        if relevant.isEmpty {
            // No change since 1970 up to the end of the period: one observance, from 1970 on.
            let offset = zone.secondsFromGMT(for: start)
            observance(zone, at: epoch, from: offset, to: offset, into: &lines)
        } else {
            for instant in relevant {
                observance(
                    zone, at: instant, from: zone.secondsFromGMT(for: instant.addingTimeInterval(-1)),
                    to: zone.secondsFromGMT(for: instant), into: &lines)
            }
        }
        lines.raw("END", "VTIMEZONE")
    }

    private static let epoch = Date(timeIntervalSince1970: 0)

    /// Every offset change of `zone` from 1970 to `end` (earlier ones carry local mean times nobody needs).
    private static func transitions(of zone: TimeZone, until end: Date) -> [Date] {
        var result: [Date] = []
        var cursor = epoch
        while let next = zone.nextDaylightSavingTimeTransition(after: cursor), next <= end {
            result.append(next)
            cursor = next
        }
        return result
    }

    private static func observance(
        _ zone: TimeZone, at instant: Date, from: Int, to: Int, into lines: inout ContentLines
    ) {
        let kind = zone.isDaylightSavingTime(for: instant) ? "DAYLIGHT" : "STANDARD"
        lines.raw("BEGIN", kind)
        // The onset is written in the local time that was in force before it (RFC 5545 §3.6.5).
        lines.raw("DTSTART", ICalendarDate.local(instant, offset: from))
        lines.raw("TZOFFSETFROM", offsetText(from))
        lines.raw("TZOFFSETTO", offsetText(to))
        if let name = zone.abbreviation(for: instant), !name.hasPrefix("GMT") {
            lines.text("TZNAME", name)
        }
        lines.raw("END", kind)
    }

    /// `+0200`, `-0430`.
    static func offsetText(_ seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : "+"
        let minutes = abs(seconds) / 60
        let hours = minutes / 60
        return sign + (hours < 10 ? "0" : "") + "\(hours)" + (minutes % 60 < 10 ? "0" : "") + "\(minutes % 60)"
    }
}

/// iCalendar DATE and DATE-TIME values.
enum ICalendarDate {
    /// `20230621T140000Z`.
    static func utc(_ date: Date) -> String {
        local(date, offset: 0) + "Z"
    }

    /// Local time as `20230621T140000`, given the zone's offset at that instant (in seconds east of UTC).
    static func local(_ date: Date, offset: Int) -> String {
        let c = components(date.addingTimeInterval(TimeInterval(offset)))
        return pad(c.year, 4) + pad(c.month, 2) + pad(c.day, 2) + "T" + pad(c.hour, 2) + pad(c.minute, 2)
            + pad(c.second, 2)
    }

    /// A DATE value (`20230622`) of the local day of `date` at `offset`.
    static func day(_ date: Date, offset: Int) -> String {
        let c = components(date.addingTimeInterval(TimeInterval(offset)))
        return pad(c.year, 4) + pad(c.month, 2) + pad(c.day, 2)
    }

    private static func components(_ date: Date) -> (
        year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int
    ) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return (c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
