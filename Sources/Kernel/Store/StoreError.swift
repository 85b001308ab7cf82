/// Failures of the database file itself, as opposed to refused domain changes.
public enum StoreError: Error, CustomStringConvertible, Equatable {
    case cannotOpen(path: String, reason: String)
    case migrationOutsidePrefix(migration: String, prefix: String, objects: [String])
    case backupTargetExists(path: String)
    case backupFailed(path: String, reason: String)
    /// A plugin migration created a trigger on a table that is not the plugin's own (a kernel table).
    case triggerOnForeignTable(plugin: String, migration: String, trigger: String, table: String)

    public var description: String {
        switch self {
        case let .cannotOpen(path, reason):
            "Cannot open the database at \(path) (\(reason)); check the path and its permissions, or pass --db."
        case let .migrationOutsidePrefix(migration, prefix, objects):
            "Migration \(migration) changed \(objects.joined(separator: ", ")), outside its table prefix "
                + "'\(prefix)'; a plugin may only create or change objects named \(prefix)…"
        case let .backupTargetExists(path):
            "\(path) already exists; choose a new backup path or remove the old file first."
        case let .backupFailed(path, reason):
            "The backup to \(path) failed (\(reason)); nothing was written there."
        case let .triggerOnForeignTable(plugin, migration, trigger, table):
            "Plugin \(plugin)'s migration \(migration) creates trigger \(trigger) on table \(table), which is not the "
                + "plugin's own; a plugin may not put triggers on kernel tables: react to kernel events instead "
                + "(an EventHandler in the plugin's eventHandlers)."
        }
    }
}
