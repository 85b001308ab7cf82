public import Foundation
public import GRDB

/// A one-time link that signs a participant into their own pages ("My Indaba"), sent to their address on record.
///
/// Apart from staff sign-in on purpose: a participant session reaches only the person's own data, never a staff
/// page, and no staff role can be had through it. Only the SHA-256 of the secret is stored.
public struct ParticipantLink: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public typealias ID = Identifier<ParticipantLink>
    public static let databaseTableName = "participantLink"
    /// How long a link sent by mail stays usable: long enough for mail that arrives late, short enough to be stale.
    public static let lifetime: TimeInterval = 60 * 60

    public var id: ID?
    public var personId: Person.ID
    public var secretHash: String
    public var createdAt: Date
    public var expiresAt: Date
    public var usedAt: Date?

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = ID(inserted.rowID)
    }
}

/// A participant's signed-in browser: the cookie holds the secret, the database its hash.
public struct ParticipantSession: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public typealias ID = Identifier<ParticipantSession>
    public static let databaseTableName = "participantSession"
    /// How long a participant stays signed in.
    public static let lifetime: TimeInterval = 7 * 24 * 3600

    public var id: ID?
    public var personId: Person.ID
    public var secretHash: String
    public var createdAt: Date
    public var expiresAt: Date
    public var endedAt: Date?

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = ID(inserted.rowID)
    }

    /// The person a session's secret signs in, or `nil` when it is unknown, ended or expired (or the person was
    /// erased).
    public static func person(signedInBy secret: String, at now: Date, in db: Database) throws -> Person.ID? {
        guard let session = try filter(Column("secretHash") == Digest.sha256Hex(secret)).fetchOne(db),
            session.endedAt == nil, now < session.expiresAt
        else { return nil }
        return session.personId
    }
}

extension WriteTransaction {
    /// Creates a sign-in link for a person's own pages and returns its secret (not stored). Erased people get none.
    /// - Throws: ``KernelError/notFound(entity:reference:)`` when there is no such person (or they were erased).
    public func createParticipantLink(
        for person: Person.ID, lifetime: TimeInterval = ParticipantLink.lifetime
    ) throws -> String {
        guard let record = try Person.fetchOne(db, key: person), record.erasedAt == nil else {
            throw KernelError.notFound(entity: "person", reference: "\(person)")
        }
        let secret = SecretToken.make()
        var link = ParticipantLink(
            personId: person, secretHash: Digest.sha256Hex(secret), createdAt: now,
            expiresAt: now.addingTimeInterval(lifetime), usedAt: nil)
        try link.insert(db)
        try audit("participant.linkIssued", organization: record.organizationId, subject: .person(person))
        return secret
    }

    /// Uses a participant's sign-in link (once) and opens their session; returns the session's secret.
    /// - Throws: ``SignInError/linkUnusable`` when the link is unknown, used or expired: one answer for all three.
    public func signInParticipant(with linkSecret: String) throws -> (person: Person.ID, secret: String) {
        guard
            var link = try ParticipantLink.filter(Column("secretHash") == Digest.sha256Hex(linkSecret)).fetchOne(db),
            link.usedAt == nil, now < link.expiresAt
        else { throw SignInError.linkUnusable }
        link.usedAt = now
        try link.update(db)
        let secret = SecretToken.make()
        var session = ParticipantSession(
            personId: link.personId, secretHash: Digest.sha256Hex(secret), createdAt: now,
            expiresAt: now.addingTimeInterval(ParticipantSession.lifetime), endedAt: nil)
        try session.insert(db)
        return (link.personId, secret)
    }

    /// Ends the participant session whose secret is given (signing out); unknown secrets are ignored.
    public func endParticipantSession(_ secret: String) throws {
        try db.execute(
            sql: "UPDATE participantSession SET endedAt = ? WHERE secretHash = ? AND endedAt IS NULL",
            arguments: [now, Digest.sha256Hex(secret)])
    }
}
