import Foundation
import Kernel

/// Session times as a reader sees them: in their own zone when they chose one, else in the session's.
struct SessionTimes {
    let zone: TimeZone

    init(recipientZone: String?, sessionZone: String) {
        zone = recipientZone.flatMap(TimeZone.init(identifier:)) ?? TimeZone(identifier: sessionZone) ?? .gmt
    }

    /// `Tuesday 6 June 2023, 14:00 to 16:00 (Africa/Nairobi, UTC+03:00)`; an exercise by its deadline.
    func when(_ session: Session) -> String {
        if !session.kind.isLive {
            return "by \(day(session.endsAt)), \(time(session.endsAt)) (\(zoneName(at: session.endsAt)))"
        }
        let sameDay = day(session.startsAt) == day(session.endsAt)
        let end = sameDay ? time(session.endsAt) : "\(day(session.endsAt)), \(time(session.endsAt))"
        return "\(day(session.startsAt)), \(time(session.startsAt)) to \(end) (\(zoneName(at: session.startsAt)))"
    }

    /// The zone's name and its offset at `date`: `Africa/Nairobi, UTC+03:00`.
    func zoneName(at date: Date) -> String {
        "\(zone.identifier), UTC\(TimeFormats.offsetText(zone.secondsFromGMT(for: date)))"
    }

    /// How far off `date` is from `now`, in words: `in 23 hours`, `in 50 minutes`.
    static func distance(from now: Date, to date: Date) -> String {
        let minutes = max(Int(date.timeIntervalSince(now) / 60), 0)
        if minutes < 90 { return "in \(minutes) minute\(minutes == 1 ? "" : "s")" }
        let hours = Int((Double(minutes) / 60).rounded())
        return "in \(hours) hours"
    }

    private func day(_ date: Date) -> String { format(date, "EEEE d MMMM yyyy") }
    private func time(_ date: Date) -> String { format(date, "HH:mm") }

    private func format(_ date: Date, _ pattern: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = zone
        formatter.dateFormat = pattern
        return formatter.string(from: date)
    }
}
