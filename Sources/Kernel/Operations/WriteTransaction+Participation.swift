public import Foundation
public import GRDB

/// Enrolment, attendance and exercise submissions.
extension WriteTransaction {
    /// Enrols `person` in `series` (making them a participant), or updates the channel and time of an enrolment.
    ///
    /// Raises ``PersonEnrolled`` for a new enrolment only.
    @discardableResult
    public func enrol(
        _ person: Person.ID, in series: WebinarSeries.ID, at enrolledAt: Date, channel: String
    ) throws -> Enrolment {
        if let problem = FieldRules.textProblem(channel, limit: 64) {
            throw KernelError.invalidField(field: "channel", reason: problem)
        }
        let existing = try Enrolment.filter(Column("seriesId") == series && Column("personId") == person).fetchOne(db)
        let draft = Enrolment(
            seriesId: series, personId: person, enrolledAt: enrolledAt.wholeSeconds, channel: channel, createdAt: now,
            updatedAt: now)
        let saved = try upsert(draft, existing: existing)
        try grant(.participant, to: person, in: series)
        if existing == nil {
            try events.emit(
                PersonEnrolled(
                    organizationId: try organizationId(ofSeries: series), seriesId: series, personId: person,
                    channel: channel))
        }
        return saved
    }

    /// Records (or corrects) a person's attendance of a live or feedback session.
    /// - Throws: ``KernelError`` when the session is an offline exercise or cancelled, the person has no place in the
    ///   series, or `minutes` is outside 0...1440.
    @discardableResult
    public func recordAttendance(
        of person: Person.ID, at session: Session.ID, status: Attendance.Status, minutes: Int,
        source: Attendance.Source
    ) throws -> Attendance {
        let session = try fetchSession(session)
        guard session.kind.isLive else {
            throw KernelError.wrongSessionKind(session.id!, kind: session.kind, expected: "a live or feedback session")
        }
        guard session.status == .scheduled else { throw KernelError.sessionCancelled(session.id!) }
        guard (0...1440).contains(minutes) else {
            throw KernelError.invalidField(field: "minutes", reason: "must be between 0 and 1440")
        }
        let hasPlace =
            try SeriesRole.filter(Column("seriesId") == session.seriesId && Column("personId") == person)
            .fetchCount(db) > 0
        guard hasPlace else { throw KernelError.notInSeries(person, session.seriesId) }
        let existing = try Attendance.filter(Column("sessionId") == session.id && Column("personId") == person)
            .fetchOne(db)
        let draft = Attendance(
            sessionId: session.id!, personId: person, status: status, minutes: minutes, source: source,
            createdAt: now, updatedAt: now)
        let saved = try upsert(draft, existing: existing)
        if saved != existing {
            try events.emit(
                AttendanceRecorded(
                    organizationId: try organizationId(ofSeries: session.seriesId), seriesId: session.seriesId,
                    sessionId: session.id!, personId: person, status: status))
        }
        return saved
    }

    /// Records (or replaces) a participant's submission for an offline-exercise session.
    @discardableResult
    public func submitExercise(
        of person: Person.ID, for session: Session.ID, at submittedAt: Date, link: String?, note: String?
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
            throw KernelError.invalidField(field: "link", reason: problem)
        }
        let existing = try ExerciseSubmission.filter(Column("sessionId") == session.id && Column("personId") == person)
            .fetchOne(db)
        let draft = ExerciseSubmission(
            sessionId: session.id!, personId: person, submittedAt: submittedAt.wholeSeconds, link: link, note: note,
            createdAt: now, updatedAt: now)
        let saved = try upsert(draft, existing: existing)
        if saved != existing {
            try events.emit(
                ExerciseSubmitted(
                    organizationId: try organizationId(ofSeries: session.seriesId), seriesId: session.seriesId,
                    sessionId: session.id!, personId: person))
        }
        return saved
    }
}

extension Date {
    /// The instant without its fraction of a second: domain times are kept to the second so they export exactly.
    public var wholeSeconds: Date { Date(timeIntervalSince1970: timeIntervalSince1970.rounded(.down)) }
}
