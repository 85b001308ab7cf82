import Foundation
import Kernel

/// Session times as a reader sees them, in the reader's language: in their own zone when they chose one, else in
/// the session's.
struct SessionTimes {
    let zone: TimeZone
    let localizer: Localizer

    init(recipientZone: String?, sessionZone: String, localizer: Localizer) {
        zone = recipientZone.flatMap(TimeZone.init(identifier:)) ?? TimeZone(identifier: sessionZone) ?? .gmt
        self.localizer = localizer
    }

    /// `Tuesday 6 June 2023, 14:00 to 16:00 (East Africa Time, UTC+03:00)`; an exercise by its deadline.
    func when(_ session: Session) -> String {
        let t = localizer
        if !session.kind.isLive {
            return t(
                "by {deadline} ({zone})", ["deadline": moment(session.endsAt), "zone": zoneName(at: session.endsAt)])
        }
        let sameDay = day(session.startsAt) == day(session.endsAt)
        let end = sameDay ? time(session.endsAt) : moment(session.endsAt)
        return t(
            "{start} to {end} ({zone})",
            ["start": moment(session.startsAt), "end": end, "zone": zoneName(at: session.startsAt)])
    }

    /// The zone's name as people know it and its offset at `date`: `East Africa Time, UTC+03:00`.
    func zoneName(at date: Date) -> String {
        localizer.commaList([localizer.zoneName(zone), "UTC" + TimeFormats.offsetText(zone.secondsFromGMT(for: date))])
    }

    /// The zone for "times in …": its name as people know it and its identifier (`East Africa Time
    /// (Africa/Nairobi)`).
    var zoneLabel: String {
        let name = localizer.zoneName(zone)
        return name == zone.identifier ? name : "\(name) (\(zone.identifier))"
    }

    /// How far off `date` is from `now`, in words: `in 23 hours`, `in 50 minutes`.
    static func distance(from now: Date, to date: Date, localizer t: Localizer) -> String {
        let minutes = max(Int(date.timeIntervalSince(now) / 60), 0)
        if minutes < 90 { return t.plural("in {count} minute", "in {count} minutes", count: minutes) }
        let hours = Int((Double(minutes) / 60).rounded())
        return t.plural("in {count} hour", "in {count} hours", count: hours)
    }

    private func moment(_ date: Date) -> String { localizer.dateFormatter("yMMMMEEEEdHm", in: zone).string(from: date) }
    private func day(_ date: Date) -> String { localizer.dateFormatter("yMd", in: zone).string(from: date) }
    private func time(_ date: Date) -> String { localizer.dateFormatter("Hm", in: zone).string(from: date) }
}
