import Crypto
import Foundation
import GRDB
import Kernel

/// What importing an export into a session would change, worked out before anything is written.
///
/// Rows are grouped by who they are (e-mail, else name), matched to people, and the intervals of each person merged
/// (a rejoin that overlaps the earlier visit counts once). Someone present at least the threshold's minutes is
/// present; a shorter visit is recorded as absent with its minutes. People an earlier import of this session
/// recorded as present and who are no longer in the file are set back to absent, so a corrected export corrects.
struct AttendancePlan: Codable, Sendable, Equatable {
    enum Change: String, Codable, Sendable {
        case new, updated, unchanged, cleared
    }

    /// One person's attendance as the file shows it.
    struct Entry: Codable, Sendable, Equatable {
        let personId: Person.ID
        let status: Attendance.Status
        let minutes: Int
        let matchedBy: String
        /// The person attended without being enrolled: the import enrols them on the walk-in channel.
        let walkIn: Bool
        let change: Change
        let lines: [Int]
    }

    /// Rows no person could be found for: they go to the review queue. Names stay in the database, never in logs.
    struct Unmatched: Codable, Sendable, Equatable {
        let identityKey: String
        let displayName: String
        let email: String?
        let minutes: Int
        let reason: String
        let candidates: [Person.ID]
        let lines: [Int]
    }

    let sessionId: Session.ID
    let platform: MeetingPlatform
    let encoding: String
    let digest: String
    let rowCount: Int
    /// Minutes someone must attend to count as present.
    let thresholdMinutes: Int
    let entries: [Entry]
    let unmatched: [Unmatched]
    /// Rows of hosts, co-hosts, panelists, the series' facilitators, and names an administrator chose to ignore.
    let skippedRows: Int

    /// Whether applying the plan would write anything.
    var changesSomething: Bool {
        entries.contains { $0.change != .unchanged } || !unmatched.isEmpty
    }
}

/// Plans and applies attendance imports; one transaction each, so a failure writes nothing.
struct AttendanceImporter {
    let settings: RetentionSettings

    func plan(
        data: Data, platform: MeetingPlatform?, zone: TimeZone?, session: Session, in db: Database
    ) throws -> AttendancePlan {
        let organization = try SeriesOwnership.owner(ofSeries: session.seriesId, in: db)
        let meetingZone = zone ?? TimeZone(identifier: session.timeZone) ?? .gmt
        let export = try AttendanceExport(data: data, platform: platform, zone: meetingZone, expected: session.startsAt)
        let matcher = try PersonMatcher(series: session.seriesId, organization: organization, in: db)
        let roles = try SeriesParticipation.roles(in: session.seriesId, in: db)
        let recorded = try SeriesParticipation.attendance(at: session.id!, in: db)

        var groups: [String: [ExportRow]] = [:]
        var order: [String] = []
        var skipped = 0
        for row in export.rows {
            guard row.role == .participant else {
                skipped += 1
                continue
            }
            let key =
                row.email.map(IdentityKey.email) ?? IdentityKey.names(forDisplayName: row.name).first
                ?? "line:\(row.line)"
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(row)
        }

        var byPerson: [Person.ID: (rows: [ExportRow], method: MatchMethod, key: String)] = [:]
        var personOrder: [Person.ID] = []
        var unmatched: [AttendancePlan.Unmatched] = []
        for key in order {
            let rows = groups[key]!
            let email = rows.lazy.compactMap(\.email).first
            let names = Array(Set(rows.flatMap { IdentityKey.names(forDisplayName: $0.name) })).sorted()
            switch try matcher.resolve(email: email, names: names, in: db) {
            case let .person(id, method):
                if let held = roles[id], !held.contains(.participant) {
                    skipped += rows.count
                    continue
                }
                if byPerson[id] == nil { personOrder.append(id) }
                byPerson[id, default: ([], method, key)].rows += rows
            case let .ambiguous(candidates):
                unmatched.append(unmatchedEntry(key, rows, reason: "ambiguous", candidates: candidates))
            case .unknown:
                unmatched.append(unmatchedEntry(key, rows, reason: "unknown", candidates: []))
            case .ignored:
                skipped += rows.count
            }
        }

        let threshold = Self.thresholdMinutes(of: session, settings: settings)
        var entries: [AttendancePlan.Entry] = []
        for id in personOrder {
            let (rows, method, key) = byPerson[id]!
            let minutes = min(1440, Self.minutes(rows))
            let status: Attendance.Status = minutes >= threshold ? .present : .absent
            let walkIn = roles[id] == nil
            if walkIn, settings.walkInChannel.isEmpty {
                unmatched.append(unmatchedEntry(key, rows, reason: "notEnrolled", candidates: [id]))
                continue
            }
            let existing = recorded[id]
            let change: AttendancePlan.Change =
                existing == nil
                ? .new
                : (existing!.status == status && existing!.minutes == minutes && existing!.source == .import)
                    ? .unchanged : .updated
            entries.append(
                AttendancePlan.Entry(
                    personId: id, status: status, minutes: minutes, matchedBy: method.rawValue, walkIn: walkIn,
                    change: change, lines: rows.map(\.line)))
        }
        // People the previous import of this session recorded, and who are no longer in the file: a corrected
        // export corrects them. Records entered by hand or by other means are never touched.
        let inFile = Set(entries.map(\.personId))
        let previous =
            try String.fetchOne(
                db, sql: "SELECT personIds FROM retention_import WHERE sessionId = ? ORDER BY id DESC LIMIT 1",
                arguments: [session.id]
            ).map { Set($0.split(separator: ",").compactMap { Int64($0) }.map(Person.ID.init)) } ?? []
        for id in previous.subtracting(inFile).sorted(by: { $0.rawValue < $1.rawValue }) {
            guard let record = recorded[id], record.source == .import, record.status != .absent || record.minutes > 0
            else { continue }
            entries.append(
                AttendancePlan.Entry(
                    personId: id, status: .absent, minutes: 0, matchedBy: "earlier import", walkIn: false,
                    change: .cleared, lines: []))
        }
        let known = try Row.fetchAll(
            db, sql: "SELECT identityKey, status, minutes, reason FROM retention_unmatched WHERE sessionId = ?",
            arguments: [session.id]
        ).reduce(into: [String: (String, Int, String)]()) {
            $0[$1["identityKey"]] = ($1["status"], $1["minutes"], $1["reason"])
        }
        // Rows already in the queue with the same figures, or resolved, are not news.
        let news = unmatched.filter { entry in
            guard let (status, minutes, reason) = known[entry.identityKey] else { return true }
            return status == "open" && (minutes != entry.minutes || reason != entry.reason)
        }
        return AttendancePlan(
            sessionId: session.id!, platform: export.platform, encoding: export.encoding.rawValue,
            digest: SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined(), rowCount: export.rows.count,
            thresholdMinutes: threshold, entries: entries, unmatched: news, skippedRows: skipped)
    }

