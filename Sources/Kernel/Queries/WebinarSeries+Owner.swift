public import GRDB

extension WebinarSeries {
    /// The organization that runs `series` (through its programme): what decides who administers it.
    /// - Throws: ``KernelError/notFound(entity:reference:)`` when there is no such series.
    public static func owner(of series: ID, in db: Database) throws -> Organization.ID {
        let id = try Organization.ID.fetchOne(
            db,
            sql: "SELECT p.organizationId FROM webinarSeries s JOIN programme p ON p.id = s.programmeId WHERE s.id = ?",
            arguments: [series])
        guard let id else { throw KernelError.notFound(entity: "series", reference: "\(series)") }
        return id
    }

    /// The name of the organization that runs this series.
    public func organizationName(in db: Database) throws -> String {
        try String.fetchOne(
            db, sql: "SELECT o.name FROM programme p JOIN organization o ON o.id = p.organizationId WHERE p.id = ?",
            arguments: [programmeId]) ?? "?"
    }
}
