public import GRDB

/// The series an organization runs itself (through its own programmes; a network's members run theirs), and which
/// organization runs a series.
public enum OrganizationSeries {
    /// The organization that runs `series`, or `nil` for an unknown series.
    public static func runner(of series: WebinarSeries.ID, in db: Database) throws -> Organization? {
        try Organization.fetchOne(
            db,
            sql: """
                SELECT o.* FROM organization o JOIN programme p ON p.organizationId = o.id
                JOIN webinarSeries s ON s.programmeId = p.id WHERE s.id = ?
                """, arguments: [series])
    }

    /// The series `organization` runs itself, other than drafts, by id.
    public static func series(runBy organization: Organization.ID, in db: Database) throws -> [WebinarSeries] {
        try WebinarSeries.fetchAll(
            db,
            sql: """
                SELECT s.* FROM webinarSeries s JOIN programme p ON p.id = s.programmeId
                WHERE p.organizationId = ? AND s.status != 'draft' ORDER BY s.id
                """, arguments: [organization])
    }

    /// The series `id` if `organization` runs it and it is not a draft; `nil` otherwise, whether it does not exist
    /// or belongs to someone else.
    public static func series(_ id: WebinarSeries.ID, runBy organization: Organization.ID, in db: Database) throws
        -> WebinarSeries?
    {
        try WebinarSeries.fetchOne(
            db,
            sql: """
                SELECT s.* FROM webinarSeries s JOIN programme p ON p.id = s.programmeId
                WHERE s.id = ? AND p.organizationId = ? AND s.status != 'draft'
                """, arguments: [id, organization])
    }
}
