public import GRDB

/// A plugin's reaction to one type of ``KernelEvent``, in one phase.
public struct EventHandler: Sendable {
    /// When a handler runs relative to the write's commit.
    public enum Phase: Sendable {
        /// Inside the write transaction; may throw ``Veto`` (or any error) to roll the write back.
        case beforeCommit
        /// After the commit; errors are logged with the plugin id and change nothing.
        case afterCommit
    }

    /// The name of the event type handled.
    public let eventName: String
    public let phase: Phase
    let runBefore: (@Sendable (any KernelEvent, Database) throws -> Void)?
    /// For a handler that takes its events in batches (``maintainingBatches(_:_:)``): the events of one batch.
    var runBatch: (@Sendable ([any KernelEvent], Database) throws -> Void)? = nil
    let runAfter: (@Sendable (any KernelEvent) async throws -> Void)?
    /// Whether the handler hears the event whatever the plugin's enablement (see ``maintaining(_:_:)``).
    var everyOrganization = false

    /// Handles `E` inside the write transaction, with the transaction's database handle.
    public static func beforeCommit<E: KernelEvent>(
        _ type: E.Type, _ body: @escaping @Sendable (E, Database) throws -> Void
    ) -> EventHandler {
        EventHandler(
            eventName: E.name, phase: .beforeCommit,
            runBefore: { event, db in if let event = event as? E { try body(event, db) } }, runAfter: nil)
    }

    /// Handles `E` inside the write transaction for every organization, whether or not the plugin is enabled for
    /// it: for an index the plugin keeps over all kernel data (as a trigger would), which must stay exact while the
    /// plugin is disabled somewhere, since enabling it later, or a network's figures over its members, read it.
    /// The handler may write only the plugin's own tables.
    public static func maintaining<E: KernelEvent>(
        _ type: E.Type, _ body: @escaping @Sendable (E, Database) throws -> Void
    ) -> EventHandler {
        var handler = beforeCommit(type, body)
        handler.everyOrganization = true
        return handler
    }

    /// ``maintaining(_:_:)`` for a handler that does better with many events at once (one query for a thousand
    /// people instead of one each). The events a kernel change raises as a batch
    /// (``WriteTransaction/recordAttendance(_:at:source:)`` raises one per person) reach `body` together, in the
    /// order raised, once the change has made all its writes and before the transaction goes on; an event raised
    /// alone reaches it alone. Handlers that take events one by one still hear each as it is raised.
    public static func maintainingBatches<E: KernelEvent>(
        _ type: E.Type, _ body: @escaping @Sendable ([E], Database) throws -> Void
    ) -> EventHandler {
        var handler = maintaining(type) { event, db in try body([event], db) }
        handler.runBatch = { events, db in try body(events.compactMap { $0 as? E }, db) }
        return handler
    }

    /// Handles `E` after the write has been committed.
    public static func afterCommit<E: KernelEvent>(
        _ type: E.Type, _ body: @escaping @Sendable (E) async throws -> Void
    ) -> EventHandler {
        EventHandler(
            eventName: E.name, phase: .afterCommit, runBefore: nil,
            runAfter: { event in if let event = event as? E { try await body(event) } })
    }
}
