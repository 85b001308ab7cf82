public import Foundation
public import GRDB

/// A signed-in browser: the cookie holds the secret, the database only its hash.
public struct BrowserSession: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public typealias ID = Identifier<BrowserSession>
    public static let databaseTableName = "browserSession"
    /// How long a session lasts from sign-in; then the user asks for a new link.
    public static let lifetime: TimeInterval = 12 * 3600

    public var id: ID?
    public var secretHash: String
    public var loginLinkId: LoginLink.ID
    public var role: AccessRole
    public var organizationId: Organization.ID
    public var personId: Person.ID?
    public var createdAt: Date
    public var expiresAt: Date
    public var endedAt: Date?

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = ID(inserted.rowID)
    }

    /// Whether the session may be used at `now`.
    public func isUsable(at now: Date) -> Bool {
        endedAt == nil && now < expiresAt
    }
}

extension Access {
    /// The access a browser session's secret grants, or `nil` when it is unknown, ended or expired.
    public static func resolve(browserSession secret: String, at now: Date, in db: Database) throws -> Access? {
        guard
            let session = try BrowserSession.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM browserSession WHERE secretHash = ?"),
                arguments: [Digest.sha256Hex(secret)]),
            session.isUsable(at: now)
        else { return nil }
        return try granted(
            role: session.role, organization: session.organizationId, person: session.personId,
            principal: "session:\(session.id!)", in: db)
    }
}
