import Foundation
import GRDB
import Kernel
import Logging
public import PluginKit

/// The checks every plugin must pass, for each plugin's own test suite:
///
/// ```swift
/// @Test func conforms() async throws {
///     #expect(try await PluginConformance.problems(of: FeedsPlugin.self) == [])
/// }
/// ```
public enum PluginConformance {
    /// What is wrong with `plugin` (empty when nothing is).
    ///
    /// - The registry accepts it together with `dependencies`.
    /// - Its migrations apply to an empty database, and opening the database again applies nothing more.
    /// - Every table, index and trigger it creates carries its prefix.
    /// - Its settings defaults survive the trip through the settings codec unchanged.
    public static func problems(of plugin: any Plugin.Type, with dependencies: [any Plugin.Type] = []) async throws
        -> [String]
    {
        var problems: [String] = []
        let registry: PluginRegistry
        do {
            registry = try PluginRegistry(installing: dependencies + [plugin])
        } catch {
            return ["the registry refuses it: \(error)"]
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "conformance-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("indaba.sqlite").path
        let logger = Logger(label: "conformance")
        var snapshots: [[String]] = []
        for _ in 0..<2 {
            do {
                let workspace = try Workspace.open(
                    store: try Store.open(path: path), registry: registry, logger: logger)
                snapshots.append(
                    try await workspace.read { db in
                        try String.fetchAll(
                            db,
                            sql:
                                "SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_master ORDER BY name"
                        )
                            + (try String.fetchAll(
                                db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier"))
                    })
            } catch {
                return problems + ["its migrations do not apply to an empty database: \(error)"]
            }
        }
        if snapshots[0] != snapshots[1] { problems.append("opening the database a second time changed its schema") }
        let kernelOnly = Set(
            try await TestStore.inMemory(plugins: dependencies).read { db in
                try String.fetchAll(db, sql: "SELECT name FROM sqlite_master")
            })
        let withPlugin = try await Workspace.open(store: try Store.open(path: path), registry: registry, logger: logger)
            .read { db in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master ORDER BY name") }
        for name in withPlugin
        where !kernelOnly.contains(name) && !name.hasPrefix(plugin.id.tablePrefix)
            && !name.hasPrefix("sqlite_autoindex_\(plugin.id.tablePrefix)")
        {
            problems.append("'\(name)' does not start with '\(plugin.id.tablePrefix)'")
        }
        let settingsType: any PluginSettings.Type = plugin.settings
        let settingsProblems = roundTrip(settingsType, plugin: plugin.id)
        problems += settingsProblems
        return problems
    }

    private static func roundTrip<S: PluginSettings>(_ type: S.Type, plugin: PluginID) -> [String] {
        do {
            let object = try SettingsCodec.merge([:], onto: nil, for: S.self, plugin: plugin)
            let decoded = try SettingsCodec.decode(S.self, from: object, plugin: plugin)
            return decoded == S.defaults ? [] : ["its settings defaults change when stored and read back"]
        } catch {
            return ["its settings defaults cannot be stored and read back: \(error)"]
        }
    }
}
