import Foundation
import GRDB
import GRDBSQLite
import Kernel

/// Loads attendance history in bulk (a migration from spreadsheets or another system): CSV with a header naming
/// `session_id`, `person_id` and `minutes_attended` (or `minutes`), and optionally `status`; other columns (`id`,
/// `joined_at`) are ignored.
///
/// Everything happens in one transaction: each session must belong to the organization (or its members), be live
/// and held already, and each person must have a place in its series; the first bad row (with its line) rolls the
/// whole load back. Rows load as `import`ed records; a row for a session and person already recorded replaces it.
///
/// Built for a million rows: the file is scanned as bytes, rows are bound to one prepared statement, the tally
/// triggers are dropped for the transaction (the tallies are counted in memory and written once, then the triggers
/// are recreated), and the connection gets a large page cache while it loads. Bulk loads raise no per-row events.
enum AttendanceLoad {
    struct Summary: Codable, Sendable {
        let rows: Int
        let sessions: Int
    }

    static func load(_ data: Data, organizations: [Organization.ID], now: Date, in db: Database) throws -> Summary {
        try data.withUnsafeBytes { buffer in
            try load(buffer.bindMemory(to: UInt8.self), organizations: organizations, now: now, in: db)
        }
    }

    private static func load(
        _ bytes: UnsafeBufferPointer<UInt8>, organizations: [Organization.ID], now: Date, in db: Database
    ) throws -> Summary {
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
                    reason: "the header has no such column (it needs session_id, person_id and minutes_attended)")
            }
            return index
        }
        let columns = (
            session: try column("sessionid"), person: try column("personid"),
            minutes: try column("minutesattended", "minutes"), status: names.firstIndex(of: "status")
        )

        let scope = try Scope(organizations: organizations, now: now, in: db)
        let previousCache = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
        try db.execute(sql: "PRAGMA cache_size = -262144")  // 256 MiB while loading
        defer { try? db.execute(sql: "PRAGMA cache_size = \(previousCache)") }
        for name in RetentionSchema.attendanceTriggerNames {
            try db.execute(sql: "DROP TRIGGER IF EXISTS \(name)")
        }

        var inserter = try BatchInserter(stamp: now.wholeSeconds.databaseValue, in: db)
        var tally = Tally()
        var touched = Set<Int64>()
        var count = 0
        while let row = reader.next() {
            let line = row.line
            func integer(_ index: Int, _ name: String) throws -> Int64 {
                guard index < row.fields.count, let value = Int64(decimal: row.fields[index]) else {
                    throw AttendanceFileError.badValue(line: line, column: name, reason: "must be a whole number")
                }
                return value
            }
            let session = try integer(columns.session, "session_id")
            let person = try integer(columns.person, "person_id")
            var minutes = try integer(columns.minutes, "minutes_attended")
            guard (0...1440).contains(minutes) else {
                throw AttendanceFileError.badValue(line: line, column: "minutes_attended", reason: "must be 0 to 1440")
            }
            guard let series = scope.sessions[session] else {
                throw AttendanceFileError.badValue(
                    line: line, column: "session_id",
                    reason: "session \(session) is not a live session of this organization that has taken place")
            }
            guard scope.places.contains(SIMD2(series, person)) else {
                throw AttendanceFileError.badValue(
                    line: line, column: "person_id", reason: "person \(person) has no place in series \(series)")
            }
            var status = Attendance.Status.present
            if let index = columns.status, index < row.fields.count, !row.fields[index].isEmpty {
                guard let given = Attendance.Status(rawValue: String(decoding: row.fields[index], as: UTF8.self))
                else {
                    throw AttendanceFileError.badValue(
                        line: line, column: "status", reason: "must be present, absent or excused")
                }
                status = given
            }
            if status == .excused { minutes = 0 }
            try inserter.add(
                BatchInserter.Row(session: session, person: person, status: status, minutes: minutes),
                gender: scope.gender(of: person), tally: &tally, in: db)
            touched.insert(session)
            count += 1
        }
        try inserter.flush(tally: &tally, in: db)
        try tally.write(genders: scope.genderNames, in: db)
        try db.execute(sql: RetentionSchema.attendanceTriggers)
        return Summary(rows: count, sessions: touched.count)
    }

    /// A row for a session and person already recorded: replaced, and the tally moved accordingly.
    fileprivate static func replace(
        session: Int64, person: Int64, status: Attendance.Status, minutes: Int64, stamp: DatabaseValue,
        tally: inout Tally, in db: Database
    ) throws {
        let old = try String.fetchOne(
            db, sql: "SELECT status FROM attendance WHERE sessionId = ? AND personId = ?", arguments: [session, person])
        try db.execute(
            sql: """
                UPDATE attendance SET status = ?, minutes = ?, source = 'import', updatedAt = ?
                WHERE sessionId = ? AND personId = ?
                """, arguments: [status.rawValue, minutes, stamp, session, person])
        let gender =
            try String.fetchOne(
                db, sql: "SELECT coalesce(gender, 'unknown') FROM person WHERE id = ?", arguments: [person])
            ?? "unknown"
        if old == "present" { tally.add(session: session, genderName: gender, -1) }
        if status == .present { tally.add(session: session, genderName: gender, 1) }
    }

    /// What the load may touch, read once: the organization's held live sessions, every place in a series, and
    /// people's stored genders (for the tallies).
    private struct Scope {
        var sessions: [Int64: Int64] = [:]
        var places = Set<SIMD2<Int64>>()
        var genders: [Int64: Int32] = [:]
        var genderNames: [String] = ["unknown"]

        init(organizations: [Organization.ID], now: Date, in db: Database) throws {
            let owners = organizations.map { "\($0.rawValue)" }.joined(separator: ",")
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT s.id, s.seriesId FROM session s JOIN webinarSeries r ON r.id = s.seriesId
                    JOIN programme p ON p.id = r.programmeId
                    WHERE p.organizationId IN (\(owners)) AND s.kind != 'offlineExercise'
                      AND s.status = 'scheduled' AND s.startsAt <= ?
                    """, arguments: [now])
            {
                sessions[row[0]] = row[1]
            }
            let roles = try Row.fetchCursor(
                db,
                sql: """
                    SELECT seriesId, personId FROM seriesRole WHERE seriesId IN (SELECT r.id FROM webinarSeries r
                    JOIN programme p ON p.id = r.programmeId WHERE p.organizationId IN (\(owners)))
                    """)
            while let row = try roles.next() { places.insert(SIMD2(row[0], row[1])) }
            var index: [String: Int32] = ["unknown": 0]
            let people = try Row.fetchCursor(db, sql: "SELECT id, gender FROM person WHERE gender IS NOT NULL")
            while let row = try people.next() {
                let name: String = row[1]
                let code =
                    index[name]
                    ?? {
                        genderNames.append(name)
                        index[name] = Int32(genderNames.count - 1)
                        return Int32(genderNames.count - 1)
                    }()
                genders[row[0]] = code
            }
        }

        func gender(of person: Int64) -> Int32 { genders[person] ?? 0 }
    }

    /// Changes to `retention_attendedTally`, counted in memory.
    fileprivate struct Tally {
        var counts: [SIMD2<Int64>: Int] = [:]
        var extra: [String: [Int64: Int]] = [:]

        mutating func add(session: Int64, gender: Int32, _ delta: Int) {
            counts[SIMD2(session, Int64(gender)), default: 0] += delta
        }

        mutating func add(session: Int64, genderName: String, _ delta: Int) {
            extra[genderName, default: [:]][session, default: 0] += delta
        }

        func write(genders: [String], in db: Database) throws {
            let upsert = try db.makeStatement(
                sql: """
                    INSERT INTO retention_attendedTally (sessionId, gender, people) VALUES (?, ?, ?)
                    ON CONFLICT (sessionId, gender) DO UPDATE SET people = people + excluded.people
                    """)
            for (key, delta) in counts where delta != 0 {
                try upsert.execute(arguments: [key.x, genders[Int(key.y)], delta])
            }
            for (gender, perSession) in extra {
                for (session, delta) in perSession where delta != 0 {
                    try upsert.execute(arguments: [session, gender, delta])
                }
            }
        }
    }
}

/// Inserts loaded rows a batch at a time: one multi-row INSERT per 200 rows, bound through SQLite's C API (a
/// million rows through GRDB's argument arrays, or a million single-row statements, cost seconds). A batch runs in
/// a savepoint; if any of its rows was already recorded, the batch is rolled back to the savepoint and replayed row
/// by row, replacing the records it meets.
private struct BatchInserter {
    struct Row {
        let session: Int64
        let person: Int64
        let status: Attendance.Status
        let minutes: Int64
    }

    static let size = 200
    private let full: Statement
    private let single: Statement
    private let stamp: DatabaseValue
    private var pending: [(Row, Int32)] = []

    init(stamp: DatabaseValue, in db: Database) throws {
        self.stamp = stamp
        // The time stamp is our own formatted date, written into the statement.
        let stampSQL = "'" + (String.fromDatabaseValue(stamp) ?? "") + "'"
        let values = "(?, ?, ?, ?, 'import', \(stampSQL), \(stampSQL))"
        let head = "INSERT INTO attendance (sessionId, personId, status, minutes, source, createdAt, updatedAt) VALUES "
        let tail = " ON CONFLICT (sessionId, personId) DO NOTHING"
        full = try db.makeStatement(
            sql: head + Array(repeating: values, count: Self.size).joined(separator: ", ") + tail)
        single = try db.makeStatement(sql: head + values + tail)
        pending.reserveCapacity(Self.size)
    }

    mutating func add(_ row: Row, gender: Int32, tally: inout AttendanceLoad.Tally, in db: Database) throws {
        pending.append((row, gender))
        if pending.count == Self.size { try flush(tally: &tally, in: db) }
    }

    mutating func flush(tally: inout AttendanceLoad.Tally, in db: Database) throws {
        guard !pending.isEmpty else { return }
        defer { pending.removeAll(keepingCapacity: true) }
        if pending.count == Self.size {
            try db.execute(sql: "SAVEPOINT retention_load")
            try bind(pending.map(\.0), to: full)
            try step(full, in: db)
            if sqlite3_changes(db.sqliteConnection) == Int32(Self.size) {
                try db.execute(sql: "RELEASE retention_load")
                for (row, gender) in pending where row.status == .present {
                    tally.add(session: row.session, gender: gender, 1)
                }
                return
            }
            try db.execute(sql: "ROLLBACK TO retention_load")
            try db.execute(sql: "RELEASE retention_load")
        }
        for (row, gender) in pending {
            try bind([row], to: single)
            try step(single, in: db)
            if sqlite3_changes(db.sqliteConnection) == 0 {
                try AttendanceLoad.replace(
                    session: row.session, person: row.person, status: row.status, minutes: row.minutes, stamp: stamp,
                    tally: &tally, in: db)
            } else if row.status == .present {
                tally.add(session: row.session, gender: gender, 1)
            }
        }
    }

    private func bind(_ rows: [Row], to statement: Statement) throws {
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        for (index, row) in rows.enumerated() {
            let base = Int32(index * 4)
            sqlite3_bind_int64(handle, base + 1, row.session)
            sqlite3_bind_int64(handle, base + 2, row.person)
            let status: StaticString =
                switch row.status {
                case .present: "present"
                case .absent: "absent"
                case .excused: "excused"
                }
            sqlite3_bind_text(
                handle, base + 3, UnsafeRawPointer(status.utf8Start).assumingMemoryBound(to: CChar.self), -1, nil)
            sqlite3_bind_int64(handle, base + 4, row.minutes)
        }
    }

    private func step(_ statement: Statement, in db: Database) throws {
        let code = sqlite3_step(statement.sqliteStatement)
        guard code == SQLITE_DONE else {
            throw DatabaseError(
                resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
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
