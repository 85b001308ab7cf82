public import GRDB

/// Finding the people an attendance export (or any list of names and e-mails) means, among those an organization
/// deals with: its network's people (the network and its members) and the people with a place in a series.
public enum PeopleMatching {
    /// The person of `organization`'s network (itself, its network and the network's members) with e-mail key
    /// `emailKey` (see ``FieldRules/emailKey(_:)``).
    public static func person(
        emailKey: String, inNetworkOf organization: Organization.ID, in db: Database
    ) throws -> Person.ID? {
        try Person.ID.fetchOne(
            db,
            sql: """
                SELECT p.id FROM person p JOIN organization o ON o.id = p.organizationId
                WHERE p.emailKey = ? AND coalesce(o.parentId, o.id) = (
                    SELECT coalesce(parentId, id) FROM organization WHERE id = ?)
                """, arguments: [emailKey, organization])
    }

    /// The people of `organization`'s network (itself, its network and the network's members) with each of
    /// `emailKeys`, by key: ``person(emailKey:inNetworkOf:)`` for many keys in a few reads.
    public static func people(
        emailKeys: some Collection<String>, inNetworkOf organization: Organization.ID, in db: Database
    ) throws -> [String: Person.ID] {
        var found: [String: Person.ID] = [:]
        let keys = Array(Set(emailKeys))
        for start in stride(from: 0, to: keys.count, by: 500) {
            let chunk = Array(keys[start..<min(start + 500, keys.count)])
            let marks = chunk.map { _ in "?" }.joined(separator: ",")
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT p.emailKey, p.id FROM person p JOIN organization o ON o.id = p.organizationId
                    WHERE p.emailKey IN (\(marks)) AND coalesce(o.parentId, o.id) = (
                        SELECT coalesce(parentId, id) FROM organization WHERE id = ?)
                    """,
                arguments: StatementArguments(chunk.map { $0 as any DatabaseValueConvertible } + [organization]))
            for row in rows { found[row[0]] = Person.ID(row[1] as Int64) }
        }
        return found
    }

    /// Whether anybody at all has e-mail key `emailKey`: e-mail addresses are unique across the installation.
    public static func emailInUse(_ emailKey: String, in db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM person WHERE emailKey = ?)", arguments: [emailKey])
            ?? false
    }

    /// The display names of the people with a place (any role) in `series`.
    public static func names(ofPeopleIn series: WebinarSeries.ID, in db: Database) throws -> [(Person.ID, String)] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT DISTINCT p.id, p.displayName FROM person p JOIN seriesRole r ON r.personId = p.id
                WHERE r.seriesId = ?
                """, arguments: [series]
        ).map { (Person.ID($0[0]), $0[1]) }
    }

    /// The display names of the people `organization` registered.
    public static func names(ofPeopleRegisteredBy organization: Organization.ID, in db: Database) throws
        -> [(Person.ID, String)]
    {
        try Row.fetchAll(
            db, sql: "SELECT id, displayName FROM person WHERE organizationId = ?", arguments: [organization]
        ).map { (Person.ID($0[0]), $0[1]) }
    }
}
