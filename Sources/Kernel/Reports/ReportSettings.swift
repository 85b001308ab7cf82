import Foundation
public import GRDB

/// What an organization adds to its series reports: today a methodology paragraph (how it runs and measures its
/// series), kept per organization and shown in every series report it writes.
public enum ReportSettings {
    /// The longest methodology an organization keeps.
    public static let methodologyLimit = 4000

    /// The methodology paragraph of `organization`, or `nil` when it has none.
    public static func methodology(of organization: Organization.ID, in db: Database) throws -> String? {
        try String.fetchOne(
            db, sql: "SELECT methodology FROM reportSetting WHERE organizationId = ?", arguments: [organization])
    }

    /// Why `text` cannot be a methodology paragraph, or `nil` (the rules of a session's description).
    public static func methodologyProblem(_ text: String) -> FieldProblem? {
        if text.count > methodologyLimit { return .tooLong(limit: methodologyLimit) }
        return Session.descriptionProblem(text)
    }
}

extension WriteTransaction {
    /// Records the methodology paragraph `organization`'s series reports carry, or removes it (`nil` or empty).
    /// - Throws: ``KernelError/invalidField(field:reason:)`` for text that is too long or has hostile characters;
    ///   ``KernelError/notFound(entity:reference:)`` for an unknown organization.
    public func recordMethodology(_ text: String?, for organization: Organization.ID) throws {
        guard try Organization.fetchOne(db, key: organization) != nil else {
            throw KernelError.notFound(entity: "org", reference: "\(organization)")
        }
        let text = Session.normalizedDescription(text ?? "")
        if let problem = ReportSettings.methodologyProblem(text) {
            throw KernelError.invalidField(field: "methodology", reason: FieldReason(field: problem))
        }
        let before = try ReportSettings.methodology(of: organization, in: db)
        if text.isEmpty {
            try db.execute(sql: "DELETE FROM reportSetting WHERE organizationId = ?", arguments: [organization])
        } else {
            try db.execute(
                sql: """
                    INSERT INTO reportSetting (organizationId, methodology, updatedAt) VALUES (?, ?, ?)
                    ON CONFLICT (organizationId) DO UPDATE SET methodology = excluded.methodology,
                        updatedAt = excluded.updatedAt
                    """, arguments: [organization, text, now])
        }
        if before != (text.isEmpty ? nil : text) {
            try auditChange(
                text.isEmpty ? "report.methodologyRemoved" : "report.methodologyChanged", organization: organization,
                subject: .organization(organization))
        }
    }
}
