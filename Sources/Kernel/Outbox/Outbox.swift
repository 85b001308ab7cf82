public import Foundation
public import GRDB

/// The kernel's transactional outbox (see ``OutboxMessage`` and ``OutboxDelivery``).
public enum Outbox {
    /// What became of a draft handed to ``queue(_:)``.
    public enum QueueOutcome: Sendable, Equatable {
        case queued(OutboxMessage.ID)
        /// A message with the same idempotency key is already in the outbox (sent or not).
        case duplicate
        /// The recipient stopped reminders and follow-ups, and the draft is one.
        case unsubscribed
    }

    /// Writes `draft` to the outbox in the transaction of `db` (an event handler's): it is sent only if the
    /// transaction commits. Prefer ``WriteTransaction/queue(_:)`` where a transaction is at hand.
    ///
    /// Optional messages (reminders, follow-ups) to a person who unsubscribed are dropped here, so every plugin
    /// honours the choice without asking.
    @discardableResult
    public static func queue(_ draft: MessageDraft, now: Date, in db: Database) throws -> QueueOutcome {
        if let person = draft.personId {
            let recipient = try MessageRecipient.findOrCreate(person, in: db)
            if draft.category.isOptional && recipient.remindersStoppedAt != nil { return .unsubscribed }
        }
        var message = OutboxMessage(
            id: nil, organizationId: draft.organizationId, personId: draft.personId,
            recipient: draft.recipient.address, recipientName: draft.recipient.name, sender: draft.sender.address,
            senderName: draft.sender.name, category: draft.category, kind: draft.kind,
            idempotencyKey: draft.idempotencyKey, messageId: messageId(sender: draft.sender.address),
            subject: draft.subject, textBody: draft.textBody, htmlBody: draft.htmlBody,
            calendar: draft.calendar?.object, calendarMethod: draft.calendar?.method,
            attachmentName: draft.attachment?.filename, attachmentType: draft.attachment?.contentType,
            attachment: draft.attachment?.data, state: .queued, attempts: 0,
            dueAt: draft.dueAt ?? now, claimedAt: nil, sentAt: nil, lastError: nil, createdAt: now, updatedAt: now)
        try message.insert(db, onConflict: .ignore)
        guard db.changesCount > 0, let id = message.id else { return .duplicate }
        return .queued(id)
    }

    /// Whether a message with `idempotencyKey` was ever queued.
    public static func contains(_ idempotencyKey: String, in db: Database) throws -> Bool {
        try OutboxMessage.filter(Column("idempotencyKey") == idempotencyKey).fetchCount(db) > 0
    }

    /// The idempotency keys queued so far that start with `prefix` (say, every reminder of one session): one
    /// indexed read for a scheduler that would otherwise ask key by key. `prefix` must hold no `*`, `?` or `[`.
    public static func keys(startingWith prefix: String, in db: Database) throws -> Set<String> {
        precondition(!prefix.contains(where: { "*?[".contains($0) }), "A key prefix holds no GLOB wildcard")
        return Set(
            try String.fetchAll(
                db, sql: "SELECT idempotencyKey FROM outboxMessage WHERE idempotencyKey GLOB ?",
                arguments: [prefix + "*"]))
    }

    /// A new RFC 5322 Message-ID at the sender's domain.
    static func messageId(sender: String) -> String {
        let domain = sender.split(separator: "@").last.map(String.init) ?? "indaba.invalid"
        return "\(UUID().uuidString.lowercased())@\(domain)"
    }
}
