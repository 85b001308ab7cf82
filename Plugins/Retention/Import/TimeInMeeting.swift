import Foundation

/// Someone's time in one meeting: the intervals the export gave (overlapping rejoins count once) and the durations
/// it stated without times. Kept with each import's records and review items, so that rows found to be the same
/// person later (a review item linked to someone already recorded) add their intervals instead of replacing them.
struct TimeInMeeting: Codable, Sendable, Equatable {
    /// Start and end, in seconds since 1970, sorted and not overlapping.
    private(set) var intervals: [[Double]]
    /// Seconds the export stated without join and leave times.
    private(set) var untimedSeconds: Double

    init(intervals: [DateInterval] = [], untimedSeconds: Double = 0) {
        self.intervals = Self.union(
            intervals.map { [$0.start.timeIntervalSince1970, $0.end.timeIntervalSince1970] })
        self.untimedSeconds = untimedSeconds
    }

    init(_ rows: [ExportRow]) {
        self.init(
            intervals: rows.compactMap(\.interval),
            untimedSeconds: Double(rows.filter { $0.interval == nil }.compactMap(\.seconds).reduce(0, +)))
    }

    /// The exact time in the meeting, in seconds (compared with the threshold before any rounding).
    var seconds: Double {
        intervals.reduce(untimedSeconds) { $0 + ($1[1] - $1[0]) }
    }

    /// Whole minutes, rounded to the nearest, at most a day (the kernel's limit).
    var minutes: Int { min(1440, Int((seconds / 60).rounded())) }

    /// When the export's times begin and end, if it gave any.
    var span: DateInterval? {
        guard let first = intervals.first, let last = intervals.last else { return nil }
        return DateInterval(
            start: Date(timeIntervalSince1970: first[0]), end: Date(timeIntervalSince1970: max(first[0], last[1])))
    }

    /// Both visits together: intervals merged (an overlap counts once), stated durations added.
    func merged(with other: TimeInMeeting) -> TimeInMeeting {
        var result = self
        result.intervals = Self.union(intervals + other.intervals)
        result.untimedSeconds += other.untimedSeconds
        return result
    }

    /// The stored form (JSON, as `JSONEncoder` writes this type), for the plugin's tables; empty, as the
    /// encoder's failure was, if a figure is not finite. Written by hand: an import stores thousands, and the
    /// encoder was a visible share of its time. `StoredVisitTests` compares both.
    var stored: String {
        guard untimedSeconds.isFinite, intervals.allSatisfy({ $0.allSatisfy(\.isFinite) }) else { return "" }
        let pairs = intervals.map { "[" + $0.map(Self.json).joined(separator: ",") + "]" }
        return "{\"intervals\":[" + pairs.joined(separator: ",") + "],\"untimedSeconds\":"
            + Self.json(untimedSeconds) + "}"
    }

    /// A finite number as `JSONEncoder` writes it: Swift's shortest form that reads back exactly, without a
    /// trailing `.0`.
    private static func json(_ number: Double) -> String {
        let text = number.description
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    /// Reads ``stored``; nil for an empty or unreadable value (rows written before visits were kept).
    init?(stored: String?) {
        guard let stored, !stored.isEmpty,
            let decoded = try? JSONDecoder().decode(TimeInMeeting.self, from: Data(stored.utf8))
        else { return nil }
        self = decoded
    }

    private static func union(_ intervals: [[Double]]) -> [[Double]] {
        var merged: [[Double]] = []
        for interval in intervals.sorted(by: { $0[0] < $1[0] }) {
            if let last = merged.last, interval[0] <= last[1] {
                merged[merged.count - 1][1] = max(last[1], interval[1])
            } else {
                merged.append(interval)
            }
        }
        return merged
    }
}
