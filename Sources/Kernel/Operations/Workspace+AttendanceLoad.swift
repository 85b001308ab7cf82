import GRDB

/// Bulk loads, outside ``Workspace/write(as:_:)`` because they switch SQLite's foreign-key checks off.
extension Workspace {
    /// Runs ``WriteTransaction/loadAttendance(_:for:sessionsOf:)`` as one write transaction with SQLite's own
    /// foreign-key checks off (the load checks every session and person it writes itself; the checks cost two
    /// lookups a row), then delivers its event to after-commit handlers.
    @discardableResult
    public func loadAttendance(
        _ rows: [AttendanceLoadRow], for organization: Organization.ID, sessionsOf organizations: [Organization.ID],
        as actor: AuditActor
    ) async throws -> AttendanceLoadSummary {
        let (bus, now) = (bus, now())
        // The pragma only takes effect outside a transaction, hence the explicit one.
        let (summary, pending) = try await store.writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
            var result: (AttendanceLoadSummary, [PendingEvent])?
            try db.inTransaction(.immediate) {
                let transaction = WriteTransaction(db: db, events: bus.recorder(in: db), now: now, actor: actor)
                let summary = try transaction.loadAttendance(rows, for: organization, sessionsOf: organizations)
                result = (summary, transaction.events.pending)
                return .commit
            }
            return result!
        }
        writes.increment()
        await bus.deliver(pending)
        return summary
    }
}
