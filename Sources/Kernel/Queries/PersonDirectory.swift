public import GRDB

/// People's display names, for what prints or shows a name the caller is already entitled to (a calendar's title, a
/// document issued to a participant); it reads no contact or self-description fields.
public enum PersonDirectory {
    /// The display name of `person`, or `nil` when there is no such person.
    public static func displayName(of person: Person.ID, in db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT displayName FROM person WHERE id = ?", arguments: [person])
    }

    /// How `person` is addressed: their display name and the language they chose (for what is sent or printed for
    /// them), if any; nil when there is no such person.
    public static func addressee(_ person: Person.ID, in db: Database) throws -> (name: String, language: Language?)? {
        try Row.fetchOne(db, sql: "SELECT displayName, preferredLanguage FROM person WHERE id = ?", arguments: [person])
            .map { row in (row[0], (row[1] as String?).flatMap { Language(tag: $0) }) }
    }

    /// Whether `person` was erased at their request (their record stays, for the counts, without what named them).
    public static func isErased(_ person: Person.ID, in db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT erasedAt IS NOT NULL FROM person WHERE id = ?", arguments: [person]) ?? false
    }

    /// The people enrolled in `series` who were erased at their request.
    public static func erased(enrolledIn series: WebinarSeries.ID, in db: Database) throws -> Set<Person.ID> {
        Set(
            try Person.ID.fetchAll(
                db,
                sql: """
                    SELECT p.id FROM person p JOIN enrolment e ON e.personId = p.id
                    WHERE e.seriesId = ? AND p.erasedAt IS NOT NULL
                    """, arguments: [series]))
    }

    /// The display names of the people enrolled in `series`, by person.
    public static func displayNames(enrolledIn series: WebinarSeries.ID, in db: Database) throws
        -> [Person.ID: String]
    {
        var names: [Person.ID: String] = [:]
        for row in try Row.fetchAll(
            db,
            sql: "SELECT p.id, p.displayName FROM person p JOIN enrolment e ON e.personId = p.id WHERE e.seriesId = ?",
            arguments: [series])
        {
            names[row[0]] = row[1]
        }
        return names
    }

    /// The languages the people enrolled in `series` chose (for what is printed or sent to them), by person; people
    /// without a choice are left out.
    public static func preferredLanguages(enrolledIn series: WebinarSeries.ID, in db: Database) throws
        -> [Person.ID: Language]
    {
        var languages: [Person.ID: Language] = [:]
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT p.id, p.preferredLanguage FROM person p JOIN enrolment e ON e.personId = p.id
                WHERE e.seriesId = ? AND p.preferredLanguage IS NOT NULL
                """, arguments: [series])
        {
            if let language = Language(tag: row[1]) { languages[row[0]] = language }
        }
        return languages
    }
}
