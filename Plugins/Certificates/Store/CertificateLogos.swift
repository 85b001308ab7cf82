import Foundation
import GRDB
import Kernel
import Logging

/// Each organization's logo (`certificates_logo`), uploaded through the settings page or `indaba certificates logo`
/// and kept in the database: no setting names a file on the server.
enum CertificateLogos {
    /// The largest logo accepted: it is drawn 44 points high, so anything larger is waste.
    static let limit = 1_000_000

    static func png(of organization: Organization.ID, in db: Database) throws -> Data? {
        try Data.fetchOne(
            db, sql: "SELECT png FROM certificates_logo WHERE organizationId = ?", arguments: [organization])
    }

    /// Checks that `png` is a PNG cairo can draw, within the size limit.
    /// - Throws: ``CertificatesError/badLogo(_:)`` saying why.
    static func check(_ png: Data) throws {
        guard !png.isEmpty else { throw CertificatesError.badLogo(FieldReason("the file is empty")) }
        guard png.count <= limit else { throw CertificatesError.badLogo(FieldReason("it is larger than 1 MB")) }
        do {
            _ = try LogoImage(png: png)
        } catch let error as RenderingError {
            guard case let .logo(reason) = error else { throw error }
            throw CertificatesError.badLogo(reason)
        }
    }
}

extension CertificatesPlugin {
    /// Replaces the organization's logo with `png` (checked first), or removes it when `png` is nil.
    func setLogo(_ png: Data?, organization: Organization.ID, actor: AuditActor) async throws {
        if let png { try CertificateLogos.check(png) }
        try await context.write(as: actor) { transaction in
            if let png {
                try transaction.db.execute(
                    sql: """
                        INSERT INTO certificates_logo (organizationId, png, uploadedAt, uploadedBy) VALUES (?, ?, ?, ?)
                        ON CONFLICT (organizationId) DO UPDATE SET
                            png = excluded.png, uploadedAt = excluded.uploadedAt, uploadedBy = excluded.uploadedBy
                        """,
                    arguments: [organization, png, transaction.now, transaction.actor.name])
            } else {
                try transaction.db.execute(
                    sql: "DELETE FROM certificates_logo WHERE organizationId = ?", arguments: [organization])
            }
        }
        context.logger.notice(
            png == nil ? "Certificate logo removed" : "Certificate logo uploaded",
            metadata: ["org.id": "\(organization)", "bytes": "\(png?.count ?? 0)"])
    }

    /// The organization's branding now: its settings and its uploaded logo.
    func branding(for organization: Organization.ID) async throws -> Branding {
        let settings = try await settings(for: organization)
        let logo = try await context.store.read { db in try CertificateLogos.png(of: organization, in: db) }
        return settings.branding(logo: logo)
    }
}
