import Foundation

/// UTC offsets of the zones one render uses, looked up by binary search over their transitions.
///
/// Foundation answers `secondsFromGMT(for:)` through ICU, which is slow enough to show in a 2,000-event feed; the
/// transitions of a zone are read once per render instead.
final class ZoneOffsets {
    private struct Table {
        let zone: TimeZone
        /// Transition instants (seconds since 1970) and the offset in force from each one on.
        let starts: [Double]
        let offsets: [Int]
        let initial: Int
    }

    private var tables: [String: Table] = [:]
    private let horizon: Date

    /// Offsets are exact up to `horizon` (the latest instant the feed shows); beyond it Foundation answers.
    init(until horizon: Date) {
        self.horizon = horizon
    }

    /// The zone named `identifier` (UTC when unknown).
    func zone(_ identifier: String) -> TimeZone {
        table(identifier).zone
    }

    /// Seconds east of UTC in zone `identifier` at `date`.
    func offset(_ identifier: String, at date: Date) -> Int {
        let table = table(identifier)
        guard date <= horizon else { return table.zone.secondsFromGMT(for: date) }
        let time = date.timeIntervalSince1970
        var low = 0
        var high = table.starts.count
        while low < high {
            let middle = (low + high) / 2
            if table.starts[middle] <= time { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? table.initial : table.offsets[low - 1]
    }

    private func table(_ identifier: String) -> Table {
        if let known = tables[identifier] { return known }
        let zone = TimeZone(identifier: identifier) ?? TimeZone(secondsFromGMT: 0)!
        let transitions = TimeZoneRules.transitions(of: zone, until: horizon)
        let table = Table(
            zone: zone, starts: transitions.map(\.timeIntervalSince1970),
            offsets: transitions.map { zone.secondsFromGMT(for: $0) },
            initial: zone.secondsFromGMT(for: Date(timeIntervalSince1970: 0)))
        tables[identifier] = table
        return table
    }
}
