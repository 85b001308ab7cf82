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
        /// The time in the meeting the file shows (kept, so a review item found to be this person adds to it).
        let visit: TimeInMeeting
    }

    /// An open review item whose rows the file now matches to a person.
    struct ClosedItem: Codable, Sendable, Equatable {
        let item: Int64
        let personId: Person.ID
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
        let visit: TimeInMeeting
    }

    let sessionId: Session.ID
    let platform: MeetingPlatform
    let encoding: String
    let digest: String
    let rowCount: Int
    /// Minutes someone must attend to count as present (rounded up; the exact time is compared, unrounded).
    let thresholdMinutes: Int
    /// How durations written `a:b` were read (hours:minutes or minutes:seconds), when the file has any.
    let durationReading: DurationReading?
    let entries: [Entry]
    let unmatched: [Unmatched]
    /// Open review items of this session that this file records: they close themselves.
    let closedItems: [ClosedItem]
    /// Rows of hosts, co-hosts, panelists, the series' facilitators, and names an administrator chose to ignore.
    let skippedRows: Int

    /// Whether applying the plan would write anything.
    var changesSomething: Bool {
        entries.contains { $0.change != .unchanged } || !unmatched.isEmpty || !closedItems.isEmpty
    }

    /// People an earlier import recorded and this file would set back to absent: never without a confirmation.
    var clearedCount: Int { entries.filter { $0.change == .cleared }.count }
}

/// A re-import that would set people back to absent, applied without the user's confirmation: nothing is written.
struct ClearingNotConfirmed: Error, Equatable, CustomStringConvertible {
    let people: Int

    var description: String {
        "This file would set \(people) \(people == 1 ? "person" : "people") an earlier import recorded back to "
            + "absent: they are not in it. Nothing was written. If the file is complete, confirm it "
            + "(--confirm-absent on the command line, confirmAbsent=true in the API); a preview lists the changes."
    }
}

/// Plans and applies attendance imports; one transaction each, so a failure writes nothing.
struct AttendanceImporter {
    let settings: RetentionSettings

    /// How far before its start and after its end a session's file may begin and end (a sound check, an overrun, a
    /// zone an hour or two off) before its times count as another meeting's.
    static let dateMargin: TimeInterval = 3 * 3600

    /// Works out what importing `data` into `session` would change.
    /// - Parameter anyDate: Record the file even when its times do not overlap the session's (the user confirmed).
    func plan(
        data: Data, platform: MeetingPlatform?, zone: TimeZone?, session: Session, anyDate: Bool = false,
        in db: Database
    ) throws -> AttendancePlan {
        try plan(
            SessionExport(data: data, platform: platform, zone: zone, session: session), session: session,
            anyDate: anyDate, in: db)
    }

