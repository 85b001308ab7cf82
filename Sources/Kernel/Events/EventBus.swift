public import GRDB
public import Logging

/// Routes kernel events to the handlers of plugins enabled for the event's organization.
///
/// Plugins are visited in the registry's order (dependencies first, then by id).
public struct EventBus: Sendable {
    private let handlers: [(plugin: PluginID, handler: EventHandler)]
    private let logger: Logger

    /// Builds a bus from each plugin's handlers, in the order plugins should hear events.
    public init(handlers: [(plugin: PluginID, handlers: [EventHandler])], logger: Logger) {
        self.handlers = handlers.flatMap { entry in entry.handlers.map { (entry.plugin, $0) } }
        self.logger = logger
    }

    /// Starts collecting the events of one write transaction.
    public func recorder(in db: Database) -> EventRecorder {
        EventRecorder(db: db, bus: self)
    }

    func runBeforeCommit(_ event: any KernelEvent, enabled: Set<PluginID>, db: Database) throws {
        for (plugin, handler) in handlers
        where handler.phase == .beforeCommit && handler.eventName == type(of: event).name
            && (enabled.contains(plugin) || handler.everyOrganization)
        {
            try handler.runBefore?(event, db)
        }
    }

    /// Delivers committed events to after-commit handlers; a failing handler is logged and the rest still run.
    public func deliver(_ pending: [PendingEvent]) async {
        for item in pending {
            let name = type(of: item.event).name
            for (plugin, handler) in handlers
            where handler.phase == .afterCommit && handler.eventName == name && item.enabled.contains(plugin) {
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

    init(db: Database, bus: EventBus) {
        self.db = db
        self.bus = bus
    }

    /// Raises `event`: runs before-commit handlers now and queues it for after-commit delivery.
    /// - Throws: Whatever a before-commit handler throws (for example ``Veto``); the write should then roll back.
    public func emit(_ event: any KernelEvent) throws {
        let enabled = try enabledPlugins(for: event.organizationId)
        try bus.runBeforeCommit(event, enabled: enabled, db: db)
        pending.append(PendingEvent(event: event, enabled: enabled))
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
