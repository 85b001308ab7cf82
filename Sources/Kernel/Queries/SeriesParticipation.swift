public import GRDB

/// Who takes part in one series and how: for reports about a series, after the caller's right to see it has been
/// checked (``Scope/requireAttendanceRecording(in:ownedBy:)``). Raw rows are decoded by hand: series reports run
/// over thousands of participants.
///
/// Counts of people follow ``ParticipantRule``: a participant is enrolled and is not on the series' team.
public enum SeriesParticipation {
    /// An enrolled person, with how they heard of the series and their stored gender (self-described, with consent).
    public struct Enrolled: Sendable, Equatable {
        public let personId: Person.ID
        public let channel: String
        public let gender: String?
    }

    /// A person's name and e-mail, for staff who contact participants.
    public struct Contact: Sendable, Equatable {
        public let name: String
        public let email: String
    }

    /// The series' sessions that were not cancelled, by position.
    public static func heldSessions(of series: WebinarSeries.ID, in db: Database) throws -> [Session] {
        try Session.filter(Column("seriesId") == series && Column("status") == "scheduled")
            .order(Column("position")).fetchAll(db)
    }

    /// (person, session) for every attendance recorded present at a session of the series.
    public static func presence(in series: WebinarSeries.ID, in db: Database) throws -> [(Person.ID, Session.ID)] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT a.personId, a.sessionId FROM attendance a JOIN session s ON s.id = a.sessionId
                WHERE s.seriesId = ? AND a.status = 'present'
                """, arguments: [series]
        ).map { (Person.ID($0[0]), Session.ID($0[1])) }
    }

    /// The exercise submissions for the series' sessions.
    public static func submissions(in series: WebinarSeries.ID, in db: Database) throws -> [ExerciseSubmission] {
        try ExerciseSubmission.filter(
            sql: "sessionId IN (SELECT id FROM session WHERE seriesId = ?)", arguments: [series]
        ).fetchAll(db)
    }

    /// The participants of the series (``ParticipantRule``: enrolled, not on its team), by person id.
    public static func enrolled(in series: WebinarSeries.ID, in db: Database) throws -> [Enrolled] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT e.personId, e.channel, p.gender FROM enrolment e JOIN person p ON p.id = e.personId
                WHERE e.seriesId = ? AND \(ParticipantRule.notOnTeam("e.seriesId", "e.personId"))
                ORDER BY e.personId
                """, arguments: [series]
        ).map { Enrolled(personId: Person.ID($0[0]), channel: $0[1], gender: $0[2]) }
    }

    /// The ids of the people enrolled in the series.
    public static func enrolledIds(in series: WebinarSeries.ID, in db: Database) throws -> Set<Person.ID> {
        Set(try Person.ID.fetchAll(db, sql: "SELECT personId FROM enrolment WHERE seriesId = ?", arguments: [series]))
    }

    /// The ids of the series' participants (``ParticipantRule``: enrolled, not on its team).
    public static func participantIds(in series: WebinarSeries.ID, in db: Database) throws -> Set<Person.ID> {
        Set(
            try Person.ID.fetchAll(
                db,
                sql: """
                    SELECT e.personId FROM enrolment e
                    WHERE e.seriesId = ? AND \(ParticipantRule.notOnTeam("e.seriesId", "e.personId"))
                    """, arguments: [series]))
    }

    /// How many participants (``ParticipantRule``) each of `series` has (those without any are left out).
    public static func enrolmentCounts(of series: [WebinarSeries.ID], in db: Database) throws
        -> [WebinarSeries.ID: Int]
    {
        guard !series.isEmpty else { return [:] }
        let ids = series.map { String($0.rawValue) }.joined(separator: ",")
        return try Row.fetchAll(
            db,
            sql: """
                SELECT e.seriesId, count(*) FROM enrolment e
                WHERE e.seriesId IN (\(ids)) AND \(ParticipantRule.notOnTeam("e.seriesId", "e.personId"))
                GROUP BY e.seriesId
                """
        ).reduce(into: [:]) { $0[WebinarSeries.ID($1[0])] = $1[1] }
    }

    /// The participants (``ParticipantRule``) who attended (present) at least one session of the series or
    /// submitted one of its exercises.
    public static func participants(of series: WebinarSeries.ID, in db: Database) throws -> Set<Person.ID> {
        Set(
            try Person.ID.fetchAll(
                db,
                sql: """
                    SELECT DISTINCT a.personId FROM attendance a JOIN session s ON s.id = a.sessionId
                    WHERE s.seriesId = ? AND a.status = 'present'
                    UNION SELECT x.personId FROM exerciseSubmission x JOIN session s ON s.id = x.sessionId
                    WHERE s.seriesId = ?
                    """, arguments: [series, series])
        ).intersection(try participantIds(in: series, in: db))
    }

    /// How many participants (``ParticipantRule``) were recorded present at `session`, and how many handed in its
    /// exercise: what a coordinator reads as "took part".
    public static func participantCounts(at session: Session.ID, in db: Database) throws
        -> (present: Int, submitted: Int)
    {
        let row = try Row.fetchOne(
            db,
            sql: """
                SELECT
                  (SELECT count(*) FROM attendance a JOIN session s ON s.id = a.sessionId
                   JOIN enrolment e ON e.seriesId = s.seriesId AND e.personId = a.personId
                   WHERE a.sessionId = ?1 AND a.status = 'present'
                     AND \(ParticipantRule.notOnTeam("s.seriesId", "a.personId"))),
                  (SELECT count(*) FROM exerciseSubmission x JOIN session s ON s.id = x.sessionId
                   JOIN enrolment e ON e.seriesId = s.seriesId AND e.personId = x.personId
                   WHERE x.sessionId = ?1 AND \(ParticipantRule.notOnTeam("s.seriesId", "x.personId")))
                """, arguments: [session])!
        return (row[0], row[1])
    }

    /// Names and e-mails of the people enrolled in the series.
    public static func contacts(ofEnrolledIn series: WebinarSeries.ID, in db: Database) throws
        -> [Person.ID: Contact]
    {
        try Row.fetchAll(
            db,
            sql:
                "SELECT id, displayName, email FROM person WHERE id IN (SELECT personId FROM enrolment WHERE seriesId = ?)",
            arguments: [series]
        ).reduce(into: [:]) { $0[Person.ID($1[0])] = Contact(name: $1[1], email: $1[2]) }
    }

    /// The roles each person holds in the series.
    public static func roles(in series: WebinarSeries.ID, in db: Database) throws -> [Person.ID: Set<SeriesRole.Role>] {
        try Row.fetchAll(db, sql: "SELECT personId, role FROM seriesRole WHERE seriesId = ?", arguments: [series])
            .reduce(into: [:]) { $0[Person.ID($1[0]), default: []].insert($1[1]) }
    }

    /// Every attendance record of the sessions of the series.
    public static func attendance(in series: WebinarSeries.ID, in db: Database) throws -> [Attendance] {
        try Attendance.filter(sql: "sessionId IN (SELECT id FROM session WHERE seriesId = ?)", arguments: [series])
            .fetchAll(db)
    }

    /// The attendance recorded at `session`, by person.
    public static func attendance(at session: Session.ID, in db: Database) throws -> [Person.ID: Attendance] {
        try Attendance.filter(Column("sessionId") == session).fetchAll(db)
            .reduce(into: [:]) { $0[$1.personId] = $1 }
    }

    /// The series of `programme` in the order they ran (by their first session), with their titles.
    public static func seriesInOrder(ofProgramme programme: Programme.ID, in db: Database) throws
        -> [(id: WebinarSeries.ID, title: String)]
    {
        try Row.fetchAll(
            db,
            sql: """
                SELECT r.id, r.title FROM webinarSeries r LEFT JOIN session s ON s.seriesId = r.id
                WHERE r.programmeId = ? GROUP BY r.id ORDER BY min(s.startsAt), r.id
                """, arguments: [programme]
        ).map { (WebinarSeries.ID($0[0]), $0[1]) }
    }
}
