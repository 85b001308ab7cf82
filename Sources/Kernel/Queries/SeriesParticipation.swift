public import GRDB

/// Who took part in a series and how: its enrolled people, its sessions still taking place, and the attendance and
/// exercise submissions recorded for its sessions. For code acting for the organization that runs the series
/// (documents issued to participants, reports), which has checked that first.
public enum SeriesParticipation {
    /// The people enrolled in `series`, by id.
    public static func enrolledPeople(in series: WebinarSeries.ID, in db: Database) throws -> [Person.ID] {
        try Person.ID.fetchAll(
            db, sql: "SELECT personId FROM enrolment WHERE seriesId = ? ORDER BY personId", arguments: [series])
    }

    /// The sessions of `series` that were not cancelled, by position.
    public static func scheduledSessions(of series: WebinarSeries.ID, in db: Database) throws -> [Session] {
        try Session.filter(Column("seriesId") == series && Column("status") == Session.Status.scheduled)
            .order(Column("position")).fetchAll(db)
    }

    /// Every attendance record of the sessions of `series`.
    public static func attendance(in series: WebinarSeries.ID, in db: Database) throws -> [Attendance] {
        try Attendance.filter(sql: "sessionId IN (SELECT id FROM session WHERE seriesId = ?)", arguments: [series])
            .fetchAll(db)
    }

    /// Every exercise submission for the sessions of `series`.
    public static func submissions(in series: WebinarSeries.ID, in db: Database) throws -> [ExerciseSubmission] {
        try ExerciseSubmission.filter(
            sql: "sessionId IN (SELECT id FROM session WHERE seriesId = ?)", arguments: [series]
        ).fetchAll(db)
    }
}
