public import ArgumentParser
import Foundation
import GRDB
public import Kernel
public import Logging
public import PluginKit

/// What every built-in command runs with: the installed plugins, a logger, and who is at the keyboard.
public struct CommandEnvironment: Sendable {
    public let registry: PluginRegistry
    public let logger: Logger
    /// The operating-system account running the command, for the audit log.
    public let user: String
    /// Where commands print their results and notes.
    public let output: CommandOutput

    public init(registry: PluginRegistry, logger: Logger, user: String, output: CommandOutput = CommandOutput()) {
        self.registry = registry
        self.logger = logger
        self.user = user
        self.output = output
    }

    /// Opens and migrates the database at `path` (or a private in-memory one when `path` is `nil`).
    /// - Parameter creating: Whether a missing file may be created; otherwise a missing file is an error, so a
    ///   mistyped path never turns into an empty database.
    /// - Parameters:
    ///   - baseURL: The command's `--base-url`; without it the one base-URL setting decides (see
    ///     ``PluginKit/BaseURLSetting``): `INDABA_BASE_URL`, then the URL recorded for the database, then
    ///     `fallbackBaseURL`, then ``Kernel/Workspace/defaultBaseURL``.
    public func workspace(
        path: String?, creating: Bool = false, baseURL: String? = nil, fallbackBaseURL: String? = nil
    ) throws -> Workspace {
        if let path, !creating, !FileManager.default.fileExists(atPath: path) {
            throw ValidationError(
                "There is no database at \(path); create it with `indaba init --db \(path)`, or point --db or "
                    + "INDABA_DB at an existing one.")
        }
        let store = try path.map { try Store.open(path: $0) } ?? Store.inMemory()
        let environmentURL = ProcessInfo.processInfo.environment[BaseURLSetting.environmentVariable]
            .flatMap { $0.isEmpty ? nil : $0 }
        // Before the first migration there is no siteSetting table, and so no recorded URL.
        let recorded = (try? store.writer.read { db in try SiteSettings.baseURL(in: db) }) ?? nil
        do {
            return try Workspace.open(
                store: store, registry: registry, logger: logger,
                baseURL: baseURL ?? environmentURL ?? recorded ?? fallbackBaseURL ?? Workspace.defaultBaseURL)
        } catch {
            try? store.close()
            throw error
        }
    }

    /// The same environment, with `name` (`--as`) at the keyboard.
    public func acting(as name: String?) -> CommandEnvironment {
        guard let name else { return self }
        return CommandEnvironment(registry: registry, logger: logger, user: name, output: output)
    }

    /// Who the audit log says made a change.
    public var actor: AuditActor { .commandLine(user: user) }
}

/// A built-in command: run with the environment and an open workspace instead of ArgumentParser's bare `run()`.
public protocol KernelCommand: AsyncParsableCommand {
    /// The options every command takes (`--db`, `--json`).
    var global: GlobalOptions { get }
    /// Runs the command.
    func run(in environment: CommandEnvironment, workspace: Workspace) async throws
    /// Whether the command works on the database file; a command that only describes the build gets a private,
    /// empty in-memory database instead (and creates no file).
    static var usesDatabaseFile: Bool { get }
    /// Whether the command may create the database file (`init`, `import`).
    static var createsDatabase: Bool { get }
    /// Whether the command answers requests while it runs (`serve`): its reads keep the store's limit on the time
    /// they spend on a task's thread (``Kernel/Store/callersThreadLimit``); a command that runs once has none.
    static var servesRequests: Bool { get }
    /// The server's public address the command was given (`--base-url`), if it takes one; otherwise
    /// `INDABA_BASE_URL`, then the URL recorded for the database, then ``fallbackBaseURL``, then
    /// ``Kernel/Workspace/defaultBaseURL``.
    var baseURL: String? { get }
    /// The address to use when nothing sets one (`serve`: the address it listens on).
    var fallbackBaseURL: String? { get }
}

extension KernelCommand {
    public static var usesDatabaseFile: Bool { true }
    public static var createsDatabase: Bool { false }
    public static var servesRequests: Bool { false }
    public var baseURL: String? { nil }
    public var fallbackBaseURL: String? { nil }

    public mutating func run() async throws {
        throw ValidationError("This command runs only through the indaba executable.")
    }
}
