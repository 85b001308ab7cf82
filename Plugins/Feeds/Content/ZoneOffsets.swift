import Foundation

/// UTC offsets of the zones one render uses, looked up by binary search over their transitions.
///
/// Foundation answers `secondsFromGMT(for:)` through ICU, which is slow enough to show in a 2,000-event feed; the
/// transitions of a zone over the period the feed shows are read once per render instead (from a few days before
/// its first session: decades of earlier changes were a quarter of a render).
final class ZoneOffsets {
    private struct Table {
        let zone: TimeZone
        /// Transition instants (seconds since 1970) and the offset in force from each one on.
        let starts: [Double]
        let offsets: [Int]
        /// The offset in force at ``ZoneOffsets/floor``, before the first transition of the table.
        let initial: Int
    }

    private var tables: [String: Table] = [:]
    /// The table asked for last: an entry's times ask for the same zone four times in a row.
    private var last: (identifier: String, table: Table)?
    /// Tables start here: three days before the earliest instant asked about (a clock change within two days of
    /// a time can make it ambiguous). Earlier instants are answered by Foundation, exactly but slowly.
    private let floor: Date
    private let horizon: Date

    /// Offsets are exact and fast from `start` up to `horizon` (the feed's first and latest instants); outside that
    /// period Foundation answers.
    init(from start: Date = Date(timeIntervalSince1970: 0), until horizon: Date) {
        self.floor = start.addingTimeInterval(-3 * 86_400)
        self.horizon = horizon
    }

    /// The zone named `identifier` (UTC when unknown).
    func zone(_ identifier: String) -> TimeZone {
        table(identifier).zone
    }

    /// Seconds east of UTC in zone `identifier` at `date`.
    func offset(_ identifier: String, at date: Date) -> Int {
        let table = table(identifier)
        guard date <= horizon, date >= floor else { return table.zone.secondsFromGMT(for: date) }
        let time = date.timeIntervalSince1970
        var low = 0
        var high = table.starts.count
        while low < high {
            let middle = (low + high) / 2
            if table.starts[middle] <= time { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? table.initial : table.offsets[low - 1]
    }

    /// Whether the local time of `date` in zone `identifier` is ambiguous: it falls in the hour (or half hour) a
    /// clock change repeats, so its wall-clock reading names two instants. RFC 5545 §3.3.5 reads such a time as
    /// its first occurrence and calendar engines disagree, so feeds write these instants in UTC. (A time read off
    /// an instant is never one a clock change skips.)
    func isAmbiguous(_ identifier: String, at date: Date) -> Bool {
        var table = table(identifier)
        let time = date.timeIntervalSince1970
        // A clock change moves by at most a few hours: only changes within two days can repeat this time.
        if date < floor.addingTimeInterval(2 * 86_400) || date > horizon {
            // Outside the table: the zone's changes around this one instant.
            let zone = table.zone
            let near = TimeZoneRules.transitions(
                of: zone, from: date.addingTimeInterval(-2 * 86_400), until: date.addingTimeInterval(2 * 86_400))
            table = Table(
                zone: zone, starts: near.map(\.timeIntervalSince1970),
                offsets: near.map { zone.secondsFromGMT(for: $0) },
                initial: zone.secondsFromGMT(for: date.addingTimeInterval(-2 * 86_400)))
        }
        for (index, start) in table.starts.enumerated() where abs(start - time) < 2 * 86_400 {
            let before = index == 0 ? table.initial : table.offsets[index - 1]
            let repeated = Double(before - table.offsets[index])
            if repeated > 0, time >= start - repeated, time < start + repeated { return true }
        }
        return false
    }

    private func table(_ identifier: String) -> Table {
        if let last, last.identifier == identifier { return last.table }
        if let known = tables[identifier] {
            last = (identifier, known)
            return known
        }
        let zone = TimeZone(identifier: identifier) ?? TimeZone(secondsFromGMT: 0)!
        // Two days past the horizon: a time just before a clock change is ambiguous because of that change.
        let transitions = TimeZoneRules.transitions(
            of: zone, from: floor, until: horizon.addingTimeInterval(2 * 86_400))
        let table = Table(
            zone: zone, starts: transitions.map(\.timeIntervalSince1970),
            offsets: transitions.map { zone.secondsFromGMT(for: $0) },
            initial: zone.secondsFromGMT(for: floor))
        tables[identifier] = table
        last = (identifier, table)
        return table
    }
}
