import Foundation
import GRDB

/// Merging two records of the same person into one.
extension WriteTransaction {
    /// What a merge moved and how it settled the records both people had.
    public struct PersonMergeSummary: Sendable, Equatable, Encodable {
        public var enrolmentsMoved = 0
        public var enrolmentsCombined = 0
        public var attendanceMoved = 0
        public var attendanceCombined = 0
        public var submissionsMoved = 0
        public var submissionsCombined = 0
        public var rolesMoved = 0
        public var credentialsMoved = 0
    }

    /// Moves everything recorded for `duplicate` to `kept` and deletes `duplicate`, in this transaction.
    ///
    /// Where both records have one for the same series or session, they are combined: the earlier enrolment (with
    /// its channel); attendance with the better status (present, then excused, then absent) and the minutes of both
    /// added up to at most the session's planned length, `manual` when either was entered by hand; the earlier
    /// submission, with the link and note of the kept one where it has them. Roles, API tokens, sign-in links and
    /// sessions, and outbox messages move to the kept record; the kept record's name, e-mail and self-description
    /// stay as they are. Raises ``PeopleMerged`` before the duplicate is deleted, and audits `person.merged` with both
    /// ids.
    /// - Throws: ``KernelError/notFound(entity:reference:)`` for a missing person,
    ///   ``KernelError/invalidField(field:reason:)`` when both are the same record.
    @discardableResult
    public func mergePeople(keep kept: Person.ID, duplicate: Person.ID) throws -> PersonMergeSummary {
        guard kept != duplicate else {
            throw KernelError.invalidField(
                field: "duplicate", reason: FieldReason("is the record to keep; name two records"))
        }
        guard let keptPerson = try Person.fetchOne(db, key: kept) else {
            throw KernelError.notFound(entity: "person", reference: "\(kept)")
        }
        guard try Person.exists(db, key: duplicate) else {
            throw KernelError.notFound(entity: "person", reference: "\(duplicate)")
        }
        var summary = PersonMergeSummary()
        try mergeEnrolments(kept, duplicate, &summary)
        try mergeAttendance(kept, duplicate, &summary)
        try mergeSubmissions(kept, duplicate, &summary)
        let roles = try SeriesRole.filter(Column("personId") == duplicate).fetchAll(db)
        for role in roles { try grant(role.role, to: kept, in: role.seriesId) }
        summary.rolesMoved = roles.count
        for table in ["apiToken", "loginLink", "browserSession", "outboxMessage"] {
            try db.execute(
                sql: "UPDATE \(table) SET personId = ? WHERE personId = ?", arguments: [kept, duplicate])
            if table == "apiToken" { summary.credentialsMoved = db.changesCount }
        }
        try db.execute(
            sql: """
                UPDATE messageRecipient SET personId = ? WHERE personId = ?
                AND NOT EXISTS (SELECT 1 FROM messageRecipient WHERE personId = ?)
                """, arguments: [kept, duplicate, kept])
        try events.emit(
            PeopleMerged(organizationId: keptPerson.organizationId, keptId: kept, duplicateId: duplicate))
        try Person.deleteOne(db, key: duplicate)
        try audit(
            "person.merged", organization: keptPerson.organizationId, subject: .person(kept),
            detail: [
                "kept": .integer(kept.rawValue), "duplicate": .integer(duplicate.rawValue),
                "enrolments": .integer(Int64(summary.enrolmentsMoved + summary.enrolmentsCombined)),
                "attendance": .integer(Int64(summary.attendanceMoved + summary.attendanceCombined)),
                "submissions": .integer(Int64(summary.submissionsMoved + summary.submissionsCombined)),
            ])
        return summary
    }

    private func mergeEnrolments(_ kept: Person.ID, _ duplicate: Person.ID, _ summary: inout PersonMergeSummary)
        throws
    {
        for var other in try Enrolment.filter(Column("personId") == duplicate).fetchAll(db) {
            if var mine = try Enrolment.filter(Column("personId") == kept && Column("seriesId") == other.seriesId)
                .fetchOne(db)
            {
                if other.enrolledAt < mine.enrolledAt {
                    (mine.enrolledAt, mine.channel, mine.updatedAt) = (other.enrolledAt, other.channel, now)
                    try mine.update(db)
                }
                try other.delete(db)
                summary.enrolmentsCombined += 1
            } else {
                (other.personId, other.updatedAt) = (kept, now)
                try other.update(db)
                summary.enrolmentsMoved += 1
            }
        }
    }

    private func mergeAttendance(_ kept: Person.ID, _ duplicate: Person.ID, _ summary: inout PersonMergeSummary)
        throws
    {
        for var other in try Attendance.filter(Column("personId") == duplicate).fetchAll(db) {
            if var mine = try Attendance.filter(Column("personId") == kept && Column("sessionId") == other.sessionId)
                .fetchOne(db)
            {
                let planned = try fetchSession(other.sessionId).plannedMinutes
                let total = mine.minutes + other.minutes
                mine.minutes = planned > 0 ? min(total, max(planned, mine.minutes, other.minutes)) : total
                mine.status = Self.rank(other.status) > Self.rank(mine.status) ? other.status : mine.status
                if other.source == .manual { mine.source = .manual }
                mine.updatedAt = now
                try mine.update(db)
                try other.delete(db)
                summary.attendanceCombined += 1
            } else {
                (other.personId, other.updatedAt) = (kept, now)
                try other.update(db)
                summary.attendanceMoved += 1
            }
        }
    }

    private func mergeSubmissions(_ kept: Person.ID, _ duplicate: Person.ID, _ summary: inout PersonMergeSummary)
        throws
    {
        for var other in try ExerciseSubmission.filter(Column("personId") == duplicate).fetchAll(db) {
            if var mine = try ExerciseSubmission.filter(
                Column("personId") == kept && Column("sessionId") == other.sessionId
            ).fetchOne(db) {
                mine.submittedAt = min(mine.submittedAt, other.submittedAt)
                mine.link = mine.link ?? other.link
                mine.note = mine.note ?? other.note
                mine.updatedAt = now
                try mine.update(db)
                try other.delete(db)
                summary.submissionsCombined += 1
            } else {
                (other.personId, other.updatedAt) = (kept, now)
                try other.update(db)
                summary.submissionsMoved += 1
            }
        }
    }

    private static func rank(_ status: Attendance.Status) -> Int {
        switch status {
        case .absent: 0
        case .excused: 1
        case .present: 2
        }
    }
}
