import Foundation
import GRDB
import Kernel

/// Loads attendance history in bulk (a migration from spreadsheets or another system): CSV with a header naming
/// `session_id`, `person_id` and `minutes_attended` (or `minutes`), and optionally `status`.
///
/// Everything is checked before the first row is written, in one transaction: each session must belong to the
/// organization (or its members), be live and held already, and each person must be enrolled in its series. Rows
/// load as `import`ed records; a row for a person and session already recorded replaces it. Bulk loads raise no
/// per-row events; the tallies stay right because the database's triggers keep them.
struct AttendanceLoad {
    struct Summary: Codable, Sendable {
        let rows: Int
        let sessions: Int
    }

    static func load(
        _ data: Data, organizations: [Organization.ID], now: Date, in db: Database
    ) throws -> Summary {
        let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        guard let headerLine = lines.first else { throw AttendanceFileError.empty }
        let header = String(decoding: headerLine, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            .split(separator: ",").map { $0.lowercased().replacingOccurrences(of: "_", with: "") }
        func column(_ names: String...) throws -> Int {
            guard let index = header.firstIndex(where: names.contains) else {
                throw AttendanceFileError.badValue(
                    line: 1, column: names[0],
                    reason: "the header has no such column (it needs session_id, "
                        + "person_id and minutes_attended)")
            }
            return index
        }
        let sessionColumn = try column("sessionid")
        let personColumn = try column("personid")
        let minutesColumn = try column("minutesattended", "minutes")
        let statusColumn = header.firstIndex(of: "status")

        let owners = organizations.map { "\($0.rawValue)" }.joined(separator: ",")
        var sessions: [Int64: Int64] = [:]
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT s.id, s.seriesId FROM session s JOIN webinarSeries r ON r.id = s.seriesId
                JOIN programme p ON p.id = r.programmeId
                WHERE p.organizationId IN (\(owners)) AND s.kind != 'offlineExercise' AND s.status = 'scheduled'
                  AND s.startsAt <= ?
                """, arguments: [now])
        {
            sessions[row[0]] = row[1]
        }
        var places = Set<SIMD2<Int64>>()
        let cursor = try Row.fetchCursor(db, sql: "SELECT seriesId, personId FROM seriesRole")
        while let row = try cursor.next() { places.insert(SIMD2(row[0], row[1])) }

        let statement = try db.makeStatement(
            sql: """
                INSERT INTO attendance (sessionId, personId, status, minutes, source, createdAt, updatedAt)
                VALUES (?, ?, ?, ?, 'import', ?, ?)
                ON CONFLICT (sessionId, personId) DO UPDATE SET status = excluded.status,
                    minutes = excluded.minutes, source = 'import', updatedAt = excluded.updatedAt
                """)
        let stamp = now.wholeSeconds
        var count = 0
        var seen = Set<Int64>()
        for (offset, raw) in lines.enumerated().dropFirst() {
            let line = offset + 1
            var bytes = raw
            if bytes.last == UInt8(ascii: "\r") { bytes = bytes.dropLast() }
            if bytes.isEmpty { continue }
            let fields = bytes.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
            func integer(_ index: Int, _ name: String) throws -> Int64 {
                guard index < fields.count, let value = Int64(decimal: fields[index]) else {
                    throw AttendanceFileError.badValue(line: line, column: name, reason: "must be a whole number")
                }
                return value
            }
            let session = try integer(sessionColumn, "session_id")
            let person = try integer(personColumn, "person_id")
            let minutes = try integer(minutesColumn, "minutes_attended")
            guard (0...1440).contains(minutes) else {
                throw AttendanceFileError.badValue(line: line, column: "minutes_attended", reason: "must be 0 to 1440")
            }
            guard let series = sessions[session] else {
                throw AttendanceFileError.badValue(
                    line: line, column: "session_id",
                    reason: "session \(session) is not a live session of this organization that has taken place")
            }
            guard places.contains(SIMD2(series, person)) else {
                throw AttendanceFileError.badValue(
                    line: line, column: "person_id", reason: "person \(person) has no place in series \(series)")
            }
            var status = "present"
            if let statusColumn, statusColumn < fields.count, !fields[statusColumn].isEmpty {
                status = String(decoding: fields[statusColumn], as: UTF8.self)
                guard ["present", "absent", "excused"].contains(status) else {
                    throw AttendanceFileError.badValue(
                        line: line, column: "status", reason: "must be present, absent or excused")
                }
            }
            try statement.execute(arguments: [session, person, status, status == "excused" ? 0 : minutes, stamp, stamp])
            seen.insert(session)
            count += 1
        }
        return Summary(rows: count, sessions: seen.count)
    }
}

extension Int64 {
    /// Parses ASCII decimal digits without making a String (bulk loads read millions of them).
    init?(decimal bytes: some Collection<UInt8>) {
        guard !bytes.isEmpty, bytes.count < 19 else { return nil }
        var value: Int64 = 0
        for byte in bytes {
            guard byte >= 48, byte <= 57 else { return nil }
            value = value * 10 + Int64(byte - 48)
        }
        self = value
    }
}
