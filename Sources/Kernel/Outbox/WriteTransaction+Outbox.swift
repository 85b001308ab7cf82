import Foundation
import GRDB

/// Queueing messages and what recipients choose, inside the transaction of the change that causes them.
extension WriteTransaction {
    /// Writes `draft` to the outbox in this transaction: it is sent only if the transaction commits.
    ///
    /// Optional messages (reminders, follow-ups) to a person who unsubscribed are dropped here, so every plugin
    /// honours the choice without asking.
    @discardableResult
    public func queue(_ draft: MessageDraft) throws -> Outbox.QueueOutcome {
        try Outbox.queue(draft, now: now, in: db)
    }

    /// The person's recipient record (unsubscribe token, choices), created when missing.
    public func messageRecipient(_ person: Person.ID) throws -> MessageRecipient {
        try MessageRecipient.findOrCreate(person, in: db)
    }

    /// Stops (or restarts) reminders and follow-ups for the person holding `token`, as a one-click unsubscribe
    /// does. Returns the person, or `nil` for an unknown token.
    @discardableResult
    public func setReminders(stopped: Bool, token: String) throws -> Person.ID? {
        guard var recipient = try MessageRecipient.withToken(token, in: db) else { return nil }
        recipient.remindersStoppedAt = stopped ? (recipient.remindersStoppedAt ?? now) : nil
        try recipient.update(db)
        return recipient.personId
    }

    /// Records the IANA time zone the person reads times in; an unknown zone is ignored.
    public func setTimeZone(_ identifier: String, for person: Person.ID) throws {
        guard TimeZone(identifier: identifier) != nil else { return }
        var recipient = try MessageRecipient.findOrCreate(person, in: db)
        recipient.timeZone = identifier
        try recipient.update(db)
    }

    /// Puts failed, interrupted or cancelled messages back in the queue, due now. Returns how many.
    public func retry(_ ids: [OutboxMessage.ID], organization: Organization.ID) throws -> Int {
        try OutboxMessage.filter(ids.contains(Column("id")))
            .filter(Column("organizationId") == organization)
            .filter([OutboxMessage.State.failed, .interrupted, .cancelled].contains(Column("state")))
            .updateAll(
                db, Column("state").set(to: OutboxMessage.State.queued), Column("dueAt").set(to: now),
                Column("attempts").set(to: 0), Column("updatedAt").set(to: now))
    }

    /// Cancels the message queued under `idempotencyKey` (``MessageDraft/idempotencyKey``) if it is not sent yet:
    /// for a plugin whose reason to write has gone (a certificate revoked before its e-mail left). Returns whether
    /// one was cancelled.
    @discardableResult
    public func cancelQueued(idempotencyKey: String, organization: Organization.ID) throws -> Bool {
        try OutboxMessage.filter(Column("idempotencyKey") == idempotencyKey)
            .filter(Column("organizationId") == organization)
            .filter([OutboxMessage.State.queued, .interrupted, .failed].contains(Column("state")))
            .updateAll(
                db, Column("state").set(to: OutboxMessage.State.cancelled), Column("updatedAt").set(to: now)) > 0
    }

    /// Cancels messages not sent yet. Returns how many.
    public func cancel(_ ids: [OutboxMessage.ID], organization: Organization.ID) throws -> Int {
        try OutboxMessage.filter(ids.contains(Column("id")))
            .filter(Column("organizationId") == organization)
            .filter([OutboxMessage.State.queued, .interrupted].contains(Column("state")))
            .updateAll(
                db, Column("state").set(to: OutboxMessage.State.cancelled), Column("updatedAt").set(to: now))
    }

}
