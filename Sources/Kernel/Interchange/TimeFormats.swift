public import Foundation

/// How instants and session times are written in network definition files.
///
/// Instants are ISO 8601 in UTC (`2023-06-10T08:00:00Z`); an offset is accepted on input. Session times are the
/// local time in the session's zone with its offset (`2023-06-21T14:00+02:00`); the offset may be left out on input.
public enum TimeFormats {
    private struct Parts {
        var year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0
        var offsetSeconds: Int?
    }

    /// Parses an instant; returns `nil` (and a reason) when it is malformed or has no offset.
    public static func instant(_ text: String) -> Result<Date, TimeFormatError> {
        guard let parts = parse(text) else { return .failure(.malformed(text, example: "2023-06-10T08:00:00Z")) }
        guard let offset = parts.offsetSeconds else {
            return .failure(.missingOffset(text))
        }
        guard let date = date(parts, in: TimeZone(secondsFromGMT: offset)!) else {
            return .failure(.malformed(text, example: "2023-06-10T08:00:00Z"))
        }
        return .success(date)
    }

    /// Parses a session time: local in `zone`, or with an offset that must be the zone's offset at that moment.
    public static func localTime(_ text: String, in zone: TimeZone) -> Result<Date, TimeFormatError> {
        guard let parts = parse(text) else { return .failure(.malformed(text, example: "2023-06-21T14:00+02:00")) }
        if let offset = parts.offsetSeconds {
            guard let date = date(parts, in: TimeZone(secondsFromGMT: offset)!) else {
                return .failure(.malformed(text, example: "2023-06-21T14:00+02:00"))
            }
            let expected = zone.secondsFromGMT(for: date)
            guard expected == offset else {
                return .failure(.offsetMismatch(text, zone: zone.identifier, expected: offsetText(expected)))
            }
            return .success(date)
        }
        guard let date = date(parts, in: zone) else { return .failure(.malformed(text, example: "2023-06-21T14:00")) }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let back = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        guard back.hour == parts.hour, back.minute == parts.minute, back.day == parts.day else {
            return .failure(.nonexistentLocalTime(text, zone: zone.identifier))
        }
        return .success(date)
    }

    /// Writes an instant in UTC to the second.
    public static func instantText(_ date: Date) -> String {
        format(date, in: TimeZone(secondsFromGMT: 0)!, seconds: true) + "Z"
    }

    /// Writes a session time as local time in `zone` with the zone's offset.
    public static func localTimeText(_ date: Date, in zone: TimeZone) -> String {
        let seconds = Int(date.timeIntervalSince1970) % 60 != 0
        return format(date, in: zone, seconds: seconds) + offsetText(zone.secondsFromGMT(for: date))
    }

    /// `+02:00`, `-05:30`, `+00:00`.
    public static func offsetText(_ seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : "+"
        let minutes = abs(seconds) / 60
        return sign + twoDigits(minutes / 60) + ":" + twoDigits(minutes % 60)
    }

    private static func format(_ date: Date, in zone: TimeZone, seconds: Bool) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let base =
            "\(c.year!)-\(twoDigits(c.month!))-\(twoDigits(c.day!))T\(twoDigits(c.hour!)):\(twoDigits(c.minute!))"
        return seconds ? base + ":" + twoDigits(c.second!) : base
    }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    private static func date(_ parts: Parts, in zone: TimeZone) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let components = DateComponents(
            year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute,
            second: parts.second)
        // Validity (no 30 February) is a calendar question; a local time the clocks skip is checked by the caller.
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(secondsFromGMT: 0)!
        guard components.isValidDate(in: utc) else { return nil }
        return calendar.date(from: components)
    }

    /// Reads `YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM]`.
    private static func parse(_ text: String) -> Parts? {
        let chars = Array(text.utf8)
        var index = 0
        func number(_ digits: Int) -> Int? {
            guard index + digits <= chars.count else { return nil }
            var value = 0
            for char in chars[index..<index + digits] {
                guard (48...57).contains(char) else { return nil }
                value = value * 10 + Int(char - 48)
            }
            index += digits
            return value
        }
        func expect(_ char: UInt8) -> Bool {
            guard index < chars.count, chars[index] == char else { return false }
            index += 1
            return true
        }
        var parts = Parts()
        guard let year = number(4), expect(UInt8(ascii: "-")), let month = number(2), expect(UInt8(ascii: "-")),
            let day = number(2), expect(UInt8(ascii: "T")), let hour = number(2), expect(UInt8(ascii: ":")),
            let minute = number(2), hour < 24, minute < 60
        else { return nil }
        (parts.year, parts.month, parts.day, parts.hour, parts.minute) = (year, month, day, hour, minute)
        if expect(UInt8(ascii: ":")) {
            guard let second = number(2), second < 60 else { return nil }
            parts.second = second
        }
        if expect(UInt8(ascii: "Z")) {
            parts.offsetSeconds = 0
        } else if index < chars.count, chars[index] == UInt8(ascii: "+") || chars[index] == UInt8(ascii: "-") {
            let sign = chars[index] == UInt8(ascii: "-") ? -1 : 1
            index += 1
            guard let hours = number(2), expect(UInt8(ascii: ":")), let minutes = number(2), hours < 15, minutes < 60
            else { return nil }
            parts.offsetSeconds = sign * (hours * 3600 + minutes * 60)
        }
        return index == chars.count ? parts : nil
    }
}

/// Why a time in a file was refused.
public enum TimeFormatError: Error, Equatable, CustomStringConvertible {
    case malformed(String, example: String)
    case missingOffset(String)
    case offsetMismatch(String, zone: String, expected: String)
    case nonexistentLocalTime(String, zone: String)

    public var description: String {
        switch self {
        case let .malformed(text, example):
            "'\(text)' is not a date and time; write it as \(example)"
        case let .missingOffset(text):
            "'\(text)' has no time zone; add Z for UTC or an offset such as +02:00"
        case let .offsetMismatch(text, zone, expected):
            "'\(text)' has an offset that \(zone) does not have then (it is \(expected)); fix the offset or the zone"
        case let .nonexistentLocalTime(text, zone):
            "'\(text)' does not exist in \(zone) (the clocks skip it); choose another time"
        }
    }
}
