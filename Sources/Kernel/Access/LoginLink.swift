public import Foundation
public import GRDB

/// A one-time, short-lived link that signs a member of staff into the web interface with a role.
///
/// `indaba user login-link` creates one and prints it; only the SHA-256 of its secret is stored. Using it (once,
/// before it expires) opens a ``BrowserSession`` with the same role, organization and person.
public struct LoginLink: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public typealias ID = Identifier<LoginLink>
    public static let databaseTableName = "loginLink"
    /// How long a new link stays usable.
    public static let lifetime: TimeInterval = 15 * 60

    public var id: ID?
    public var secretHash: String
    public var role: AccessRole
    public var organizationId: Organization.ID
    public var personId: Person.ID?
    public var createdAt: Date
    public var expiresAt: Date
    public var usedAt: Date?

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = ID(inserted.rowID)
    }
}

/// Why a sign-in link did not work. The three cases get one message on purpose: it tells an attacker nothing.
public enum SignInError: Error, Equatable, CustomStringConvertible {
    case linkUnusable

    public var description: String {
        "This sign-in link is unknown, already used or expired; ask for a new one (`indaba user login-link`)."
    }
}

extension WriteTransaction {
    /// Creates a sign-in link for a role and returns it with its secret, which is not stored.
    /// - Parameter lifetime: How long it works (``LoginLink/lifetime`` when printed for someone at hand; longer
    ///   when it travels by mail).
    /// - Throws: ``KernelError/invalidField(field:reason:)`` when the role does not fit the organization or person.
    public func createLoginLink(
        role: AccessRole, organization: Organization.ID, person: Person.ID? = nil,
        lifetime: TimeInterval = LoginLink.lifetime
    ) throws -> (link: LoginLink, secret: String) {
        try checkGrant(role: role, organization: organization, person: person)
        let secret = ApiToken.newSecret()
        var link = LoginLink(
            secretHash: Digest.sha256Hex(secret), role: role, organizationId: organization, personId: person,
            createdAt: now, expiresAt: now.addingTimeInterval(lifetime), usedAt: nil)
        try link.insert(db)
        var detail: [String: JSONValue] = ["linkId": .integer(link.id!.rawValue), "role": .string(role.rawValue)]
        if let person { detail["personId"] = .integer(person.rawValue) }
        try auditChange(
            "signInLink.created", organization: organization, subject: person.map { AuditSubject.person($0) },
            detail: detail)
        return (link, secret)
    }

    /// Uses a sign-in link (once) and opens a browser session; returns the session and its secret for the cookie.
    /// - Throws: ``SignInError/linkUnusable`` when the link is unknown, used or expired.
    public func signIn(with linkSecret: String) throws -> (session: BrowserSession, secret: String) {
        guard var link = try LoginLink.filter(Column("secretHash") == Digest.sha256Hex(linkSecret)).fetchOne(db),
            link.usedAt == nil, now < link.expiresAt
        else { throw SignInError.linkUnusable }
        link.usedAt = now
        try link.update(db)
        let secret = ApiToken.newSecret()
        var session = BrowserSession(
            secretHash: Digest.sha256Hex(secret), loginLinkId: link.id!, role: link.role,
            organizationId: link.organizationId, personId: link.personId, createdAt: now,
            expiresAt: now.addingTimeInterval(BrowserSession.lifetime), endedAt: nil)
        try session.insert(db)
        try auditChange(
            "user.signedIn", organization: link.organizationId, subject: link.personId.map { AuditSubject.person($0) },
            detail: ["linkId": .integer(link.id!.rawValue), "role": .string(link.role.rawValue)])
        return (session, secret)
    }

    /// Ends the browser session whose secret is given (signing out); unknown secrets are ignored.
    public func endBrowserSession(_ secret: String) throws {
        try db.execute(
            sql: "UPDATE browserSession SET endedAt = ? WHERE secretHash = ? AND endedAt IS NULL",
            arguments: [now, Digest.sha256Hex(secret)])
    }
}
