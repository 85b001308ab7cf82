public import Foundation
public import GRDB

/// What the kernel keeps about a person as a recipient of messages: their one-click unsubscribe token, whether
/// they stopped reminders and follow-ups, the time zone they read times in, and how often their address failed
/// for good. Created the first time a message is queued for the person.
public struct MessageRecipient: Codable, Sendable, Equatable {
    public var personId: Person.ID
    /// The secret in the person's unsubscribe link; it stops only optional messages, so it is stored as is.
    public var unsubscribeToken: String
    public var remindersStoppedAt: Date?
    /// An IANA zone the person chose (the enrolment form offers the browser's); `nil` for the session's own.
    public var timeZone: String?
    /// Permanent failures of the person's address since it last worked.
    public var permanentFailures: Int

    /// After this many permanent failures in a row, an address is shown to staff as undeliverable.
    public static let undeliverableAfter = 3

    public var isUndeliverable: Bool { permanentFailures >= Self.undeliverableAfter }
}

extension MessageRecipient: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "messageRecipient"
}

extension MessageRecipient {
    /// The person's record, created with a fresh unsubscribe token when there is none.
    static func findOrCreate(_ person: Person.ID, in db: Database) throws -> MessageRecipient {
        if let known = try MessageRecipient.fetchOne(db, key: person) { return known }
        let created = MessageRecipient(
            personId: person, unsubscribeToken: SecretToken.make(), remindersStoppedAt: nil, timeZone: nil,
            permanentFailures: 0)
        try created.insert(db)
        return created
    }

    /// The recipient an unsubscribe token names, if any.
    public static func withToken(_ token: String, in db: Database) throws -> MessageRecipient? {
        try MessageRecipient.filter(Column("unsubscribeToken") == token).fetchOne(db)
    }
}
