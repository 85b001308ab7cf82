import Foundation
import Kernel

/// Formats session times for people: in the zone the session was planned in, with its offset.
enum SessionTimes {
    static func text(_ session: Session) -> String {
        let zone = TimeZone(identifier: session.timeZone) ?? .gmt
        let start = format(session.startsAt, zone: zone, withDate: true)
        let sameDay = day(session.startsAt, zone) == day(session.endsAt, zone)
        let end = format(session.endsAt, zone: zone, withDate: !sameDay)
        let offset = TimeFormats.offsetText(zone.secondsFromGMT(for: session.startsAt))
        return "\(start)–\(end) \(session.timeZone) (UTC\(offset))"
    }

    private static func day(_ date: Date, _ zone: TimeZone) -> DateComponents {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar.dateComponents([.year, .month, .day], from: date)
    }

    private static func format(_ date: Date, zone: TimeZone, withDate: Bool) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = zone
        formatter.dateFormat = withDate ? "EEE d MMM yyyy HH:mm" : "HH:mm"
        return formatter.string(from: date)
    }
}
