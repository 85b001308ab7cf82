import Foundation
import Kernel

/// The meeting platform an export comes from.
enum MeetingPlatform: String, Sendable, Codable, CaseIterable {
    case zoom, teams, meet, other

    /// The kind of report, in English (the command line's).
    var reportName: String { reportName(.english) }

    /// The kind of report, in `t`'s language; the platforms' names stay as they are.
    func reportName(_ t: Localizer) -> String {
        switch self {
        case .zoom: t("Zoom participant or webinar attendee report")
        case .teams: t("Microsoft Teams attendance report")
        case .meet: t("Google Meet attendance report")
        case .other: t("attendance table")
        }
    }
}

/// What someone was in the meeting: only participants count towards attendance.
enum MeetingRole: String, Sendable {
    case participant, host, panelist
}

/// One row of an export: someone joining once (or, in summary tables, for the whole meeting).
struct ExportRow: Equatable {
    let line: Int
    let name: String
    let email: String?
    let role: MeetingRole
    /// The name the person joined with, when the export gives it apart (Zoom's `Name (Original Name)` after a
    /// rename): it joins these rows to the rows written before the rename, under the original name alone.
    var originalName: String? = nil
    /// The interval in the meeting, when the export gives join and leave times.
    let interval: DateInterval?
    /// The time in the meeting the export states, in seconds.
    let seconds: Int?
}

/// An attendance export read into rows, whatever its platform, encoding and layout.
struct AttendanceExport {
    let platform: MeetingPlatform
    let encoding: ExportText.Encoding
    let rows: [ExportRow]
    /// How durations written `a:b` were read, when the file has any: decided for the whole file.
    let durationReading: DurationReading?

    /// Reads `data`.
    /// - Parameters:
    ///   - platform: The platform the user says it is, or nil to detect it from the content.
    ///   - zone: The meeting's time zone, for the local times exports write.
    ///   - session: The session's planned start and end: tells `6/7` in June from `6/7` in July, places times of
    ///     day (a Meet report past midnight), and decides whether `48:10` is hours or minutes.
    init(data: Data, platform: MeetingPlatform?, zone: TimeZone, session: DateInterval) throws(AttendanceFileError) {
        let expected = session.start
        let text = try ExportText(data)
        let records = try DelimitedRecords.split(text.text)
        guard records.contains(where: { !$0.isBlank }) else { throw .empty }
        let layout = ExportLayout(records)
        let detected = layout.platform
        if let platform, platform != .other, platform != detected {
            throw .unrecognized(expected: platform)
        }
        guard !layout.tables.isEmpty else { throw .unrecognized(expected: platform) }
        let tableRows = layout.rows
        // A header without rows is a cut-short or empty export: reading it as "nobody came" would wipe attendance.
        guard !tableRows.isEmpty else { throw .noRows }
        let reading = DurationReading.decide(
            for: tableRows.compactMap { $0.cell(\.duration) }, plannedSeconds: session.duration)
        var written: [(ExportLayout.Row, WrittenTime?, WrittenTime?)] = []
        var events: [(ExportLayout.Row, WrittenTime, joined: Bool)] = []
        for row in tableRows {
            if let action = row.cell(\.action) {
                guard let time = try row.time(\.timestamp) else {
                    throw .badValue(
                        line: row.record.line, column: row.header(\.timestamp), reason: FieldReason("no time is given"))
                }
                let lowered = action.lowercased()
                guard lowered.hasPrefix("join") || lowered.hasPrefix("left") || lowered.hasPrefix("leave") else {
                    throw .badValue(
                        line: row.record.line, column: row.header(\.action),
                        reason: FieldReason("must be Joined, Joined before or Left"))
                }
                events.append((row, time, lowered.hasPrefix("join")))
            } else {
                written.append((row, try row.time(\.join), try row.time(\.leave)))
            }
        }
        let times = written.flatMap { [$0.1, $0.2].compactMap { $0 } } + events.map(\.1)
        let order = DayOrder.of(times, near: expected, in: zone)
        let day = layout.meetingDay(in: zone) ?? Self.day(of: expected, in: zone)
        let clock = ExportClock(zone: zone, order: order, day: day, anchor: Self.anchor(day, at: expected, in: zone))
        var rows: [ExportRow] = []
        for (row, join, leave) in written {
            var interval: DateInterval? = nil
            if let join, let leave {
                guard let start = clock.instant(join), let end = clock.instant(leave) else {
                    throw .badValue(
                        line: row.record.line, column: row.header(\.join), reason: FieldReason("not a valid date"))
                }
                guard end >= start else {
                    throw .badValue(
                        line: row.record.line, column: row.header(\.leave),
                        reason: FieldReason("the leave time is before the join time"))
                }
                interval = DateInterval(start: start, end: end)
            }
            let seconds = try row.durationSeconds(reading: reading ?? .hoursMinutes)
            guard interval != nil || seconds != nil else {
                throw .badValue(
                    line: row.record.line, column: row.header(\.duration),
                    reason: FieldReason("neither join and leave times nor a duration is given"))
            }
            rows.append(
                ExportRow(
                    line: row.record.line, name: row.name, email: row.email, role: row.role,
                    originalName: row.originalName, interval: row.prefersDuration ? nil : interval,
                    seconds: seconds))
        }
        rows += try Self.intervals(from: events, clock: clock)
        self.platform = detected
        encoding = text.encoding
        self.rows = rows
        durationReading = reading
    }

    /// The session's time of day on the meeting's day: times of day are placed nearest to it.
    private static func anchor(_ day: DateComponents, at expected: Date, in zone: TimeZone) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        var components = day
        let time = calendar.dateComponents([.hour, .minute, .second], from: expected)
        (components.hour, components.minute, components.second) = (time.hour, time.minute, time.second)
        return calendar.date(from: components)
    }

    /// Pairs the join and leave events of older Teams lists into intervals; someone still in the meeting at the
    /// end stays until the last event of the list.
    private static func intervals(
        from events: [(ExportLayout.Row, WrittenTime, joined: Bool)], clock: ExportClock
    ) throws(AttendanceFileError) -> [ExportRow] {
        var instants: [(ExportLayout.Row, Date, Bool)] = []
        for (row, time, joined) in events {
            guard let instant = clock.instant(time) else {
                throw .badValue(
                    line: row.record.line, column: row.header(\.timestamp), reason: FieldReason("not a valid date"))
            }
            instants.append((row, instant, joined))
        }
        guard let end = instants.map(\.1).max() else { return [] }
        var open: [String: (ExportLayout.Row, Date)] = [:]
        var rows: [ExportRow] = []
        func close(_ key: String, at instant: Date) {
            guard let (row, start) = open.removeValue(forKey: key) else { return }
            rows.append(
                ExportRow(
                    line: row.record.line, name: row.name, email: row.email, role: row.role,
                    interval: DateInterval(start: start, end: max(start, instant)), seconds: nil))
        }
        for (row, instant, joined) in instants.sorted(by: { $0.1 < $1.1 }) {
            let key = row.email?.lowercased() ?? row.name
            if joined {
                if open[key] == nil { open[key] = (row, instant) }
            } else {
                close(key, at: instant)
            }
        }
        for key in open.keys.sorted() { close(key, at: end) }
        return rows.sorted { $0.line < $1.line }
    }

    private static func day(of date: Date, in zone: TimeZone) -> DateComponents {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar.dateComponents([.year, .month, .day], from: date)
    }
}
