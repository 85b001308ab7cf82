public import GRDB

/// Finds entities by the references people type: a numeric id, or a slug path.
///
/// Slug paths follow the tree: `asknet` (a network), `asknet/msasa-media-lab` (a member),
/// `asknet/webinars` (a programme), `asknet/webinars/inclusive-spaces` (a series),
/// `asknet/webinars/inclusive-spaces/introduction` (a session). A member's programme adds the member's slug:
/// `asknet/mvule-media-hub/mentoring`. People are found by id or e-mail.
public enum Lookup {
    /// The organization `reference` names.
    public static func organization(_ reference: String, in db: Database) throws -> Organization {
        if let id = Int64(reference), let found = try Organization.fetchOne(db, key: Organization.ID(id)) {
            return found
        }
        let parts = reference.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard (1...2).contains(parts.count),
            var found = try Organization.filter(Column("parentId") == nil && Column("slug") == parts[0]).fetchOne(db)
        else { throw KernelError.notFound(entity: "org", reference: reference) }
        if parts.count == 2 {
            guard
                let member = try Organization.filter(Column("parentId") == found.id && Column("slug") == parts[1])
                    .fetchOne(db)
            else { throw KernelError.notFound(entity: "org", reference: reference) }
            found = member
        }
        return found
    }

    /// The programme `reference` names.
    public static func programme(_ reference: String, in db: Database) throws -> Programme {
        if let id = Int64(reference), let found = try Programme.fetchOne(db, key: Programme.ID(id)) { return found }
        guard let (parent, slug) = split(reference, depths: 2...3),
            let organization = try? Lookup.organization(parent, in: db),
            let found = try Programme.filter(Column("organizationId") == organization.id && Column("slug") == slug)
                .fetchOne(db)
        else { throw KernelError.notFound(entity: "programme", reference: reference) }
        return found
    }

    /// The series `reference` names.
    public static func series(_ reference: String, in db: Database) throws -> WebinarSeries {
        if let id = Int64(reference), let found = try WebinarSeries.fetchOne(db, key: WebinarSeries.ID(id)) {
            return found
        }
        guard let (parent, slug) = split(reference, depths: 3...4),
            let programme = try? Lookup.programme(parent, in: db),
            let found = try WebinarSeries.filter(Column("programmeId") == programme.id && Column("slug") == slug)
                .fetchOne(db)
        else { throw KernelError.notFound(entity: "series", reference: reference) }
        return found
    }

    /// The session `reference` names.
    public static func session(_ reference: String, in db: Database) throws -> Session {
        if let id = Int64(reference), let found = try Session.fetchOne(db, key: Session.ID(id)) { return found }
        guard let (parent, slug) = split(reference, depths: 4...5),
            let series = try? Lookup.series(parent, in: db),
            let found = try Session.filter(Column("seriesId") == series.id && Column("slug") == slug).fetchOne(db)
        else { throw KernelError.notFound(entity: "session", reference: reference) }
        return found
    }

    /// The person with id or e-mail `reference`. The error never repeats an e-mail address.
    public static func person(_ reference: String, in db: Database) throws -> Person {
        if let id = Int64(reference), let found = try Person.fetchOne(db, key: Person.ID(id)) { return found }
        guard reference.contains("@"),
            let found = try Person.filter(Column("emailKey") == FieldRules.emailKey(reference)).fetchOne(db)
        else {
            throw KernelError.notFound(
                entity: "person", reference: reference.contains("@") ? "(that e-mail)" : reference)
        }
        return found
    }

    /// The slug path of an organization (`asknet` or `asknet/member`).
    public static func path(of organization: Organization, in db: Database) throws -> String {
        guard let parentId = organization.parentId, let parent = try Organization.fetchOne(db, key: parentId) else {
            return organization.slug
        }
        return "\(parent.slug)/\(organization.slug)"
    }

    /// The slug path of a series.
    public static func path(of series: WebinarSeries, in db: Database) throws -> String {
        let programme = try Programme.fetchOne(db, key: series.programmeId)
        let organization = try programme.flatMap { try Organization.fetchOne(db, key: $0.organizationId) }
        guard let programme, let organization else { return "\(series.id.map { "\($0)" } ?? "?")" }
        return "\(try path(of: organization, in: db))/\(programme.slug)/\(series.slug)"
    }

    private static func split(_ reference: String, depths: ClosedRange<Int>) -> (String, String)? {
        let parts = reference.split(separator: "/", omittingEmptySubsequences: false)
        guard depths.contains(parts.count), let last = parts.last, !last.isEmpty else { return nil }
        return (parts.dropLast().joined(separator: "/"), String(last))
    }
}
