import Foundation
import GRDB
import GRDBSQLite

/// One row of a bulk attendance load.
public struct AttendanceLoadRow: Sendable, Equatable {
    public var sessionId: Session.ID
    public var personId: Person.ID
    public var status: Attendance.Status
    /// Whole minutes attended (0 for someone excused, whatever is given).
    public var minutes: Int

    public init(sessionId: Session.ID, personId: Person.ID, status: Attendance.Status, minutes: Int) {
        self.sessionId = sessionId
        self.personId = personId
        self.status = status
        self.minutes = minutes
    }
}

/// What a bulk attendance load wrote.
public struct AttendanceLoadSummary: Sendable, Equatable {
    public let rows: Int
    public let sessions: Int
}

/// Why a bulk load refused a row, named by its index in the rows given (the caller knows its line).
public enum AttendanceLoadError: Error, Equatable, CustomStringConvertible {
    case notLoadable(row: Int, field: String, reason: String)

    public var description: String {
        switch self {
        case let .notLoadable(row, field, reason): "Row \(row + 1), \(field): \(reason); nothing was loaded."
        }
    }
}

extension WriteTransaction {
    /// Records attendance history in bulk (a migration from spreadsheets or another system).
    ///
    /// Each row must name a held live or feedback session of one of `organizations` that has started, and a person
    /// with a place in its series; the first row that does not throws ``AttendanceLoadError`` (roll the write back).
    /// Rows load as imported records; a row for a session and person already recorded replaces it. Raises one
    /// ``AttendanceLoaded`` for `organization` carrying every row, and no per-row event.
    ///
    /// Built for a million rows: rows are bound to one prepared multi-row INSERT through SQLite's C API, and the
    /// connection gets a large page cache while it loads.
    @discardableResult
    public func loadAttendance(
        _ rows: [AttendanceLoadRow], for organization: Organization.ID, sessionsOf organizations: [Organization.ID]
    ) throws -> AttendanceLoadSummary {
        let facts = try LoadFacts(organizations: organizations, now: now, in: db)
        let previousCache = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
        try db.execute(sql: "PRAGMA cache_size = -262144")  // 256 MiB while loading
        defer { try? db.execute(sql: "PRAGMA cache_size = \(previousCache)") }
        var inserter = try AttendanceBatchInserter(stamp: now.wholeSeconds.databaseValue, in: db)
        var changes: [AttendanceLoaded.Change] = []
        changes.reserveCapacity(rows.count)
        var touched = Set<Session.ID>()
        for (index, row) in rows.enumerated() {
            guard (0...1440).contains(row.minutes) else {
                throw AttendanceLoadError.notLoadable(row: index, field: "minutes", reason: "must be 0 to 1440")
            }
            guard let series = facts.sessions[row.sessionId.rawValue] else {
                throw AttendanceLoadError.notLoadable(
                    row: index, field: "sessionId",
                    reason: "session \(row.sessionId) is not a live session of this organization that has taken place")
            }
            guard facts.places.contains(SIMD2(series, row.personId.rawValue)) else {
                throw AttendanceLoadError.notLoadable(
                    row: index, field: "personId", reason: "person \(row.personId) has no place in series \(series)")
            }
            var row = row
            if row.status == .excused { row.minutes = 0 }
            try inserter.add(row, changes: &changes, in: db)
            touched.insert(row.sessionId)
        }
        try inserter.flush(changes: &changes, in: db)
        try auditChange(
            "attendance.imported", organization: organization, subject: nil,
            detail: ["rows": .integer(Int64(rows.count)), "sessions": .integer(Int64(touched.count))])
        try events.emit(AttendanceLoaded(organizationId: organization, changes: changes))
        return AttendanceLoadSummary(rows: rows.count, sessions: touched.count)
    }
}

/// What a load may touch, read once: the organizations' held live sessions that have started (with their series)
/// and every place in their series.
private struct LoadFacts {
    var sessions: [Int64: Int64] = [:]
    var places = Set<SIMD2<Int64>>()

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
    }
}