    /// Works out what importing `file`, read once for `session`, would change (a preview and the write that
    /// follows it plan the same reading).
    func plan(_ file: SessionExport, session: Session, anyDate: Bool = false, in db: Database) throws
        -> AttendancePlan
    {
        let organization = try SeriesOwnership.owner(ofSeries: session.seriesId, in: db)
        let (export, meetingZone, planned) = (file.export, file.zone, file.planned)
        if !anyDate, let span = TimeInMeeting(export.rows).span,
            !span.intersects(
                DateInterval(start: planned.start - Self.dateMargin, end: planned.end + Self.dateMargin))
        {
            throw AttendanceFileError.otherDate(
                file: Self.describe(span, in: meetingZone), session: Self.describe(planned, in: meetingZone))
        }
        let (groups, order) = Self.group(export.rows.filter { $0.role == .participant })
        let matcher = try PersonMatcher(
            series: session.seriesId, organization: organization,
            emails: order.compactMap { groups[$0]!.lazy.compactMap(\.email).first }, in: db)
        let roles = try SeriesParticipation.roles(in: session.seriesId, in: db)
        let recorded = try SeriesParticipation.attendance(at: session.id!, in: db)

        var skipped = export.rows.count - groups.values.map(\.count).reduce(0, +)

        var byPerson: [Person.ID: (rows: [ExportRow], method: MatchMethod, key: String)] = [:]
        var keysOf: [Person.ID: [String]] = [:]
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
                keysOf[id, default: []].append(key)
            case let .ambiguous(candidates):
                unmatched.append(unmatchedEntry(key, rows, reason: "ambiguous", candidates: candidates))
            case .unknown:
                unmatched.append(unmatchedEntry(key, rows, reason: "unknown", candidates: []))
            case .ignored:
                skipped += rows.count
            }
        }

        let threshold = Self.thresholdSeconds(of: session, settings: settings)
        let plausible = ExportDuration.plausibleSeconds(planned: planned.duration)
        var entries: [AttendancePlan.Entry] = []
        for id in personOrder {
            let (rows, method, key) = byPerson[id]!
            let visit = TimeInMeeting(rows)
            guard visit.seconds <= plausible else {
                throw AttendanceFileError.implausibleMinutes(
                    lines: rows.map(\.line), minutes: visit.minutes, limit: Int(plausible / 60))
            }
            let minutes = visit.minutes
            // The exact time is compared: 29 min 30 s of a 60-minute session at 50% is absent, not "30".
            let status: Attendance.Status = visit.seconds >= threshold ? .present : .absent
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
                    change: change, lines: rows.map(\.line), visit: visit))
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
                    change: .cleared, lines: [], visit: TimeInMeeting()))
        }
        let queued = try Row.fetchAll(
            db, sql: "SELECT id, identityKey, status, minutes, reason FROM retention_unmatched WHERE sessionId = ?",
            arguments: [session.id])
        let known = queued.reduce(into: [String: (String, Int, String)]()) {
            $0[$1["identityKey"]] = ($1["status"], $1["minutes"], $1["reason"])
        }
        // Open review items this file now records (the person was added, or linked in another session since):
        // they close themselves, linked to that person.
        let openItems = queued.reduce(into: [String: Int64]()) { items, row in
            if row["status"] == "open" { items[row["identityKey"]] = row["id"] }
        }
        let closing = entries.filter { $0.change != .cleared }.flatMap { entry in
            (keysOf[entry.personId] ?? []).compactMap { key in
                openItems[key].map { AttendancePlan.ClosedItem(item: $0, personId: entry.personId) }
            }
        }
        for item in unmatched where item.visit.seconds > plausible {
            throw AttendanceFileError.implausibleMinutes(
                lines: item.lines, minutes: item.visit.minutes, limit: Int(plausible / 60))
        }
        // Rows already in the queue with the same figures, or resolved, are not news.
        let news = unmatched.filter { entry in
            guard let (status, minutes, reason) = known[entry.identityKey] else { return true }
            return status == "open" && (minutes != entry.minutes || reason != entry.reason)
        }
        return AttendancePlan(
            sessionId: session.id!, platform: export.platform, encoding: export.encoding.rawValue,
            digest: file.digest, rowCount: export.rows.count,
            thresholdMinutes: Self.thresholdMinutes(of: session, settings: settings),
            durationReading: export.durationReading, entries: entries, unmatched: news, closedItems: closing,
            skippedRows: skipped)
    }

    private static func describe(_ interval: DateInterval, in zone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        // A dash, not a word: the sentence around it is translated, the span reads alike in every language.
        return "\(formatter.string(from: interval.start)) – \(formatter.string(from: interval.end)) \(zone.identifier)"
    }

    /// Applies `plan` in `transaction`: attendance, walk-in enrolments, the review queue and the import's record.
    /// - Parameter confirmAbsent: The user confirmed that people the file no longer lists are set back to absent;
    ///   without it such a plan is refused (``ClearingNotConfirmed``) and nothing is written.
    func apply(
        _ plan: AttendancePlan, session: Session, confirmAbsent: Bool = false, in transaction: WriteTransaction
    ) throws {
        guard plan.changesSomething else { return }
        guard plan.clearedCount == 0 || confirmAbsent else { throw ClearingNotConfirmed(people: plan.clearedCount) }
        let db = transaction.db
        let changed = plan.entries.filter { $0.change != .unchanged }
        // The audit log gets one line for the file, not one per row.
        try transaction.withoutItemizedAudit {
            for entry in changed where entry.walkIn {
                try transaction.enrol(
                    entry.personId, in: session.seriesId, at: min(session.startsAt, transaction.now),
                    channel: settings.walkInChannel)
            }
            // One batch: the kernel reads the session, its people and its records once, not once a person.
            try transaction.recordAttendance(
                changed.map { AttendanceEntry(personId: $0.personId, status: $0.status, minutes: $0.minutes) },
                at: session.id!, source: .import)
        }
        for entry in changed {
            try Visits.record(
                entry.change == .cleared ? nil : entry.visit, of: entry.personId, at: session.id!, in: db)
        }
        try transaction.audit(
            "attendance.imported", organization: try SeriesOwnership.owner(ofSeries: session.seriesId, in: db),
            subject: .session(session.id!), plugin: RetentionPlugin.id,
            detail: [
                "rows": .integer(Int64(plan.rowCount)),
                "recorded": .integer(Int64(plan.entries.filter { $0.change != .unchanged }.count)),
                "unmatched": .integer(Int64(plan.unmatched.count)),
            ])
        for row in plan.unmatched {
            let candidates = "[" + row.candidates.map { String($0.rawValue) }.joined(separator: ",") + "]"
            // Cached: a file can leave hundreds of rows nobody was found for.
            try db.cachedStatement(
                sql: """
                    INSERT INTO retention_unmatched (sessionId, identityKey, displayName, email, minutes, reason,
                        candidates, lines, visit, createdAt, updatedAt)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (sessionId, identityKey) DO UPDATE SET displayName = excluded.displayName,
                        email = excluded.email, minutes = excluded.minutes, reason = excluded.reason,
                        candidates = excluded.candidates, lines = excluded.lines, visit = excluded.visit,
                        updatedAt = excluded.updatedAt
                    """
            ).execute(arguments: [
                session.id, row.identityKey, row.displayName, row.email, row.minutes, row.reason, candidates,
                row.lines.map(String.init).joined(separator: ","), row.visit.stored, transaction.storedNow,
                transaction.storedNow,
            ])
        }
        for closed in plan.closedItems {
            try db.execute(
                sql: """
                    UPDATE retention_unmatched SET status = 'linked', personId = ?, resolvedAt = ?, resolvedBy = ?,
                        updatedAt = ?
                    WHERE id = ? AND status = 'open'
                    """,
                arguments: [closed.personId, transaction.now, "\(transaction.actor)", transaction.now, closed.item])
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
        let visit = TimeInMeeting(rows)
        return AttendancePlan.Unmatched(
            identityKey: key, displayName: rows[0].name, email: rows.lazy.compactMap(\.email).first,
            minutes: visit.minutes, reason: reason, candidates: candidates, lines: rows.map(\.line), visit: visit)
    }

    /// The minutes that count as attending `session`: the settings' share of its planned length, rounded up (for
    /// display; ``thresholdSeconds(of:settings:)`` is what is compared).
    static func thresholdMinutes(of session: Session, settings: RetentionSettings) -> Int {
        let planned = Int(session.endsAt.timeIntervalSince(session.startsAt) / 60)
        return max(1, (planned * settings.attendedPercent + 99) / 100)
    }

    /// The exact time in the meeting that counts as attending `session`, in seconds: the settings' share of its
    /// planned length, at least a minute.
    static func thresholdSeconds(of session: Session, settings: RetentionSettings) -> Double {
        max(60, session.endsAt.timeIntervalSince(session.startsAt) * Double(settings.attendedPercent) / 100)
    }
}
