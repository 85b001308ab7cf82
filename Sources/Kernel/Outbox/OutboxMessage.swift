public import Foundation
public import GRDB

/// A message in the kernel's transactional outbox: written in the transaction of the change that causes it, so a
/// rollback sends nothing and a crash loses nothing; handed to a ``MailTransport`` later by ``OutboxDelivery``.
public struct OutboxMessage: Codable, Sendable, Equatable {
    public typealias ID = Identifier<OutboxMessage>

    /// Where a message is in its life.
    public enum State: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
        /// Waiting for its due time (a temporary failure puts it back here, due later).
        case queued
        /// Claimed by a delivery run that has not reported back yet.
        case sending
        /// Accepted by the transport.
        case sent
        /// Refused for good, or out of attempts; ``OutboxMessage/lastError`` says why.
        case failed
        /// Cancelled by staff before it was sent.
        case cancelled
        /// A reminder or follow-up whose delivery run stopped (killed) after claiming it: it may or may not have
        /// reached the transport, so it is never sent again on its own (see ``MessageCategory``).
        case interrupted
    }

    public var id: ID?
    public var organizationId: Organization.ID
    public var personId: Person.ID?
    /// The recipient's address and display name.
    public var recipient: String
    public var recipientName: String
    /// The sender's address and display name (also the ORGANIZER of calendar invitations).
    public var sender: String
    public var senderName: String
    public var category: MessageCategory
    /// What the message is, named by whoever queued it (`messages.reminder`, `certificates.issued`).
    public var kind: String
    /// Unique per message: queueing the same key again does nothing.
    public var idempotencyKey: String
    /// The RFC 5322 Message-ID, without angle brackets; the same on every attempt.
    public var messageId: String
    public var subject: String
    public var textBody: String
    public var htmlBody: String?
    /// An iCalendar object sent as an iMIP part (RFC 6047), and its METHOD.
    public var calendar: String?
    public var calendarMethod: String?
    /// One file sent with the message (a certificate's PDF): its name, media type and bytes.
    public var attachmentName: String?
    public var attachmentType: String?
    public var attachment: Data?
    public var state: State
    public var attempts: Int
    /// When the message may be sent (a retry moves it later).
    public var dueAt: Date
    public var claimedAt: Date?
    public var sentAt: Date?
    /// Why the last attempt failed: the transport's own words, which may name the address; shown to staff, never
    /// logged.
    public var lastError: String?
    public var createdAt: Date
    public var updatedAt: Date
}

extension OutboxMessage: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "outboxMessage"

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = ID(inserted.rowID)
    }
}

/// Why a message is sent, which decides what a recipient can stop and what a crash may repeat.
public enum MessageCategory: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    /// Confirmations, invitations and their updates, certificates, sign-in links: always sent (a person cannot
    /// unsubscribe from what they asked for), and sent again if a delivery run was killed mid-hand-over.
    case transactional
    /// Reminders before a session or deadline: stopped by one click; never sent twice.
    case reminder
    /// "We missed you" after a missed session: stopped by the same click; never sent twice.
    case followUp

    /// Whether the recipient's one-click unsubscribe stops it.
    public var isOptional: Bool { self != .transactional }
}
