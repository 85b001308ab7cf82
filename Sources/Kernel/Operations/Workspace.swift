public import Foundation
public import GRDB
public import Logging
import Synchronization

/// The kernel at work: the migrated store, the installed plugins built from it, and the event bus between them.
///
/// Build one per process with ``open(store:registry:logger:now:baseURL:)`` and pass it to whatever needs it.
public struct Workspace: Sendable {
    public let store: Store
    public let registry: PluginRegistry
    /// One instance per installed plugin, in registry order.
    public let plugins: [any KernelPlugin]
    public let bus: EventBus
    public let logger: Logger
    /// The clock; tests inject a fixed one.
    public let now: @Sendable () -> Date
    /// Counts the writes this process has committed, so in-memory caches know when to look again.
    public let writes: WriteCounter
    /// Decides, for every surface, whether a plugin may serve an organization.
    public let gate: PluginGate
    /// The server's public address (scheme, host, port, no trailing slash), for links in messages and documents.
    public let baseURL: String

    /// The address used when none is configured: `make run`'s server.
    public static let defaultBaseURL = "http://127.0.0.1:8080"

    /// Migrates `store` for the kernel and every installed plugin, then builds the plugins.
    /// - Throws: ``StoreError`` when a migration fails, or whatever a plugin's initializer throws.
    public static func open(
        store: Store, registry: PluginRegistry, logger: Logger, now: @escaping @Sendable () -> Date = { Date() },
        baseURL: String = defaultBaseURL
    ) throws -> Workspace {
        let baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        try store.migrate(plugins: registry.plugins.map { ($0.id, $0.migrations) }, logger: logger)
        let writes = WriteCounter()
        store.writer.writeWithoutTransaction { db in
            db.add(transactionObserver: CommitCounter(writes), extent: .databaseLifetime)
        }
        let gate = PluginGate(store: store, writes: writes)
        let link = BusLink()
        let plugins = try registry.plugins.map { type in
            try type.init(
                context: PluginContext(
                    pluginId: type.id, store: store, logger: logger, now: now, writes: writes,
                    settingsType: type.settings, bus: link, gate: gate, baseURL: baseURL))
        }
        let bus = EventBus(
            handlers: plugins.map { (type(of: $0).id, $0.eventHandlers) }, logger: logger)
        link.bus.withLock { $0 = bus }
        return Workspace(
            store: store, registry: registry, plugins: plugins, bus: bus, logger: logger, now: now, writes: writes,
            gate: gate, baseURL: baseURL)
    }

    /// The installed plugin instance with `id`.
    public func plugin(_ id: PluginID) -> (any KernelPlugin)? {
        plugins.first { type(of: $0).id == id }
    }

    /// Runs `body` as one write transaction, then delivers its events to after-commit handlers.
    ///
    /// If `body` (or a before-commit handler) throws, everything is rolled back and no event is delivered.
    @discardableResult
    public func write<T: Sendable>(
        as actor: AuditActor, _ body: @escaping @Sendable (WriteTransaction) throws -> T
    ) async throws -> T {
        try await Self.write(
            as: actor, store: store, bus: bus, writes: writes, logger: logger, now: now(), body)
    }

    static func write<T: Sendable>(
        as actor: AuditActor, store: Store, bus: EventBus, writes: WriteCounter, logger: Logger, now: Date,
        _ body: @escaping @Sendable (WriteTransaction) throws -> T
    ) async throws -> T {
        let (value, pending) = try await store.writer.write { db in
            let transaction = WriteTransaction(db: db, events: bus.recorder(in: db), now: now, actor: actor)
            let value = try body(transaction)
            return (value, transaction.events.pending)
        }
        // Counted only when traced: an import commits thousands of events.
        if !pending.isEmpty, logger.logLevel <= .trace {
            let names = pending.map { type(of: $0.event).name }
            let counts = Dictionary(names.map { ($0, 1) }, uniquingKeysWith: +).sorted { $0.key < $1.key }
            logger.trace(
                "Write committed",
                metadata: [
                    "actor": "\(actor)", "events": "\(counts.map { "\($0.key)=\($0.value)" }.joined(separator: ","))",
                ])
        }
        writes.increment()
        await bus.deliver(pending)
        return value
    }

    /// Runs a read-only query on a consistent snapshot.
    public func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await store.read(body)
    }
}

/// The event bus, for plugins: they are built before it exists (it collects their handlers).
final class BusLink: Sendable {
    let bus = Mutex<EventBus?>(nil)
}
