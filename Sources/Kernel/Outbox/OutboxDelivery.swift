public import Foundation
import GRDB
public import Logging

/// Delivers what is due in the outbox through a ``MailTransport``: claims a batch in one transaction, hands each
/// message over, then records the outcome in a transaction of its own.
///
/// **What can repeat.** A message is marked `sending` (and committed) before it is handed over, and `sent` after
/// the transport accepted it. A process killed between those two steps leaves it `sending`; once its claim is
/// older than ``claimLifetime``, a later run decides by category:
/// - transactional messages (confirmations, invitations, certificates, sign-in links) are queued again, so they are
///   never lost; one hand-over may then repeat, with the same Message-ID, which lets mail clients hide the copy;
/// - reminders and follow-ups become `interrupted` and are never handed over again on their own: a late or lost
///   reminder is better than a second one. Staff see them on the outbox page and may retry them.
/// Scheduling never repeats a message: every queued message has an idempotency key.
///
/// A sent message keeps its headers (recipient, subject, dates) for staff, not its body: bodies carry sign-in and
/// private calendar links.
public struct OutboxDelivery: Sendable {
    public let store: Store
    public let transport: any MailTransport
    /// The server's public address, for unsubscribe links.
    public let baseURL: String
    public let logger: Logger
    /// The clock for claims, hand-over dates and retries: a run of thousands of messages lasts minutes, and a claim
    /// stamped with the run's start would look dead to another process long before it is.
    public let clock: @Sendable () -> Date
    /// How long a claim may stay unanswered before its run is taken to have died.
    public var claimLifetime: TimeInterval = 15 * 60
    /// Temporary failures are retried this many times, waiting twice as long each time (1 minute up to 2 hours).
    public var maximumAttempts = 10
    /// Messages claimed at a time: one, so a killed run leaves at most one message in doubt.
    public var batchSize = 1

    public init(
        store: Store, transport: any MailTransport, baseURL: String, logger: Logger,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.clock = clock
        self.store = store
        self.transport = transport
        self.baseURL = baseURL
        self.logger = logger
    }

    /// What one run did.
    public struct Summary: Sendable, Equatable {
        public var sent = 0
        public var retrying = 0
        public var failed = 0
        /// Claims of dead runs taken back: requeued (transactional) or marked interrupted (optional).
        public var requeued = 0
        public var interrupted = 0
    }

    /// Delivers every message due at `now`, batch after batch, and returns what happened. Claims, dates and retries
    /// read ``clock`` as the run goes.
    public func deliverDue(now: Date) async throws -> Summary {
        var summary = try await reclaim(now: clock())
        while true {
            let batch = try await claim(due: now, at: clock())
            if batch.isEmpty { break }
            for message in batch { try await deliver(message, handedOverAt: clock(), summary: &summary) }
        }
        return summary
    }

    /// Takes back the claims of runs that died (see the type's documentation).
    func reclaim(now: Date) async throws -> Summary {
        let deadline = now.addingTimeInterval(-claimLifetime)
        return try await store.writer.write { db in
            var summary = Summary()
            let stale = OutboxMessage.filter(Column("state") == OutboxMessage.State.sending)
                .filter(Column("claimedAt") <= deadline)
            summary.requeued = try stale.filter(Column("category") == MessageCategory.transactional)
                .updateAll(
                    db, Column("state").set(to: OutboxMessage.State.queued), Column("dueAt").set(to: now),
                    Column("updatedAt").set(to: now))
            summary.interrupted = try stale.updateAll(
                db, Column("state").set(to: OutboxMessage.State.interrupted),
                Column("lastError").set(to: "The delivery run stopped while handing this message over."),
                Column("updatedAt").set(to: now))
            return summary
        }
    }

    private func claim(due: Date, at now: Date) async throws -> [(OutboxMessage, unsubscribe: String?)] {
        let batchSize = batchSize
        let baseURL = baseURL
        return try await store.writer.write { db in
            let due = try OutboxMessage.filter(Column("state") == OutboxMessage.State.queued)
                .filter(Column("dueAt") <= due).order(Column("dueAt"), Column("id")).limit(batchSize).fetchAll(db)
            return try due.map { message in
                var message = message
                message.state = .sending
                message.attempts += 1
                message.claimedAt = now
                message.updatedAt = now
                try message.update(db)
                var unsubscribe: String?
                if message.category.isOptional, let person = message.personId,
                    let recipient = try MessageRecipient.fetchOne(db, key: person)
                {
                    unsubscribe = "\(baseURL)/unsubscribe/\(recipient.unsubscribeToken)"
                }
                return (message, unsubscribe)
            }
        }
    }

    private func deliver(
        _ claimed: (OutboxMessage, unsubscribe: String?), handedOverAt date: Date, summary: inout Summary
    ) async throws {
        var message = claimed.0
        let bytes = Data(MIMEMessage(message, unsubscribeURL: claimed.unsubscribe, date: date).rendered().utf8)
        let outcome = await transport.send(bytes, id: message.id!)
        // A hand-over can take a while (a slow relay): what follows is stamped with when it ended.
        let now = clock()
        message.updatedAt = now
        var permanent = false
        switch outcome {
        case .accepted:
            message.state = .sent
            message.sentAt = now
            message.lastError = nil
            // Bodies hold secrets (sign-in links, private calendar links): once handed over they are not kept.
            message.textBody = ""
            message.htmlBody = nil
            message.calendar = nil
            message.attachment = nil
            summary.sent += 1
        case .temporaryFailure(let reason) where message.attempts < maximumAttempts:
            message.state = .queued
            message.dueAt = now.addingTimeInterval(Self.backoff(afterAttempt: message.attempts))
            message.lastError = reason
            summary.retrying += 1
        case .temporaryFailure(let reason), .permanentFailure(let reason):
            message.state = .failed
            message.lastError = reason
            permanent = { if case .permanentFailure = outcome { true } else { false } }()
            summary.failed += 1
        }
        let (delivered, failedForGood) = (message, permanent)
        try await store.writer.write { db in
            try delivered.update(db)
            guard let person = delivered.personId else { return }
            if delivered.state == .sent {
                try db.execute(
                    sql: "UPDATE messageRecipient SET permanentFailures = 0 WHERE personId = ?", arguments: [person])
            } else if failedForGood {
                try db.execute(
                    sql: "UPDATE messageRecipient SET permanentFailures = permanentFailures + 1 WHERE personId = ?",
                    arguments: [person])
            }
        }
        // Ids only: the transport's words may name the address.
        logger.info(
            "Outbox message handed over",
            metadata: [
                "message.id": "\(delivered.id!)", "org.id": "\(delivered.organizationId)", "kind": "\(delivered.kind)",
                "state": "\(delivered.state.rawValue)", "attempt": "\(delivered.attempts)",
            ])
    }

    /// How long to wait after the `attempt`-th temporary failure: 1, 2, 4 … minutes, at most two hours.
    static func backoff(afterAttempt attempt: Int) -> TimeInterval {
        min(60 * pow(2, Double(max(attempt - 1, 0))), 2 * 60 * 60)
    }
}
