import Foundation
public import GRDB

/// Settings of the whole installation, kept in the database so that every command working on it agrees.
public enum SiteSettings {
    static let baseURLKey = "baseURL"

    /// The server's public URL recorded for this database (`indaba base-url URL`), or `nil`.
    public static func baseURL(in db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM siteSetting WHERE key = ?", arguments: [baseURLKey])
    }
}

extension WriteTransaction {
    /// Records the server's public URL for this database (without a trailing `/`), or forgets it (`nil`).
    /// - Throws: ``KernelError/invalidField(field:reason:)`` when it is not an absolute http(s) URL.
    public func recordBaseURL(_ url: String?) throws {
        guard var url else {
            try db.execute(sql: "DELETE FROM siteSetting WHERE key = ?", arguments: [SiteSettings.baseURLKey])
            try auditBaseURL(nil)
            return
        }
        if let problem = FieldRules.webURLProblem(url) {
            throw KernelError.invalidField(field: "baseURL", reason: FieldReason(field: problem))
        }
        while url.hasSuffix("/") { url.removeLast() }
        try db.execute(
            sql: """
                INSERT INTO siteSetting (key, value, updatedAt) VALUES (?, ?, ?)
                ON CONFLICT (key) DO UPDATE SET value = excluded.value, updatedAt = excluded.updatedAt
                """, arguments: [SiteSettings.baseURLKey, url, now])
        try auditBaseURL(url)
    }

    /// The base URL belongs to the whole installation: its line goes to every network (top-level organization),
    /// whose coordinators see the installation's changes.
    private func auditBaseURL(_ url: String?) throws {
        let networks = try Organization.ID.fetchAll(db, sql: "SELECT id FROM organization WHERE parentId IS NULL")
        for network in networks {
            try auditChange(
                "site.baseURLChanged", organization: network, subject: nil,
                detail: ["baseURL": url.map { .string($0) } ?? .null])
        }
    }
}
