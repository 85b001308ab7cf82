public import Foundation
public import Kernel
public import Logging
public import PluginKit

/// A migrated in-memory kernel with chosen plugins, a test clock and captured logs.
///
/// ```swift
/// let harness = try PluginHarness(plugins: [MyPlugin.self])
/// try await harness.importFixture("asknet/asknet.yaml")
/// ```
public struct PluginHarness: Sendable {
    public let workspace: Workspace
    public let clock: TestClock
    public let logs: CapturedLogs

    /// Builds the registry from `plugins`, migrates a fresh in-memory store, and builds the plugins.
    public init(plugins: [any Plugin.Type] = [], clock: TestClock = TestClock()) throws {
        let logs = CapturedLogs()
        self.logs = logs
        self.clock = clock
        workspace = try TestStore.inMemory(plugins: plugins, logger: logs.logger(), now: clock.closure)
    }

    /// Imports a definition file from `fixtures/`.
    @discardableResult
    public func importFixture(_ name: String) async throws -> ImportSummary {
        let document = try NetworkDocument.read(
            try Fixtures.text(name), file: name, registry: workspace.registry)
        return try await workspace.importNetwork(document, file: name)
    }

    /// Imports YAML text given inline.
    @discardableResult
    public func importText(_ text: String, file: String = "test.yaml", dryRun: Bool = false) async throws
        -> ImportSummary
    {
        let document = try NetworkDocument.read(text, file: file, registry: workspace.registry)
        return try await workspace.importNetwork(document, file: file, dryRun: dryRun)
    }
}

/// Migrated stores for tests.
public enum TestStore {
    /// A private in-memory database, migrated for the kernel and `plugins`, wrapped in a workspace.
    public static func inMemory(
        plugins: [any Plugin.Type] = [], logger: Logger = Logger(label: "test"),
        now: @escaping @Sendable () -> Date = { Date() }
    ) throws -> Workspace {
        try Workspace.open(
            store: try Store.inMemory(), registry: try PluginRegistry(installing: plugins), logger: logger, now: now)
    }
}

/// Reads the repository's `fixtures/` folder.
public enum Fixtures {
    /// The repository's root, found from this source file's location.
    public static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The URL of a file under `fixtures/`.
    public static func url(_ name: String) -> URL {
        repositoryRoot.appendingPathComponent("fixtures").appendingPathComponent(name)
    }

    /// The text of a file under `fixtures/`.
    public static func text(_ name: String) throws -> String {
        try String(contentsOf: url(name), encoding: .utf8)
    }
}
