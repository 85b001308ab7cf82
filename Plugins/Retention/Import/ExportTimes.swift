import Foundation

/// A moment as an export writes it: local to the meeting's zone, with the order of day and month not yet known.
struct WrittenTime: Equatable {
    /// The three numbers of the date as written (`a/b/c`), or nil for a time of day only.
    var date: (first: Int, second: Int, third: Int)?
    /// Whether the date is written year first (2023-06-21).
    var yearFirst = false
    var hour: Int
    var minute: Int
    var second: Int
    /// Set when the text carries its own offset or `Z` (ISO 8601): no zone needed.
    var offsetSeconds: Int?

    static func == (lhs: WrittenTime, rhs: WrittenTime) -> Bool {
        lhs.date?.first == rhs.date?.first && lhs.date?.second == rhs.date?.second
            && lhs.date?.third == rhs.date?.third && lhs.yearFirst == rhs.yearFirst && lhs.hour == rhs.hour
            && lhs.minute == rhs.minute && lhs.second == rhs.second && lhs.offsetSeconds == rhs.offsetSeconds
    }

    /// Reads `06/21/2023 01:52:40 PM`, `6/30/23, 1:58:03 PM`, `21.06.2023 14:00`, `2023-06-21T14:00:00+02:00`,
    /// `13:55` and the like; nil when the text is not a time. ``TimeScanner`` reads the text.
    init?(_ text: String) {
        guard let match = TimeScanner(text).scan() else { return nil }
        if let written = match.date {
            date = (written.first, written.second, written.third)
            yearFirst = written.firstDigits == 4
        }
        var hour = match.hour
        if let afternoon = match.afternoon {
            guard (1...12).contains(hour) else { return nil }
            hour = hour % 12 + (afternoon ? 12 : 0)
        }
        guard hour < 24, match.minute < 60, (match.second ?? 0) < 61 else { return nil }
        self.hour = hour
        minute = match.minute
        second = match.second ?? 0
        offsetSeconds = match.offsetSeconds
    }

    /// The calendar day under `order`, or nil when the numbers make no date that way.
    func day(_ order: DayOrder) -> DateComponents? {
        guard let date else { return nil }
        let (year, month, day): (Int, Int, Int) =
            yearFirst
            ? (date.first, date.second, date.third)
            : order == .monthFirst ? (date.third, date.first, date.second) : (date.third, date.second, date.first)
        guard (1...12).contains(month), (1...31).contains(day) else { return nil }
        return DateComponents(year: year < 100 ? 2000 + year : year, month: month, day: day)
    }
}

/// Whether `6/7/23` is the 7th of June (month first, as US-English exports write) or the 6th of July.
enum DayOrder: Sendable {
    case monthFirst, dayFirst

    /// The order the file's dates must have: forced by any date valid only one way; otherwise the order that puts
    /// the first date nearest `expected` (the session's day), month first on a tie.
    static func of(_ times: [WrittenTime], near expected: Date, in zone: TimeZone) -> DayOrder {
        let written = times.filter { $0.date != nil && !$0.yearFirst }
        if written.contains(where: { $0.day(.monthFirst) == nil }) { return .dayFirst }
        if written.contains(where: { $0.day(.dayFirst) == nil }) { return .monthFirst }
        guard let first = written.first else { return .monthFirst }
        func distance(_ order: DayOrder) -> TimeInterval {
            ExportClock(zone: zone, order: order, day: nil).instant(first).map { abs($0.timeIntervalSince(expected)) }
                ?? .infinity
        }
        return distance(.dayFirst) < distance(.monthFirst) ? .dayFirst : .monthFirst
    }
}

/// Turns written times into instants: the meeting's zone, the file's day order, and the day for times of day.
struct ExportClock {
    let zone: TimeZone
    let order: DayOrder
    /// The meeting's day, for exports that write times of day only (Google Meet).
    let day: DateComponents?
    /// Where the meeting is expected on that day (the session's start): a time of day is placed on the day before,
    /// the day itself or the day after, whichever is nearest, so a meeting from 23:30 to 00:30 ends the next day.
    var anchor: Date? = nil
    /// The Gregorian calendar in `zone`, made once: an export has two times a row.
    private let calendar: Calendar

    init(zone: TimeZone, order: DayOrder, day: DateComponents?, anchor: Date? = nil) {
        self.zone = zone
        self.order = order
        self.day = day
        self.anchor = anchor
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        self.calendar = calendar
    }

    func instant(_ time: WrittenTime) -> Date? {
        if time.date == nil, let day, let anchor {
            guard let midnight = calendar.date(from: day) else { return nil }
            let candidates = [-1, 0, 1].compactMap { shift -> Date? in
                guard let other = calendar.date(byAdding: .day, value: shift, to: midnight) else { return nil }
                return ExportClock(
                    zone: zone, order: order, day: calendar.dateComponents([.year, .month, .day], from: other)
                )
                .instant(time)
            }
            return candidates.min { abs($0.timeIntervalSince(anchor)) < abs($1.timeIntervalSince(anchor)) }
        }
        guard var components = time.date == nil ? day : time.day(order) else { return nil }
        components.hour = time.hour
        components.minute = time.minute
        components.second = time.second
        var inZone = calendar
        if let offset = time.offsetSeconds.flatMap({ TimeZone(secondsFromGMT: $0) }) { inZone.timeZone = offset }
        guard let date = inZone.date(from: components),
            inZone.component(.day, from: date) == components.day
        else { return nil }
        return date
    }
}