    /// Applies `plan` in `transaction`: attendance, walk-in enrolments, the review queue and the import's record.
    func apply(_ plan: AttendancePlan, session: Session, in transaction: WriteTransaction) throws {
        guard plan.changesSomething else { return }
        let db = transaction.db
        for entry in plan.entries where entry.change != .unchanged {
            if entry.walkIn {
                try transaction.enrol(
                    entry.personId, in: session.seriesId, at: min(session.startsAt, transaction.now),
                    channel: settings.walkInChannel)
            }
            try transaction.recordAttendance(
                of: entry.personId, at: session.id!, status: entry.status, minutes: entry.minutes, source: .import)
        }
        for row in plan.unmatched {
            let candidates = "[" + row.candidates.map { String($0.rawValue) }.joined(separator: ",") + "]"
            try db.execute(
                sql: """
                    INSERT INTO retention_unmatched (sessionId, identityKey, displayName, email, minutes, reason,
                        candidates, lines, createdAt, updatedAt)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (sessionId, identityKey) DO UPDATE SET displayName = excluded.displayName,
                        email = excluded.email, minutes = excluded.minutes, reason = excluded.reason,
                        candidates = excluded.candidates, lines = excluded.lines, updatedAt = excluded.updatedAt
                    """,
                arguments: [
                    session.id, row.identityKey, row.displayName, row.email, row.minutes, row.reason, candidates,
                    row.lines.map(String.init).joined(separator: ","), transaction.now, transaction.now,
                ])
        }
        try db.execute(
            sql: """
                INSERT INTO retention_import (sessionId, digest, platform, rowCount, recorded, unmatched, personIds,
                    importedAt, actor)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                session.id, plan.digest, plan.platform.rawValue, plan.rowCount,
                plan.entries.filter { $0.change != .unchanged }.count, plan.unmatched.count,
                plan.entries.filter { $0.change != .cleared }.map { "\($0.personId.rawValue)" }.joined(separator: ","),
                transaction.now,
                "\(transaction.actor)",
            ])
    }

    private func unmatchedEntry(
        _ key: String, _ rows: [ExportRow], reason: String, candidates: [Person.ID]
    ) -> AttendancePlan.Unmatched {
        AttendancePlan.Unmatched(
            identityKey: key, displayName: rows[0].name, email: rows.lazy.compactMap(\.email).first,
            minutes: min(1440, Self.minutes(rows)), reason: reason, candidates: candidates, lines: rows.map(\.line))
    }

    /// The minutes that count as attending `session`: the settings' share of its planned length, rounded up.
    static func thresholdMinutes(of session: Session, settings: RetentionSettings) -> Int {
        let planned = Int(session.endsAt.timeIntervalSince(session.startsAt) / 60)
        return max(1, (planned * settings.attendedPercent + 99) / 100)
    }

    /// Minutes in the meeting: the union of the intervals (overlapping rejoins count once), plus the stated
    /// durations of rows without times; rounded to the nearest minute.
    static func minutes(_ rows: [ExportRow]) -> Int {
        let intervals = rows.compactMap(\.interval).sorted { $0.start < $1.start }
        var total: TimeInterval = 0
        var current: DateInterval?
        for interval in intervals {
            if let open = current, interval.start <= open.end {
                current = DateInterval(start: open.start, end: max(open.end, interval.end))
            } else {
                total += current?.duration ?? 0
                current = interval
            }
        }
        total += current?.duration ?? 0
        total += Double(rows.filter { $0.interval == nil }.compactMap(\.seconds).reduce(0, +))
        return Int((total / 60).rounded())
    }
}
