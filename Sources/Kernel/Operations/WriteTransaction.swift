public import Foundation
public import GRDB

/// One write transaction of the kernel: the database handle, the events it raises, its time and its author.
///
/// Every change method of the kernel is defined on it, so several changes compose into one transaction
/// (as an import does). It exists only inside ``Workspace/write(as:_:)``.
public final class WriteTransaction {
    public let db: Database
    public let events: EventRecorder
    /// The moment of the transaction, used for every `createdAt`/`updatedAt` it writes.
    public let now: Date
    public let actor: AuditActor
    /// Whether each change writes its own audit line (off inside ``withoutItemizedAudit(_:)``).
    var itemizesAudit = true
    /// ``now`` as the database stores a date, formatted once: binding a `Date` formats it each time, and an import
    /// binds it twice per record.
    public private(set) lazy var storedNow: DatabaseValue = now.databaseValue

    init(db: Database, events: EventRecorder, now: Date, actor: AuditActor) {
        self.db = db
        self.events = events
        self.now = now
        self.actor = actor
    }
}