/// How a duration written `a:b` reads: `1:02` is an hour and two minutes, or a minute and two seconds. Exports write
/// `h:mm`; a spreadsheet that re-saved `48:10` (minutes and seconds) leaves the other. Decided for the whole file.
enum DurationReading: String, Codable, Sendable {
    case hoursMinutes = "hours:minutes"
    case minutesSeconds = "minutes:seconds"

    /// The reading that keeps every duration plausible (at most ``ExportDuration/plausibleSeconds(planned:)``)
    /// and, when both do, the one whose median is nearer the session's planned length; nil when no cell has the
    /// shape.
    static func decide(for cells: [String], plannedSeconds: TimeInterval) -> DurationReading? {
        let pairs = cells.compactMap { ExportDuration.clockPair($0.trimmingCharacters(in: .whitespaces)) }
        guard !pairs.isEmpty else { return nil }
        let limit = ExportDuration.plausibleSeconds(planned: plannedSeconds)
        func values(_ reading: DurationReading) -> [Int] {
            pairs.map { reading == .hoursMinutes ? $0.0 * 3600 + $0.1 * 60 : $0.0 * 60 + $0.1 }.sorted()
        }
        let plausible = [DurationReading.hoursMinutes, .minutesSeconds].filter { reading in
            values(reading).allSatisfy { Double($0) <= limit }
        }
        if plausible.count == 1 { return plausible[0] }
        func distance(_ reading: DurationReading) -> Double {
            let sorted = values(reading)
            return abs(Double(sorted[sorted.count / 2]) - plannedSeconds)
        }
        return distance(.minutesSeconds) < distance(.hoursMinutes) ? .minutesSeconds : .hoursMinutes
    }
}

/// Durations as exports write them: `71` (minutes), `71.5`, `1h 2m 3s`, `48m 10s`, `1h`, `1 hr 1 min`, `58 min`,
/// `01:02:03`, `1:02` (as the file's ``DurationReading`` says); nil for `--` or nothing.
enum ExportDuration {
    /// The longest time in a meeting that is plausible for a session planned to last `planned` seconds: its length
    /// plus as much again, and at least two hours more (people join early, meetings overrun).
    static func plausibleSeconds(planned: TimeInterval) -> TimeInterval {
        planned + max(planned, 7200)
    }

    /// `a:b` with one to three digits, then two (what `(\d{1,3}):(\d{2})` matched whole), read by hand: deciding a
    /// file's ``DurationReading`` looks at every duration cell, and a regular expression built for each was slow.
    static func clockPair(_ text: String) -> (Int, Int)? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...3).contains(parts[0].count), parts[1].count == 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let first = Int(parts[0]), let second = Int(parts[1])
        else { return nil }
        return (first, second)
    }

    static func seconds(_ text: String, reading: DurationReading = .hoursMinutes) -> Result<Int?, DurationError> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty || trimmed.allSatisfy({ $0 == "-" }) { return .success(nil) }
        if let minutes = Double(trimmed), minutes >= 0 { return whole(minutes * 60) }
        if let (minutes, seconds) = clockPair(trimmed), reading == .minutesSeconds {
            return seconds < 60 ? .success(minutes * 60 + seconds) : .failure(.unreadable)
        }
        if let match = trimmed.wholeMatch(of: #/(\d{1,3}):(\d{2})(?::(\d{2}))?/#) {
            let parts = [match.1, match.2, match.3 ?? "0"].map { Int($0) ?? 0 }
            guard parts[1] < 60, parts[2] < 60 else { return .failure(.unreadable) }
            return .success(parts[0] * 3600 + parts[1] * 60 + parts[2])
        }
        var total = 0.0
        var rest = Substring(trimmed)
        let unit = #/^\s*(\d+(?:[.,]\d+)?)\s*(?i:(hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s))\b[\s,]*/#
        while !rest.isEmpty {
            guard let match = rest.prefixMatch(of: unit),
                let value = Double(match.1.replacingOccurrences(of: ",", with: "."))
            else { return .failure(.unreadable) }
            let name = match.2.lowercased()
            total += value * (name.hasPrefix("h") ? 3600 : name.hasPrefix("m") ? 60 : 1)
            rest = rest[match.range.upperBound...]
        }
        return whole(total)
    }

    /// The longest duration read at all, in seconds: a year. A cell saying more is no meeting's (`1e308`, `inf`,
    /// twenty digits of minutes), and its seconds would not fit an integer, nor the sums made of them.
    static let longestReadable: Double = 366 * 24 * 3600

    private static func whole(_ seconds: Double) -> Result<Int?, DurationError> {
        guard seconds.isFinite, seconds <= longestReadable else { return .failure(.longerThanAYear) }
        return .success(Int(seconds.rounded()))
    }

    enum DurationError: Error {
        case unreadable
        case longerThanAYear
    }
}
