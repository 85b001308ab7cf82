import Foundation
public import GRDB
import GRDBSQLite
public import Logging
import Synchronization

/// The one SQLite database of an Indaba installation, opened once per process.
///
/// A file database is a WAL `DatabasePool` (reads never wait for a write); tests use an in-memory queue.
/// Foreign keys are on and every multi-step change runs in one `write` transaction.
public final class Store: Sendable {
    /// Where reads and writes go. A `Database` handle never escapes the closures given to it.
    public let writer: any DatabaseWriter
    /// The file path, or `nil` in memory.
    public let path: String?
    /// One for each reading connection (``read(_:)``).
    let permits: ReaderPermits
    /// ``callersThreadLimit`` in nanoseconds; negative for none.
    private let callersThreadNanoseconds = Atomic<Int64>(Store.defaultCallersThreadLimit)
    /// Whether ``close()`` was called.
    private let closed = Atomic<Bool>(false)

    /// 20 ms: longer than any search or page's read of the benchmarks (7 ms at most), short enough that a read that
    /// turns out long holds a request's thread for no longer than that before it moves off.
    static let defaultCallersThreadLimit: Int64 = 20_000_000

    private init(writer: any DatabaseWriter, path: String?) {
        self.writer = writer
        self.path = path
        // A queue (in memory) reads on its one connection, one read at a time.
        permits = ReaderPermits(count: (writer as? DatabasePool)?.configuration.maximumReaderCount ?? 1)
    }

    /// How long ``read(_:)`` runs on the thread of the task that asked before the read is moved to a reader thread:
    /// 20 ms unless set, for a server, whose requests share one thread for each processor; `nil` (no limit) for a
    /// command that runs once, where nothing else waits for those threads.
    public var callersThreadLimit: Duration? { callersThreadLimitNanoseconds.map { .nanoseconds($0) } }

    /// ``callersThreadLimit`` in nanoseconds.
    var callersThreadLimitNanoseconds: Int64? {
        let nanoseconds = callersThreadNanoseconds.load(ordering: .relaxed)
        return nanoseconds < 0 ? nil : nanoseconds
    }

    /// Sets ``callersThreadLimit``.
    public func limitReadsOnCallersThread(to limit: Duration?) {
        let nanoseconds = limit.map {
            $0.components.seconds * 1_000_000_000 + $0.components.attoseconds / 1_000_000_000
        }
        callersThreadNanoseconds.store(nanoseconds.map { max(0, $0) } ?? -1, ordering: .relaxed)
    }

    /// Opens (creating if needed) the database file at `path`; does not migrate it.
    ///
    /// A write-ahead log left by a process that stopped without ``close()`` is copied into the file first (a passive
    /// checkpoint, which never waits for anyone): SQLite cannot tell how much of such a log was copied already, so until
    /// the next checkpoint every reader would take each page in it from the log, a `read(2)` into its small page cache,
    /// instead of from the file's memory map. After an import had left its whole database in the log, searches ran 3% to
    /// 8% slower, however long the server had been up, until something was written.
    /// - Throws: ``StoreError/cannotOpen(path:reason:)`` when the file cannot be opened as a database.
    public static func open(path: String) throws -> Store {
        do {
            let pool = try DatabasePool(path: path, configuration: configuration())
            // Busy means another process is copying the log at this moment, which is as good.
            _ = try? pool.writeWithoutTransaction { db in try db.checkpoint(.passive) }
            return Store(writer: pool, path: path)
        } catch {
            throw StoreError.cannotOpen(path: path, reason: String(describing: error))
        }
    }

    /// Closes the database, once a process is done with it: the write-ahead log of a file database is copied into the
    /// file and emptied (the `-wal` file stays, at 0 bytes), unless another process (a server) is reading from the log
    /// at that moment, which then starts it afresh with its next write. Nothing is read or written through the store
    /// afterwards; closing again does nothing.
    ///
    /// SQLite's own close would empty the log, but GRDB closes a pool's writer before its readers, and the last
    /// connection, a read-only one, may not. A log left full slows every process that opens the file after (see
    /// ``open(path:)``).
    /// - Throws: What GRDB throws when a connection cannot be closed; every change was committed before, so nothing
    ///   is lost.
    public func close() throws {
        guard !closed.exchange(true, ordering: .relaxed) else { return }
        if let pool = writer as? DatabasePool {
            _ = try? pool.writeWithoutTransaction { db in
                // First the copy, which never holds back another process's writes; then the emptying, which holds
                // them only for what was written meanwhile. Never wait for another process's readers: that process
                // starts the log afresh itself, later.
                try db.checkpoint(.passive)
                sqlite3_busy_timeout(db.sqliteConnection, 0)
                return try db.checkpoint(.truncate)
            }
        }
        try writer.close()
    }

