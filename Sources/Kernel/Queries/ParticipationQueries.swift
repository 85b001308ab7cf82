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
        // Cached: kept tallies ask once per enrolment, and more in a few transactions.
        try String.fetchOne(db.cachedStatement(sql: "SELECT gender FROM person WHERE id = ?"), arguments: [person])
    }

    /// The stored genders of `people` (those without one, or unknown, are left out), in a query per 500 people:
    /// for a batch of changes (an import's thousands of attendance records) instead of a query a person.
    public static func storedGenders(of people: Set<Person.ID>, in db: Database) throws -> [Person.ID: String] {
        var genders: [Person.ID: String] = [:]
        let ids = people.map(\.rawValue).sorted()
        for start in stride(from: 0, to: ids.count, by: 500) {
            // Integers only, written out: no text of anyone's reaches the statement.
            let list = ids[start..<min(start + 500, ids.count)].map(String.init).joined(separator: ",")
            let rows = try Row.fetchCursor(
                db, sql: "SELECT id, gender FROM person WHERE gender IS NOT NULL AND id IN (\(list))")
            while let row = try rows.next() { genders[Person.ID(row[0])] = row[1] }
        }
        return genders
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

    /// Members of a series' team (``ParticipantRule``) recorded present, per session and stored gender: what an
    /// index of everyone present subtracts to count participants only. A team is small, so this reads a few rows
    /// per team member, whatever the size of the attendance table.
    public static func teamPresentCounts(in db: Database) throws -> [(Session.ID, String?, Int)] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT a.sessionId, p.gender, count(*)
                FROM (SELECT DISTINCT seriesId, personId FROM seriesRole WHERE role IN ('facilitator', 'guestSpeaker')) t
                JOIN session s ON s.seriesId = t.seriesId
                JOIN attendance a ON a.sessionId = s.id AND a.personId = t.personId AND a.status = 'present'
                JOIN person p ON p.id = t.personId
                GROUP BY 1, 2
                """
        ).map { (Session.ID($0[0]), $0[1], $0[2]) }
    }

    /// Members of a series' team (``ParticipantRule``) who also enrolled in it, per series and stored gender.
    public static func teamEnrolmentCounts(in db: Database) throws -> [(WebinarSeries.ID, String?, Int)] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT e.seriesId, p.gender, count(*)
                FROM (SELECT DISTINCT seriesId, personId FROM seriesRole WHERE role IN ('facilitator', 'guestSpeaker')) t
                JOIN enrolment e ON e.seriesId = t.seriesId AND e.personId = t.personId
                JOIN person p ON p.id = t.personId
                GROUP BY 1, 2
                """
        ).map { (WebinarSeries.ID($0[0]), $0[1], $0[2]) }
    }

    /// The distinct stored genders (self-descriptions, with consent) of the people enrolled in `series`: each text
    /// once, tied to nobody, for an administrator who reviews how reports group them.
    public static func storedGenders(ofPeopleEnrolledIn series: [WebinarSeries.ID], in db: Database) throws
        -> Set<String>
    {
        guard !series.isEmpty else { return [] }
        let ids = series.map { String($0.rawValue) }.joined(separator: ",")
        return Set(
            try String.fetchAll(
                db,
                sql: """
                    SELECT DISTINCT p.gender FROM enrolment e JOIN person p ON p.id = e.personId
                    WHERE e.seriesId IN (\(ids)) AND p.gender IS NOT NULL
                    """))
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
