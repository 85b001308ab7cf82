public import Foundation
public import GRDB

/// An organization's logo: a PNG of at most 1 MB and 4,000 pixels a side, kept in the database. Series reports
/// carry it; plugins that print documents may read it with ``png(of:in:)``.
public enum OrganizationLogo {
    /// The largest file accepted.
    public static let limit = 1_000_000
    /// The largest width or height accepted, in pixels.
    public static let sideLimit = 4_000

    /// The logo of `organization`, or `nil` when it has none.
    public static func png(of organization: Organization.ID, in db: Database) throws -> Data? {
        try Data.fetchOne(
            db, sql: "SELECT png FROM organizationLogo WHERE organizationId = ?", arguments: [organization])
    }

    /// Why `data` cannot be a logo (not a PNG, cut short, too large), or `nil`. Reads the PNG signature and its
    /// header chunk; a plugin that draws the image may check more.
    public static func problem(_ data: Data) -> String? {
        let bytes = [UInt8](data.prefix(24))
        guard !data.isEmpty else { return "is empty" }
        guard data.count <= limit else { return "is larger than 1 MB; save it smaller" }
        guard bytes.count == 24, bytes.prefix(8).elementsEqual([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
            bytes[12...15].elementsEqual(Array("IHDR".utf8))
        else { return "is not a PNG image; export the logo as PNG" }
        func number(_ offset: Int) -> Int { bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
        let (width, height) = (number(16), number(20))
        guard width > 0, height > 0, width <= sideLimit, height <= sideLimit else {
            return "is \(width)×\(height) pixels; use one at most \(sideLimit) pixels a side"
        }
        return nil
    }
}

extension WriteTransaction {
    /// Replaces the logo of `organization` with `png`, or removes it when `png` is nil; audited.
    /// - Throws: ``KernelError/invalidField(field:reason:)`` naming `logo` for a file that is not a usable PNG.
    public func setLogo(_ png: Data?, for organization: Organization.ID) throws {
        guard try Organization.fetchOne(db, key: organization) != nil else {
            throw KernelError.notFound(entity: "org", reference: "\(organization)")
        }
        if let png {
            if let problem = OrganizationLogo.problem(png) {
                throw KernelError.invalidField(field: "logo", reason: FieldReason(english: problem))
            }
            try db.execute(
                sql: """
                    INSERT INTO organizationLogo (organizationId, png, uploadedAt) VALUES (?, ?, ?)
                    ON CONFLICT (organizationId) DO UPDATE SET png = excluded.png, uploadedAt = excluded.uploadedAt
                    """, arguments: [organization, png, now])
        } else {
            try db.execute(sql: "DELETE FROM organizationLogo WHERE organizationId = ?", arguments: [organization])
        }
        try audit(
            png == nil ? "organization.logoRemoved" : "organization.logoChanged", organization: organization,
            subject: .organization(organization), detail: png.map { ["bytes": .integer(Int64($0.count))] } ?? [:])
    }
}
