import Foundation
import GRDB
import Kernel

/// Loads attendance history in bulk (a migration from spreadsheets or another system): CSV with a header naming
/// `session_id`, `person_id` and `minutes_attended` (or `minutes`), and optionally `status`; other columns (`id`,
/// `joined_at`) are ignored.
///
/// The file is read here; the rows are written by the kernel's bulk load (``WriteTransaction/loadAttendance(_:for:sessionsOf:)``),
/// in one transaction: each session must belong to the organization (or its members), be live and held already,
/// and each person must have a place in its series; the first bad row (reported with its line) rolls the whole
/// load back. The kernel raises one event for the batch, from which ``TallyKeeper`` updates the tallies once.
///
/// Built for a million rows: the file is scanned as bytes and parsed numbers are kept in one flat array.
enum AttendanceLoad {
    struct Summary: Codable, Sendable {
        let rows: Int
        let sessions: Int
    }

    /// The rows of a file, with the line each came from.
    struct Parsed: Sendable {
        var rows: [AttendanceLoadRow] = []
        var lines: [Int32] = []
    }

    /// Loads `data` in `transaction` for `organization`, whose sessions (and its members', listed in `organizations`)
    /// the rows may name.
    static func load(
        _ data: Data, for organization: Organization.ID, sessionsOf organizations: [Organization.ID],
        in transaction: WriteTransaction
    ) throws -> Summary {
        let parsed = try parse(data)
        do {
            let summary = try transaction.loadAttendance(parsed.rows, for: organization, sessionsOf: organizations)
            return Summary(rows: summary.rows, sessions: summary.sessions)
        } catch let error as AttendanceLoadError {
            throw fileError(error, lines: parsed.lines)
        }
    }

    /// The kernel's refusal of row *n*, as a problem at the row's line and column of the file.
    static func fileError(_ error: AttendanceLoadError, lines: [Int32]) -> AttendanceFileError {
        switch error {
        case let .notLoadable(row, field, reason):
            let column =
                switch field {
                case "sessionId": "session_id"
                case "personId": "person_id"
                case "minutes": "minutes_attended"
                default: field
                }
            return .badValue(
                line: row < lines.count ? Int(lines[row]) : 0, column: column, reason: FieldReason(english: reason))
        }
    }

    static func parse(_ data: Data) throws -> Parsed {
        try data.withUnsafeBytes { buffer in try parse(buffer.bindMemory(to: UInt8.self)) }
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws -> Parsed {
        var reader = CSVLineReader(bytes)
        guard let header = reader.next() else { throw AttendanceFileError.empty }
        let names = header.fields.map {
            String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespaces).lowercased()
                .replacingOccurrences(of: "_", with: "")
        }
        func column(_ accepted: String...) throws -> Int {
            guard let index = names.firstIndex(where: accepted.contains) else {
                throw AttendanceFileError.badValue(
                    line: 1, column: accepted[0],
                    reason: FieldReason(
                        "the header has no such column (it needs session_id, person_id and minutes_attended)"))
            }
            return index
        }
        let columns = (
            session: try column("sessionid"), person: try column("personid"),
            minutes: try column("minutesattended", "minutes"), status: names.firstIndex(of: "status")
        )
        var parsed = Parsed()
        parsed.rows.reserveCapacity(bytes.count / 16)
        parsed.lines.reserveCapacity(bytes.count / 16)
        while let row = reader.next() {
            let line = row.line
            func integer(_ index: Int, _ name: String) throws -> Int64 {
                guard index < row.fields.count, let value = Int64(decimal: row.fields[index]) else {
                    throw AttendanceFileError.badValue(
                        line: line, column: name, reason: FieldReason("must be a whole number"))
                }
                return value
            }
            let session = try integer(columns.session, "session_id")
            let person = try integer(columns.person, "person_id")
            let minutes = try integer(columns.minutes, "minutes_attended")
            guard (0...1440).contains(minutes) else {
                throw AttendanceFileError.badValue(
                    line: line, column: "minutes_attended", reason: FieldReason("must be 0 to 1440"))
            }
            var status = Attendance.Status.present
            if let index = columns.status, index < row.fields.count, !row.fields[index].isEmpty {
                guard let given = Attendance.Status(rawValue: String(decoding: row.fields[index], as: UTF8.self))
                else {
                    throw AttendanceFileError.badValue(
                        line: line, column: "status", reason: FieldReason("must be present, absent or excused"))
                }
                status = given
            }
            parsed.rows.append(
                AttendanceLoadRow(
                    sessionId: Session.ID(session), personId: Person.ID(person), status: status,
                    minutes: status == .excused ? 0 : Int(minutes)))
            parsed.lines.append(Int32(clamping: line))
        }
        return parsed
    }
}

/// Lines of a plain CSV file (no quoted fields: bulk files are numbers and codes), split into byte fields, with
/// their line numbers; blank lines skipped, CRLF or LF.
struct CSVLineReader {
    struct Line {
        let line: Int
        let fields: [UnsafeBufferPointer<UInt8>]
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0
    private var lineNumber = 0
    private var fields: [UnsafeBufferPointer<UInt8>] = []

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
    }

    mutating func next() -> Line? {
        while position < bytes.count {
            lineNumber += 1
            fields.removeAll(keepingCapacity: true)
            var start = position
            var end = position
            while end < bytes.count, bytes[end] != 0x0A {
                if bytes[end] == 0x2C {
                    fields.append(UnsafeBufferPointer(rebasing: bytes[start..<end]))
                    start = end + 1
                }
                end += 1
            }
            var last = end
            if last > start, bytes[last - 1] == 0x0D { last -= 1 }
            fields.append(UnsafeBufferPointer(rebasing: bytes[start..<last]))
            let blank = end == position || (end == position + 1 && bytes[position] == 0x0D)
            position = end + 1
            if !blank { return Line(line: lineNumber, fields: fields) }
        }
        return nil
    }
}

extension Int64 {
    /// Parses ASCII decimal digits without making a String (bulk loads read millions of them).
    init?(decimal bytes: UnsafeBufferPointer<UInt8>) {
        guard !bytes.isEmpty, bytes.count < 19 else { return nil }
        var value: Int64 = 0
        for byte in bytes {
            guard byte >= 48, byte <= 57 else { return nil }
            value = value * 10 + Int64(byte - 48)
        }
        self = value
    }
}
