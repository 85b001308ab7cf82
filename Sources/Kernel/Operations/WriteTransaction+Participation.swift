public import Foundation
import GRDB

/// Enrolment, attendance and exercise submissions.
///
/// Each is one record per person and series or session. Recording it again corrects it: what is given replaces the
/// stored value, and what is left out (`nil`) keeps it, so a correction never wipes imported figures.
extension WriteTransaction {
    /// Enrols `person` in `series` (making them a participant), or corrects an enrolment's channel or date.
    ///
    /// Raises ``PersonEnrolled`` for a new enrolment only.
    /// - Parameter enrolledAt: When they enrolled; `nil` keeps the stored date (now for a new enrolment).
    /// - Throws: ``KernelError/invalidField(field:reason:)`` for an empty channel or a date in the future.
    @discardableResult
    public func enrol(
        _ person: Person.ID, in series: WebinarSeries.ID, at enrolledAt: Date? = nil, channel: String
    ) throws -> Enrolment {
        if let problem = FieldRules.textProblem(channel, limit: 64) {
            throw KernelError.invalidField(field: "channel", reason: FieldReason(field: problem))
        }
        try requireNotFuture(enrolledAt, field: "enrolledAt")
        let existing = try Enrolment.filter(Column("seriesId") == series && Column("personId") == person).fetchOne(db)
        var draft = Enrolment(
            seriesId: series, personId: person, enrolledAt: (enrolledAt ?? existing?.enrolledAt ?? now).wholeSeconds,
            channel: channel, createdAt: now, updatedAt: now)
        // A correction keeps a withdrawal; only ``rejoin(_:in:)`` undoes it.
        draft.withdrawnAt = existing?.withdrawnAt
        draft.withdrawalReason = existing?.withdrawalReason
        let saved = try upsert(draft, existing: existing)
        try grant(.participant, to: person, in: series)
        if saved != existing {
            try auditChange(
                existing == nil ? "enrolment.created" : "enrolment.updated",
                organization: try organizationId(ofSeries: series), subject: .person(person),
                detail: ["seriesId": .integer(series.rawValue)])
        }
        if existing == nil {
            try events.emit(
                PersonEnrolled(
                    organizationId: try organizationId(ofSeries: series), seriesId: series, personId: person,
                    channel: channel))
        }
        return saved
    }

    /// Records (or corrects) a person's attendance of a live or feedback session.
    ///
    /// - Parameters:
    ///   - minutes: Whole minutes attended; `nil` keeps the stored figure (0 for a new record). Someone excused
    ///     attended 0 minutes; someone absent may have dropped in for fewer minutes than count as attending.
    ///   - source: Where the record comes from; `nil` keeps the stored source (manual for a new record).
    /// - Throws: ``KernelError`` when the session is an offline exercise or cancelled, has not started yet (only
    ///   `excused` can be recorded ahead), the person has no place in the series, or the minutes do not fit.
    @discardableResult
    public func recordAttendance(
        of person: Person.ID, at session: Session.ID, status: Attendance.Status, minutes: Int? = nil,
        source: Attendance.Source? = nil
    ) throws -> Attendance {
        try recordAttendance(
            [AttendanceEntry(personId: person, status: status, minutes: minutes)], at: session, source: source)[0]
    }

    /// Records a participant's submission for an offline-exercise session, or adds to it.
    ///
    /// - Parameters:
    ///   - submittedAt: When; `nil` keeps the stored time (now for a new submission).
    ///   - link: Where the work is; `nil` keeps the stored link.
    ///   - note: A note; `nil` keeps the stored note.
    @discardableResult
    public func submitExercise(
        of person: Person.ID, for session: Session.ID, at submittedAt: Date? = nil, link: String? = nil,
        note: String? = nil
    ) throws -> ExerciseSubmission {
        let session = try fetchSession(session)
        guard session.kind == .offlineExercise else {
            throw KernelError.wrongSessionKind(session.id!, kind: session.kind, expected: "an offline exercise")
        }
        let enrolled =
            try Enrolment.filter(Column("seriesId") == session.seriesId && Column("personId") == person)
            .fetchCount(db) > 0
        guard enrolled else { throw KernelError.notEnrolled(person, session.seriesId) }
        if let link, let problem = FieldRules.webURLProblem(link) {
            throw KernelError.invalidField(field: "link", reason: FieldReason(field: problem))
        }
        try requireNotFuture(submittedAt, field: "submittedAt")
        let existing = try ExerciseSubmission.filter(Column("sessionId") == session.id && Column("personId") == person)
            .fetchOne(db)
        let draft = ExerciseSubmission(
            sessionId: session.id!, personId: person,
            submittedAt: (submittedAt ?? existing?.submittedAt ?? now).wholeSeconds, link: link ?? existing?.link,
            note: note ?? existing?.note, createdAt: now, updatedAt: now)
        let saved = try upsert(draft, existing: existing)
        if saved != existing {
            let organization = try organizationId(ofSeries: session.seriesId)
            try auditChange(
                existing == nil ? "submission.created" : "submission.updated", organization: organization,
                subject: .person(person), detail: ["sessionId": .integer(session.id!.rawValue)])
            try events.emit(
                ExerciseSubmitted(
                    organizationId: organization, seriesId: session.seriesId, sessionId: session.id!,
                    personId: person))
        }
        return saved
    }

    /// Refuses a time more than a minute ahead of the transaction (clocks of clients drift a little).
    private func requireNotFuture(_ date: Date?, field: String) throws {
        if let date, date > now.addingTimeInterval(60) {
            throw KernelError.invalidField(field: field, reason: FieldReason("is in the future"))
        }
    }
}

