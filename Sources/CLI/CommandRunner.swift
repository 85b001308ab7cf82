import ArgumentParser
import Foundation
import GRDB
import Kernel
public import Logging
import PluginKit

/// Parses a command line, runs the command, and turns every failure into a message and an exit code.
///
/// Errors are printed once, to standard error, as a sentence that says what to do; nothing is printed as a stack
/// trace. Plugin commands run only for organizations that enabled the plugin.
public struct CommandRunner<Installed: PluginInstallation> {
    let logger: Logger
    let user: String

    public init(logger: Logger, user: String) {
        self.logger = logger
        self.user = user
    }

    /// Runs `arguments` (without the executable's name) and returns the process exit code.
    public func run(_ arguments: [String]) async -> Int32 {
        do {
            let registry = try PluginRegistry(installing: Installed.plugins)
            let environment = CommandEnvironment(registry: registry, logger: logger, user: user)
            let command = try IndabaCommand<Installed>.parseAsRoot(arguments)
            let name = type(of: command).configuration.commandName ?? "\(type(of: command))"
            defer { logger.debug("Command finished", metadata: ["command": "\(name)"]) }
            switch command {
            case let command as any KernelCommand:
                let path = type(of: command).usesDatabaseFile ? command.global.databasePath : nil
                try await withWorkspace(
                    environment.workspace(
                        path: path, creating: type(of: command).createsDatabase, baseURL: command.baseURL,
                        fallbackBaseURL: command.fallbackBaseURL),
                    servesRequests: type(of: command).servesRequests
                ) { workspace in
                    try await command.run(in: environment.acting(as: command.global.actingAs), workspace: workspace)
                }
            case let command as any PluginCommand:
                try await runPluginCommand(command, environment: environment)
            default:
                var command = command
                try command.run()
            }
            return 0
        } catch {
            return report(error)
        }
    }

    private func runPluginCommand(_ command: any PluginCommand, environment: CommandEnvironment) async throws {
        let options = command.pluginOptions
        let path = options.db ?? ProcessInfo.processInfo.environment["INDABA_DB"] ?? "indaba.sqlite"
        try await withWorkspace(environment.workspace(path: path)) { workspace in
            guard
                let plugin = workspace.installedPlugins.first(where: {
                    type(of: $0).allCommands.contains { ObjectIdentifier($0) == ObjectIdentifier(type(of: command)) }
                })
            else { throw ValidationError("This command belongs to no installed plugin.") }
            let pluginId = type(of: plugin).id
            let reference = try await workspace.read { db in try Lookup.organization(options.org, in: db) }
            let organization = try await workspace.gate.organization(
                reference.id!, plugin: pluginId, scope: Scope(.administrator(of: reference)), surface: .commandLine)
            try await command.run(
                in: PluginCommandContext(
                    workspace: workspace, organization: organization, plugin: plugin, json: options.json,
                    actor: environment.actor, output: environment.output))
        }
    }

    /// Runs one command's `body` with its open workspace, then closes the database, its write-ahead log emptied
    /// (``Kernel/Store/close()``; a failure to close is only logged: every change was committed before). A command
    /// that does not serve requests reads with no time limit on its thread: nothing else waits for that thread.
    private func withWorkspace(
        _ workspace: Workspace, servesRequests: Bool = false, _ body: (Workspace) async throws -> Void
    ) async throws {
        defer {
            do {
                try workspace.store.close()
            } catch {
                logger.notice(
                    "The database was not closed; its write-ahead log stays until the next write",
                    metadata: ["error": "\(error)"])
            }
        }
        if !servesRequests { workspace.store.limitReadsOnCallersThread(to: nil) }
        try await body(workspace)
    }

    private func report(_ error: any Error) -> Int32 {
        switch error {
        case is KernelError, is ImportError, is StoreError, is SettingsError, is PluginRegistryError, is Veto:
            write("Error: \(error)")
            return 1
        case let error as ValidationError:
            // Thrown while running (after parsing): the sentence says what to fix; the root usage would not help.
            write("Error: \(error.message)")
            return ExitCode.validationFailure.rawValue
        default:
            let code = IndabaCommand<Installed>.exitCode(for: error)
            let message = IndabaCommand<Installed>.fullMessage(for: error)
            if code == .success {
                FileHandle.standardOutput.write(Data((message + "\n").utf8))
            } else if !message.isEmpty {
                write(message)
            }
            return code.rawValue
        }
    }

    /// Writes an error to standard error, escaped for the terminal (a message may quote what was typed or read).
    private func write(_ message: String) {
        FileHandle.standardError.write(Data((HostileCharacters.escapedForTerminal(message) + "\n").utf8))
    }
}