/// Inserts loaded rows a batch at a time: one multi-row INSERT per 200 rows, bound through SQLite's C API (a
/// million rows through GRDB's argument arrays, or a million single-row statements, cost seconds). A batch runs in
/// a savepoint; if any of its rows was already recorded, the batch is rolled back to the savepoint and replayed row
/// by row, replacing the records it meets.
private struct AttendanceBatchInserter {
    static let size = 200
    private let full: Statement
    private let single: Statement
    private let replace: Statement
    private let previous: Statement
    private var pending: [AttendanceLoadRow] = []

    init(stamp: DatabaseValue, in db: Database) throws {
        // The time stamp is our own formatted date, written into the statement.
        let stampSQL = "'" + (String.fromDatabaseValue(stamp) ?? "") + "'"
        let values = "(?, ?, ?, ?, 'import', \(stampSQL), \(stampSQL))"
        let head = "INSERT INTO attendance (sessionId, personId, status, minutes, source, createdAt, updatedAt) VALUES "
        let tail = " ON CONFLICT (sessionId, personId) DO NOTHING"
        full = try db.makeStatement(
            sql: head + Array(repeating: values, count: Self.size).joined(separator: ", ") + tail)
        single = try db.makeStatement(sql: head + values + tail)
        previous = try db.makeStatement(sql: "SELECT status FROM attendance WHERE sessionId = ? AND personId = ?")
        replace = try db.makeStatement(
            sql: """
                UPDATE attendance SET status = ?, minutes = ?, source = 'import', updatedAt = \(stampSQL)
                WHERE sessionId = ? AND personId = ?
                """)
        pending.reserveCapacity(Self.size)
    }

    mutating func add(_ row: AttendanceLoadRow, changes: inout [AttendanceLoaded.Change], in db: Database) throws {
        pending.append(row)
        if pending.count == Self.size { try flush(changes: &changes, in: db) }
    }

    mutating func flush(changes: inout [AttendanceLoaded.Change], in db: Database) throws {
        guard !pending.isEmpty else { return }
        defer { pending.removeAll(keepingCapacity: true) }
        if pending.count == Self.size {
            try db.execute(sql: "SAVEPOINT kernel_attendance_load")
            try bind(pending, to: full)
            try step(full, in: db)
            if sqlite3_changes(db.sqliteConnection) == Int32(Self.size) {
                try db.execute(sql: "RELEASE kernel_attendance_load")
                for row in pending {
                    changes.append(
                        .init(sessionId: row.sessionId, personId: row.personId, previousStatus: nil, status: row.status)
                    )
                }
                return
            }
            try db.execute(sql: "ROLLBACK TO kernel_attendance_load")
            try db.execute(sql: "RELEASE kernel_attendance_load")
        }
        for row in pending {
            try bind([row], to: single)
            try step(single, in: db)
            if sqlite3_changes(db.sqliteConnection) == 0 {
                let old = try Attendance.Status.fetchOne(previous, arguments: [row.sessionId, row.personId])
                try replace.execute(arguments: [row.status, row.minutes, row.sessionId, row.personId])
                changes.append(
                    .init(sessionId: row.sessionId, personId: row.personId, previousStatus: old, status: row.status))
            } else {
                changes.append(
                    .init(sessionId: row.sessionId, personId: row.personId, previousStatus: nil, status: row.status))
            }
        }
    }

    private func bind(_ rows: [AttendanceLoadRow], to statement: Statement) throws {
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        for (index, row) in rows.enumerated() {
            let base = Int32(index * 4)
            sqlite3_bind_int64(handle, base + 1, row.sessionId.rawValue)
            sqlite3_bind_int64(handle, base + 2, row.personId.rawValue)
            let status: StaticString =
                switch row.status {
                case .present: "present"
                case .absent: "absent"
                case .excused: "excused"
                }
            sqlite3_bind_text(
                handle, base + 3, UnsafeRawPointer(status.utf8Start).assumingMemoryBound(to: CChar.self), -1, nil)
            sqlite3_bind_int64(handle, base + 4, Int64(row.minutes))
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
