import Foundation
import Kernel

/// Where the tables of an export are, what their columns mean, and which platform wrote it.
///
/// Exports put a summary above the table (Zoom's meeting row, Teams' numbered "1. Summary", Meet's key-value
/// lines), split a table into titled sections (Zoom webinars: host, panelists, attendees), or give the same people
/// twice (Teams: participants, then every join in "In-Meeting Activities"). Columns are found by their names.
struct ExportLayout {
    /// Column roles, found by header names (compared case-insensitively, spaces collapsed).
    struct Columns {
        var name: Int?
        var firstName: Int?
        var lastName: Int?
        var email: Int?
        var principal: Int?
        var join: Int?
        var leave: Int?
        var duration: Int?
        var role: Int?
        var attended: Int?
        /// Older Teams lists: one line per event, `Joined`, `Joined before` or `Left`, with its time.
        var action: Int?
        var timestamp: Int?

        static var names: [WritableKeyPath<Columns, Int?>: [String]] {
            [
                \.name: [
                    "name (original name)", "user name (original name)", "name", "full name", "display name",
                    "participant", "participant name", "attendee", "attendee name",
                ],
                \.firstName: ["first name", "given name"],
                \.lastName: ["last name", "surname", "family name"],
                \.email: ["user email", "email", "email address", "e-mail", "e-mail address", "mail"],
                \.principal: ["participant id (upn)", "upn"],
                \.join: ["join time", "first join", "time joined", "joined", "join", "joined at", "first seen"],
                \.leave: [
                    "leave time", "last leave", "time exited", "left", "leave", "left at", "exit time", "last seen",
                ],
                \.duration: [
                    "duration (minutes)", "time in session (minutes)", "in-meeting duration", "duration",
                    "total duration (minutes)", "attendance duration", "minutes", "duration (min)",
                ],
                \.role: ["role", "participant role", "user role"],
                \.attended: ["attended"],
                \.action: ["user action", "action", "activity"],
                \.timestamp: ["timestamp", "time stamp", "date and time"],
            ]
        }

        /// Every header name a name column can have (``name`` or ``firstName``): a line without one is no header.
        static let nameHeaders: Set<String> = Set(names[\.name]! + names[\.firstName]!)

        init?(_ header: [String]) {
            let normalized = header.map(ExportLayout.normalize)
            // Every line of a table is asked whether it starts another: most are answered here, without the rest.
            guard normalized.contains(where: Self.nameHeaders.contains) else { return nil }
            for (key, candidates) in Self.names {
                for candidate in candidates {
                    if let index = normalized.firstIndex(of: candidate) {
                        self[keyPath: key] = index
                        break
                    }
                }
            }
            guard name != nil || (firstName != nil && lastName != nil),
                join != nil || duration != nil || (action != nil && timestamp != nil)
            else {
                return nil
            }
        }
    }

    struct Table {
        let section: String
        let header: DelimitedRecord
        let columns: Columns
        var records: [DelimitedRecord]
    }

    /// A data row with the meaning of its cells.
    struct Row {
        let record: DelimitedRecord
        let table: Table
        let hostEmails: Set<String>

        func cell(_ column: KeyPath<Columns, Int?>) -> String? {
            guard let index = table.columns[keyPath: column], index < record.fields.count else { return nil }
            let value = record.fields[index]
            return value.isEmpty || value.allSatisfy({ $0 == "-" }) ? nil : value
        }

        func header(_ column: KeyPath<Columns, Int?>) -> String {
            table.columns[keyPath: column].map { table.header.fields[$0] } ?? "?"
        }

        var name: String {
            if let name = cell(\.name) { return name }
            return [cell(\.firstName), cell(\.lastName)].compactMap { $0 }.joined(separator: " ")
        }

        /// The original name of a Zoom `Name (Original Name)` cell, when the person renamed themselves.
        var originalName: String? {
            guard let index = table.columns.name,
                ["name (original name)", "user name (original name)"].contains(
                    ExportLayout.normalize(table.header.fields[index])),
                let name = cell(\.name), name.hasSuffix(")"), let open = name.lastIndex(of: "(")
            else { return nil }
            let inner = name[name.index(after: open)..<name.index(before: name.endIndex)]
                .trimmingCharacters(in: .whitespaces)
            return inner.isEmpty || IdentityKey.tags.contains(inner.lowercased()) ? nil : inner
        }

        var email: String? {
            let candidates = [cell(\.email), cell(\.principal)].compactMap { $0 }
            return candidates.first { $0.contains("@") }
        }

        var role: MeetingRole {
            let section = table.section
            if section.contains("host") { return .host }
            if section.contains("panelist") { return .panelist }
            switch cell(\.role).map(ExportLayout.normalize) {
            case "organizer", "organiser", "co-organizer", "co-organiser", "host", "co-host", "alternative host":
                return .host
            case "panelist": return .panelist
            default: break
            }
            if let email, hostEmails.contains(email.lowercased()) { return .host }
            let lowered = name.lowercased()
            if lowered.hasSuffix("(host)") || lowered.hasSuffix("(co-host)") { return .host }
            return .participant
        }

        /// Zoom webinar reports list registrants who never came, with `Attended: No`.
        var attended: Bool {
            cell(\.attended).map { !["no", "false", "0"].contains($0.lowercased()) } ?? true
        }

        /// Summary tables give the first join and the last leave: their duration leaves out the gaps between.
        var prefersDuration: Bool {
            table.columns.join.map { ExportLayout.normalize(table.header.fields[$0]) == "first join" } ?? false
        }

        func time(_ column: KeyPath<Columns, Int?>) throws(AttendanceFileError) -> WrittenTime? {
            guard let text = cell(column) else { return nil }
            guard let time = WrittenTime(text) else {
                throw .badValue(
                    line: record.line, column: header(column),
                    reason: FieldReason("not a date and time such as 06/21/2023 01:52:40 PM or 2023-06-21 14:00"))
            }
            return time
        }

