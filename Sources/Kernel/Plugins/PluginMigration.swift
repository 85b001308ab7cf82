/// One named SQL migration of a plugin. Never edit it once released: add a new one.
///
/// The SQL may only create or change objects whose names start with the plugin's ``PluginID/tablePrefix``
/// (foreign keys to kernel tables are fine); the store checks this after running it.
public struct PluginMigration: Sendable, Hashable {
    /// A name unique within the plugin, such as `0001-create-study`.
    public let name: String
    /// The SQL to run, in one transaction with the migration's bookkeeping.
    public let sql: String

    public init(_ name: String, sql: String) {
        self.name = name
        self.sql = sql
    }

    /// The migration's id in the database: `<plugin id>/<name>`.
    public func identifier(for plugin: PluginID) -> String { "\(plugin)/\(name)" }
}
