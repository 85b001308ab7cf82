import Foundation
public import GRDB

/// What a signed-in participant may read about themselves, and nothing else: their own record, enrolments,
/// sessions and attendance, for their own pages ("My Indaba") and their data download.
public enum ParticipantRecord {
    /// One series the person enrolled in, with its sessions and their own attendance.
    public struct Enrolled: Sendable {
        public let series: WebinarSeries
        public let organization: Organization
        public let enrolment: Enrolment
        /// Every session of the series, by position (cancelled ones too).
        public let sessions: [Session]
        /// The person's own attendance, by session.
        public let attendance: [Session.ID: Attendance]
        /// The offline exercises the person handed in, by session.
        public let submissions: [Session.ID: ExerciseSubmission]
    }

    /// The person, unless they were erased.
    public static func person(_ id: Person.ID, in db: Database) throws -> Person? {
        try Person.filter(key: id).filter(Column("erasedAt") == nil).fetchOne(db)
    }

    /// The person with this e-mail address (folded as enrolment folds it), unless they were erased.
    public static func person(withEmail email: String, in db: Database) throws -> Person? {
        try Person.filter(Column("emailKey") == FieldRules.emailKey(email)).filter(Column("erasedAt") == nil)
            .fetchOne(db)
    }

    /// The series the person enrolled in that anyone may see (not drafts), newest first.
    public static func enrolments(of person: Person.ID, in db: Database) throws -> [Enrolled] {
        let enrolments = try Enrolment.filter(Column("personId") == person).fetchAll(db)
        let attendance = try Attendance.filter(Column("personId") == person).fetchAll(db)
        let submissions = try ExerciseSubmission.filter(Column("personId") == person).fetchAll(db)
        var result: [Enrolled] = []
        for enrolment in enrolments {
            guard let series = try WebinarSeries.fetchOne(db, key: enrolment.seriesId), series.status != .draft,
                let owner = try ScheduleQueries.organizations(running: series.id!, in: db),
                let organization = try Organization.fetchOne(db, key: owner.organization)
            else { continue }
            let sessions = try Session.filter(Column("seriesId") == series.id!).order(Column("position")).fetchAll(db)
            let ids = Set(sessions.compactMap(\.id))
            result.append(
                Enrolled(
                    series: series, organization: organization, enrolment: enrolment, sessions: sessions,
                    attendance: Dictionary(
                        attendance.filter { ids.contains($0.sessionId) }.map { ($0.sessionId, $0) },
                        uniquingKeysWith: { first, _ in first }),
                    submissions: Dictionary(
                        submissions.filter { ids.contains($0.sessionId) }.map { ($0.sessionId, $0) },
                        uniquingKeysWith: { first, _ in first })))
        }
        return result.sorted { ($0.enrolment.enrolledAt, $0.series.id!) > ($1.enrolment.enrolledAt, $1.series.id!) }
    }

    /// The organizations whose pages the person may see as a participant: the one that registered them and those
    /// running a series they enrolled in.
    public static func organizations(of person: Person.ID, in db: Database) throws -> Set<Organization.ID> {
        // One query: the gate asks it on every participant page.
        Set(
            try Organization.ID.fetchAll(
                db,
                sql: """
                    SELECT organizationId FROM person WHERE id = :person AND erasedAt IS NULL
                    UNION
                    SELECT p.organizationId FROM enrolment e
                    JOIN webinarSeries s ON s.id = e.seriesId JOIN programme p ON p.id = s.programmeId
                    JOIN person r ON r.id = e.personId
                    WHERE e.personId = :person AND s.status != 'draft' AND r.erasedAt IS NULL
                    """, arguments: ["person": person]))
    }

    /// The zone the person chose for their messages, if any.
    public static func timeZone(of person: Person.ID, in db: Database) throws -> String? {
        try MessageRecipient.fetchOne(db, key: person)?.timeZone
    }
}