    /// Opens an empty, private in-memory database; does not migrate it.
    public static func inMemory() throws -> Store {
        Store(writer: try DatabaseQueue(configuration: configuration()), path: nil)
    }

    /// How much of the database file each reading connection maps into memory (the rest, if any, is read as before).
    static let mappedBytes = 256 << 20

    private static func configuration() -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            if db.configuration.readonly {
                // A reader's pages come from the file's memory map instead of a read(2) each: its own page cache
                // (2 MB) holds little of a library's search index and texts, and the pool's readers take turns. The
                // writer keeps reading as before (imports measured no better with it).
                try db.execute(sql: "PRAGMA mmap_size = \(mappedBytes)")
                ReadCancellation.install(on: db)
            }
        }
        return config
    }

    /// Applies the kernel's migrations, then each installed plugin's, in the order given.
    ///
    /// A plugin migration may create or change only objects whose names start with its table prefix; anything else
    /// fails the migration (and rolls it back). Migrations already recorded but no longer known (a plugin that was
    /// uninstalled) are reported to `logger` and left alone: their tables and data stay.
    /// - Parameters:
    ///   - plugins: Each installed plugin's id and migrations, in dependency order.
    ///   - logger: Receives a notice for superseded migrations.
    public func migrate(plugins: [(id: PluginID, migrations: [PluginMigration])], logger: Logger) throws {
        var migrator = DatabaseMigrator()
        for migration in KernelMigrations.all {
            migrator.registerMigration(migration.id) { db in try db.execute(sql: migration.sql) }
        }
        for plugin in plugins {
            for migration in plugin.migrations {
                migrator.registerMigration(migration.identifier(for: plugin.id)) { db in
                    try Self.apply(migration, of: plugin.id, in: db)
                }
            }
        }
        try migrator.migrate(writer)
        let known = Set(migrator.migrations)
        let applied = try writer.read { db in try migrator.appliedIdentifiers(db) }
        for identifier in applied.subtracting(known).sorted() {
            logger.notice(
                "Migration of a plugin that is not installed stays applied; its tables are kept",
                metadata: ["migration.id": "\(identifier)"])
        }
    }

    private static func apply(_ migration: PluginMigration, of pluginId: PluginID, in db: Database) throws {
        let before = try schema(db)
        try db.execute(sql: migration.sql)
        let after = try schema(db)
        let prefix = pluginId.tablePrefix
        try refuseForeignTriggers(
            of: migration, by: pluginId, changed: after.filter { before[$0.key] != $0.value }, in: db)
        let touched = Set(before.keys).union(after.keys).filter { before[$0] != after[$0] && !$0.hasPrefix(prefix) }
        if !touched.isEmpty {
            throw StoreError.migrationOutsidePrefix(
                migration: migration.identifier(for: pluginId), prefix: prefix, objects: touched.sorted())
        }
    }

    /// Refuses a trigger the migration created or changed on a table outside the plugin's prefix (a kernel table):
    /// plugins react to kernel events instead, so the kernel's tables are never the plugin API.
    private static func refuseForeignTriggers(
        of migration: PluginMigration, by pluginId: PluginID, changed: [String: String], in db: Database
    ) throws {
        let triggers = try Row.fetchAll(db, sql: "SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger'")
        for row in triggers {
            let (name, table): (String, String) = (row["name"], row["tbl_name"])
            if changed[name] != nil, !table.hasPrefix(pluginId.tablePrefix) {
                throw StoreError.triggerOnForeignTable(
                    plugin: "\(pluginId)", migration: migration.identifier(for: pluginId), trigger: name, table: table)
            }
        }
    }

    private static func schema(_ db: Database) throws -> [String: String] {
        let rows = try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")
        return Dictionary(uniqueKeysWithValues: rows.map { ($0["name"] as String, ($0["sql"] as String?) ?? "") })
    }

    /// Writes a consistent copy of the live database to a new file at `path`, while others keep reading and writing.
    ///
    /// The copy is written beside the target and renamed into place, so a failed backup leaves no partial file.
    /// - Throws: ``StoreError/backupTargetExists(path:)`` rather than overwrite a file.
    public func backup(to path: String) throws {
        let files = FileManager.default
        guard !files.fileExists(atPath: path) else { throw StoreError.backupTargetExists(path: path) }
        let partial = path + ".partial"
        try? files.removeItem(atPath: partial)
        do {
            let target = try DatabaseQueue(path: partial)
            try writer.backup(to: target)
            try target.close()
            try files.moveItem(atPath: partial, toPath: path)
        } catch {
            try? files.removeItem(atPath: partial)
            throw StoreError.backupFailed(path: path, reason: String(describing: error))
        }
    }
}
