public import GRDB
public import Logging

/// Routes kernel events to the handlers of plugins enabled for the event's organization.
///
/// Plugins are visited in the registry's order (dependencies first, then by id).
public struct EventBus: Sendable {
    /// The before-commit and after-commit handlers of each event name, in the order plugins hear events: an import
    /// raises thousands of events, and each looked through every handler of every plugin.
    private let beforeCommit: [String: [(plugin: PluginID, handler: EventHandler)]]
    private let afterCommit: [String: [(plugin: PluginID, handler: EventHandler)]]
    private let logger: Logger

    /// Builds a bus from each plugin's handlers, in the order plugins should hear events.
    public init(handlers: [(plugin: PluginID, handlers: [EventHandler])], logger: Logger) {
        let all = handlers.flatMap { entry in entry.handlers.map { (plugin: entry.plugin, handler: $0) } }
        beforeCommit = Dictionary(grouping: all.filter { $0.handler.phase == .beforeCommit }, by: \.handler.eventName)
        afterCommit = Dictionary(grouping: all.filter { $0.handler.phase == .afterCommit }, by: \.handler.eventName)
        self.logger = logger
    }

    /// Starts collecting the events of one write transaction.
    public func recorder(in db: Database) -> EventRecorder {
        EventRecorder(db: db, bus: self)
    }

    /// Runs the before-commit handlers of `event`; inside a batch (`batch` not nil), a handler that takes batches
    /// gets the event added to its share of the batch instead, for ``runBatches(_:db:)``.
    func runBeforeCommit(
        _ event: any KernelEvent, enabled: Set<PluginID>, db: Database, batch: inout EventBatch?
    ) throws {
        let name = type(of: event).name
        for (index, (plugin, handler)) in (beforeCommit[name] ?? []).enumerated()
        where enabled.contains(plugin) || handler.everyOrganization {
            if handler.runBatch != nil, batch != nil {
                batch!.add(event, for: HandlerKey(eventName: name, index: index))
            } else {
                try handler.runBefore?(event, db)
            }
        }
    }

    /// Runs each batch handler once with its share of `batch`, in the order their first events were raised.
    func runBatches(_ batch: EventBatch, db: Database) throws {
        for key in batch.keys {
            let handler = beforeCommit[key.eventName]![key.index].handler
            try handler.runBatch?(batch.events[key]!, db)
        }
    }

    /// Delivers committed events to after-commit handlers; a failing handler is logged and the rest still run.
    public func deliver(_ pending: [PendingEvent]) async {
        for item in pending {
            let name = type(of: item.event).name
            for (plugin, handler) in afterCommit[name] ?? [] where item.enabled.contains(plugin) {
                do {
                    try await handler.runAfter?(item.event)
                } catch {
                    logger.error(
                        "Event handler failed; the change it reacted to is kept",
                        metadata: [
                            "plugin.id": "\(plugin)", "event": "\(name)",
                            "org.id": "\(item.event.organizationId)", "error": "\(type(of: error))",
                        ])
                }
            }
        }
    }
}

/// An event waiting for its transaction to commit, with the plugins enabled for its organization at that moment.
public struct PendingEvent: Sendable {
    public let event: any KernelEvent
    public let enabled: Set<PluginID>
}

/// Collects the events raised inside one write transaction and runs their before-commit handlers at once.
///
/// It lives only inside the transaction's closure; ``pending`` goes out with the closure's result.
public final class EventRecorder {
    private let db: Database
    private let bus: EventBus
    /// The events raised so far, in order.
    public private(set) var pending: [PendingEvent] = []
    /// The plugins enabled per organization, read once per transaction (an import raises thousands of events for a
    /// few organizations) and forgotten when the transaction changes an enablement.
    private var enabled: [Organization.ID: Set<PluginID>] = [:]
    /// The events of the batch under way (see ``batch(_:)``), for the handlers that take batches.
    private var openBatch: EventBatch?

    init(db: Database, bus: EventBus) {
        self.db = db
        self.bus = bus
    }

    /// Raises `event`: runs before-commit handlers now and queues it for after-commit delivery.
    /// - Throws: Whatever a before-commit handler throws (for example ``Veto``); the write should then roll back.
    public func emit(_ event: any KernelEvent) throws {
        let enabled = try enabledPlugins(for: event.organizationId)
        try bus.runBeforeCommit(event, enabled: enabled, db: db, batch: &openBatch)
        pending.append(PendingEvent(event: event, enabled: enabled))
    }

    /// Raises the events `body` emits as one batch: handlers that take events one by one hear each as it is
    /// raised, as always; handlers that take batches (``EventHandler/maintainingBatches(_:_:)``) hear the batch's
    /// events together when `body` returns, or when it throws (the events raised before the failure were raised:
    /// a caller that catches the error and goes on finds kept figures that match what was written). After-commit
    /// delivery is unchanged: every event, in the order raised. A batch inside a batch is part of it.
    func batch<T>(_ body: () throws -> T) throws -> T {
        guard openBatch == nil else { return try body() }
        openBatch = EventBatch()
        let result: Result<T, any Error> = Result { try body() }
        let raised = openBatch!
        openBatch = nil
        try bus.runBatches(raised, db: db)
        return try result.get()
    }

    /// Forgets what was read of `organization`'s enabled plugins: the transaction just changed them.
    func enablementChanged(for organization: Organization.ID) {
        enabled[organization] = nil
    }

    private func enabledPlugins(for organization: Organization.ID) throws -> Set<PluginID> {
        if let known = enabled[organization] { return known }
        let read = try PluginEnablementRecord.enabledPlugins(of: organization, in: db)
        enabled[organization] = read
        return read
    }
}

/// Which handler of the bus: the event it handles and its place among that event's before-commit handlers.
struct HandlerKey: Hashable {
    let eventName: String
    let index: Int
}

/// The events of one batch that handlers taking batches are waiting for, each handler's in the order raised.
struct EventBatch {
    private(set) var events: [HandlerKey: [any KernelEvent]] = [:]
    /// The handlers in the order their first event arrived.
    private(set) var keys: [HandlerKey] = []

    mutating func add(_ event: any KernelEvent, for key: HandlerKey) {
        if events[key] == nil { keys.append(key) }
        events[key, default: []].append(event)
    }
}
