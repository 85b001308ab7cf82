import Foundation
import GRDB
import Kernel

/// Private "my sessions" feeds: one unguessable token per person, which the person or an administrator can rotate
/// (the old address stops working) or revoke. Only the token's hash is stored.
enum PersonalFeeds {
    static let migration = PluginMigration(
        "0001-create-personal-token",
        sql: """
            CREATE TABLE feeds_personalToken (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                personId INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
                organizationId INTEGER NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
                tokenHash TEXT NOT NULL UNIQUE,
                createdAt DATETIME NOT NULL,
                revokedAt DATETIME
            );
            CREATE INDEX feeds_personalToken_personId ON feeds_personalToken(personId);
            """)

    /// Issues a new token for `person` (revoking any earlier one) and returns it; it is not stored.
    static func rotate(for person: Person.ID, organization: Organization.ID, now: Date, in db: Database) throws
        -> String
    {
        try revoke(for: person, now: now, in: db)
        return try issue(for: person, organization: organization, now: now, in: db)
    }

    /// Issues a further token for `person`, leaving earlier ones working (for a link sent by mail to the
    /// address on record: whoever typed that address into a form must not be able to break the person's
    /// existing subscriptions). Returns it; it is not stored.
    static func issue(for person: Person.ID, organization: Organization.ID, now: Date, in db: Database) throws
        -> String
    {
        let token = SecretToken.make()
        try db.execute(
            sql: """
                INSERT INTO feeds_personalToken (personId, organizationId, tokenHash, createdAt)
                VALUES (?, ?, ?, ?)
                """, arguments: [person, organization, hash(token), now])
        return token
    }

    /// Revokes the person's token, if any. Returns whether one was active.
    @discardableResult
    static func revoke(for person: Person.ID, now: Date, in db: Database) throws -> Bool {
        try db.execute(
            sql: "UPDATE feeds_personalToken SET revokedAt = ? WHERE personId = ? AND revokedAt IS NULL",
            arguments: [now, person])
        return db.changesCount > 0
    }

    /// The person a token belongs to, for `organization`, or `nil` when it is unknown or revoked.
    static func person(for token: String, organization: Organization.ID, in db: Database) throws -> Person.ID? {
        try Person.ID.fetchOne(
            db,
            sql: """
                SELECT personId FROM feeds_personalToken
                WHERE tokenHash = ? AND organizationId = ? AND revokedAt IS NULL
                """, arguments: [hash(token), organization])
    }

    private static func hash(_ token: String) -> String {
        Digest.sha256Hex(token)
    }
}

extension PersonalFeeds {
    /// One issued token, without its secret.
    struct TokenRecord: Sendable {
        let organizationId: Organization.ID
        let createdAt: Date
        let revokedAt: Date?
    }

    /// The tokens issued to `person` (for one organization, when given), oldest first.
    static func tokens(of person: Person.ID, organization: Organization.ID? = nil, in db: Database) throws
        -> [TokenRecord]
    {
        try Row.fetchAll(
            db,
            sql: """
                SELECT organizationId, createdAt, revokedAt FROM feeds_personalToken
                WHERE personId = ? AND (? IS NULL OR organizationId = ?) ORDER BY id
                """, arguments: [person, organization, organization]
        ).map { TokenRecord(organizationId: $0[0], createdAt: $0[1], revokedAt: $0[2]) }
    }

    /// Deletes every token of an erased person: their calendars stop at once.
    static func erase(_ person: Person.ID, in db: Database) throws {
        try db.execute(sql: "DELETE FROM feeds_personalToken WHERE personId = ?", arguments: [person])
    }
}