extension Date {
    /// The instant without its fraction of a second: domain times are kept to the second so they export exactly.
    public var wholeSeconds: Date { Date(timeIntervalSince1970: timeIntervalSince1970.rounded(.down)) }
}

/// One person's attendance in a batch for ``WriteTransaction/recordAttendance(_:at:source:)``.
public struct AttendanceEntry: Sendable, Equatable {
    public let personId: Person.ID
    public let status: Attendance.Status
    /// Whole minutes attended; `nil` keeps the stored figure (0 for a new record).
    public let minutes: Int?

    public init(personId: Person.ID, status: Attendance.Status, minutes: Int?) {
        self.personId = personId
        self.status = status
        self.minutes = minutes
    }
}

extension WriteTransaction {
    /// Records many people's attendance at one session, each entry in order with the same checks, records, audit
    /// lines and events (``recordAttendance(of:at:status:minutes:source:)`` is a batch of one); the session, its
    /// series' owner, who has a place in the series and the session's records are read once, not once a person.
    /// A bulk change wraps it in ``withoutItemizedAudit(_:)`` and writes one line of its own. The events are one
    /// batch: handlers that take batches (``EventHandler/maintainingBatches(_:_:)``) hear them together at the end.
    /// An import of a few thousand people costs a few thousand writes instead of several queries each.
    /// - Throws: As ``recordAttendance(of:at:status:minutes:source:)``, for the first entry that fails.
    @discardableResult
    public func recordAttendance(
        _ entries: [AttendanceEntry], at session: Session.ID, source: Attendance.Source? = nil
    ) throws -> [Attendance] {
        guard !entries.isEmpty else { return [] }
        let session = try fetchSession(session)
        guard session.kind.isLive else {
            throw KernelError.wrongSessionKind(session.id!, kind: session.kind, expected: "a live or feedback session")
        }
        guard session.status == .scheduled else { throw KernelError.sessionCancelled(session.id!) }
        let placed = try SeriesRole.filter(Column("seriesId") == session.seriesId)
            .select(Column("personId"), as: Person.ID.self).fetchSet(db)
        let recorded = Dictionary(
            try Attendance.filter(Column("sessionId") == session.id).fetchAll(db).map { ($0.personId, $0) },
            uniquingKeysWith: { first, _ in first })
        let organization = try organizationId(ofSeries: session.seriesId)
        // One batch of events: handlers that take batches (kept tallies) hear every person's at once.
        return try events.batch {
            try recordEach(
                entries, at: session, organization: organization, recorded: recorded, placed: placed, source: source)
        }
    }

    /// The checks, writes, audit lines and events of ``recordAttendance(_:at:source:)``, entry by entry.
    private func recordEach(
        _ entries: [AttendanceEntry], at session: Session, organization: Organization.ID,
        recorded: [Person.ID: Attendance], placed: Set<Person.ID>, source: Attendance.Source?
    ) throws -> [Attendance] {
        var recorded = recorded
        var saved: [Attendance] = []
        for entry in entries {
            let (person, status, minutes) = (entry.personId, entry.status, entry.minutes)
            if status != .excused, session.startsAt > now {
                throw KernelError.invalidField(
                    field: "status",
                    reason: FieldReason("can only be excused before the session starts; record attendance afterwards"))
            }
            guard placed.contains(person) else { throw KernelError.notInSeries(person, session.seriesId) }
            let existing = recorded[person]
            let attended = status == .present ? (minutes ?? existing?.minutes ?? 0) : (minutes ?? 0)
            guard (0...1440).contains(attended) else {
                throw KernelError.invalidField(field: "minutes", reason: FieldReason("must be between 0 and 1440"))
            }
            if status == .excused, attended > 0 {
                throw KernelError.invalidField(
                    field: "minutes", reason: FieldReason("must be 0 for someone {status}", ["status": status.rawValue])
                )
            }
            let draft = Attendance(
                sessionId: session.id!, personId: person, status: status, minutes: attended,
                source: source ?? existing?.source ?? .manual, createdAt: now, updatedAt: now)
            let record = existing == nil ? try insertAttendance(draft) : try upsert(draft, existing: existing)
            if record != existing {
                try auditChange(
                    "attendance.recorded", organization: organization, subject: .person(person),
                    detail: [
                        "sessionId": .integer(session.id!.rawValue), "status": .string(status.rawValue),
                        "source": .string(record.source.rawValue),
                    ])
                try events.emit(
                    AttendanceRecorded(
                        organizationId: organization, seriesId: session.seriesId, sessionId: session.id!,
                        personId: person, status: status))
                try events.emit(
                    AttendanceChanged(
                        organizationId: organization, seriesId: session.seriesId, sessionId: session.id!,
                        personId: person, previousStatus: existing?.status, status: status))
            }
            recorded[person] = record
            saved.append(record)
        }
        return saved
    }

    /// Inserts a new attendance record as ``upsert(_:existing:)`` does, through one cached statement: building a
    /// record's insert was a fifth of an import of a few thousand people.
    private func insertAttendance(_ draft: Attendance) throws -> Attendance {
        var record = draft
        record.createdAt = now
        record.updatedAt = now
        try db.cachedStatement(
            sql: """
                INSERT INTO attendance (sessionId, personId, status, minutes, source, createdAt, updatedAt)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            record.sessionId, record.personId, record.status, record.minutes, record.source, storedNow, storedNow,
        ])
        record.id = Attendance.ID(db.lastInsertedRowID)
        return record
    }
}