        func durationSeconds(reading: DurationReading) throws(AttendanceFileError) -> Int? {
            guard let text = cell(\.duration) else { return nil }
            switch ExportDuration.seconds(text, reading: reading) {
            case let .success(seconds): return seconds
            case .failure(.unreadable):
                throw .badValue(
                    line: record.line, column: header(\.duration),
                    reason: FieldReason("not a duration such as 71, 1h 2m 3s or 48m 10s"))
            case .failure(.longerThanAYear):
                throw .badValue(
                    line: record.line, column: header(\.duration),
                    reason: FieldReason("a duration of more than a year, which no meeting lasts"))
            }
        }
    }

    private(set) var tables: [Table] = []
    /// Key-value lines and summary tables above the data: `meeting date`, `organizer`, `user email`, …
    private(set) var metadata: [String: String] = [:]
    private(set) var sections: [String] = []

    init(_ records: [DelimitedRecord]) {
        var section = ""
        var current: Table?
        var index = 0
        while index < records.count {
            let record = records[index]
            let filled = record.fields.filter { !$0.isEmpty }
            if record.isBlank {
                if let table = current { tables.append(table) }
                current = nil
            } else if record.fields.count == 1 {
                if let table = current { tables.append(table) }
                current = nil
                section = Self.normalize(filled[0])
                sections.append(section)
            } else if let columns = Columns(record.fields) {
                if let table = current { tables.append(table) }
                current = Table(section: section, header: record, columns: columns, records: [])
            } else if current != nil {
                current!.records.append(record)
            } else if filled.count == 2, record.fields.count >= 2 {
                metadata[Self.normalize(record.fields[0]), default: record.fields[1]] = record.fields[1]
            } else if index + 1 < records.count {
                // A summary table: a header line and one line of values (Zoom's meeting row, a webinar's topic row).
                let values = Self.aligned(records[index + 1].fields, to: record.fields)
                for (key, value) in zip(record.fields, values) where !value.isEmpty {
                    metadata[Self.normalize(key), default: value] = value
                }
                index += 1
            }
            index += 1
        }
        if let table = current { tables.append(table) }
    }

    /// Rows of the tables that hold the attendance: Teams' per-join activities when present, every section of a
    /// Zoom webinar report, otherwise the first table.
    var rows: [Row] {
        let hosts = Set(
            ["user email", "organizer", "organiser", "host email"].compactMap { metadata[$0]?.lowercased() })
        let chosen: [Table]
        switch platform {
        case .teams:
            chosen = [tables.first { $0.section.contains("activities") } ?? tables[0]]
        case .zoom where sections.contains(where: { $0.hasPrefix("attendee details") }):
            chosen = tables
        default:
            chosen = [tables[0]]
        }
        return chosen.flatMap { table in
            table.records.map { Row(record: $0, table: table, hostEmails: hosts) }.filter { $0.attended }
        }
    }

    var platform: MeetingPlatform {
        let headers = Set(tables.flatMap { $0.header.fields.map(Self.normalize) })
        if headers.contains("name (original name)") || headers.contains("user name (original name)")
            || sections.contains(where: { $0.hasPrefix("attendee details") })
        {
            return .zoom
        }
        if headers.contains("in-meeting duration") || headers.contains("participant id (upn)")
            || headers.contains("user action")
            || sections.contains(where: { $0.hasSuffix("in-meeting activities") })
        {
            return .teams
        }
        if headers.contains("time joined") || headers.contains("time exited") || metadata["meeting code"] != nil {
            return .meet
        }
        return .other
    }

    /// The meeting's day when the export states it apart from the times (Meet's `Meeting date`).
    func meetingDay(in zone: TimeZone) -> DateComponents? {
        guard let text = metadata["meeting date"] ?? metadata["date"],
            let time = WrittenTime(text + " 00:00"), let day = time.day(.monthFirst) ?? time.day(.dayFirst)
        else { return nil }
        return day
    }

    /// Free-text columns of summary rows, where an unquoted delimiter can hide (`Topic` with a `;` in an EU export).
    static let freeTextColumns: Set<String> = [
        "topic", "meeting topic", "webinar topic", "meeting name", "meeting title", "title", "subject",
    ]

    /// The values of a summary row lined up with its header: when the row has more fields than the header, the
    /// surplus came from delimiters inside the free-text column (an unquoted topic), so they are joined back into
    /// it and the columns after it keep their meaning.
    static func aligned(_ values: [String], to header: [String]) -> [String] {
        let surplus = values.count - header.count
        guard surplus > 0, let free = header.firstIndex(where: { freeTextColumns.contains(normalize($0)) }) else {
            return values
        }
        let text = values[free...(free + surplus)].joined(separator: "; ")
        return Array(values[..<free]) + [text] + Array(values[(free + surplus + 1)...])
    }

    /// The text in lower case with its runs of white space made one space and none around (how header names are
    /// compared). Every cell of a table is asked whether it starts another, so ASCII text is read byte by byte.
    static func normalize(_ text: String) -> String {
        asciiNormalized(text) ?? text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// ``normalize(_:)`` for ASCII text (whose white space is tab, line feed, vertical tab, form feed, carriage
    /// return and space), or nil for other text.
    static func asciiNormalized(_ text: String) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var space = false
        for byte in text.utf8 {
            switch byte {
            case 0x80...: return nil
            case 0x09...0x0D, 0x20: space = !bytes.isEmpty
            default:
                if space { bytes.append(0x20) }
                space = false
                bytes.append(byte >= 0x41 && byte <= 0x5A ? byte + 32 : byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
