public import GRDB

/// Who took part in what, across the whole installation: for indexes a plugin keeps over all kernel data (such as
/// counts by stored gender), which the plugin itself only ever shows through scoped, suppressed reports.
public enum ParticipationQueries {
    /// The stored gender of every person who has one (people without one are left out).
    public static func storedGenders(in db: Database) throws -> [Person.ID: String] {
        var genders: [Person.ID: String] = [:]
        let rows = try Row.fetchCursor(db, sql: "SELECT id, gender FROM person WHERE gender IS NOT NULL")
        while let row = try rows.next() { genders[Person.ID(row[0])] = row[1] }
        return genders
    }

    /// The stored gender of `person`, if any.
    public static func storedGender(of person: Person.ID, in db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT gender FROM person WHERE id = ?", arguments: [person])
    }

    /// The sessions `person` was recorded present at.
    public static func sessionsPresent(of person: Person.ID, in db: Database) throws -> [Session.ID] {
        try Session.ID.fetchAll(
            db, sql: "SELECT sessionId FROM attendance WHERE personId = ? AND status = 'present'", arguments: [person])
    }

    /// The series `person` is enrolled in.
    public static func seriesEnrolled(of person: Person.ID, in db: Database) throws -> [WebinarSeries.ID] {
        try WebinarSeries.ID.fetchAll(db, sql: "SELECT seriesId FROM enrolment WHERE personId = ?", arguments: [person])
    }

    /// People recorded present, per session and stored gender (`nil`: none stored), counted in SQL.
    public static func presentCounts(in db: Database) throws -> [(Session.ID, String?, Int)] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT a.sessionId, p.gender, count(*) FROM attendance a JOIN person p ON p.id = a.personId
                WHERE a.status = 'present' GROUP BY 1, 2
                """
        ).map { (Session.ID($0[0]), $0[1], $0[2]) }
    }

    /// People enrolled, per series and stored gender (`nil`: none stored), counted in SQL.
    public static func enrolmentCounts(in db: Database) throws -> [(WebinarSeries.ID, String?, Int)] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT e.seriesId, p.gender, count(*) FROM enrolment e JOIN person p ON p.id = e.personId
                GROUP BY 1, 2
                """
        ).map { (WebinarSeries.ID($0[0]), $0[1], $0[2]) }
    }
}
