import ArgumentParser
import GRDB
import Kernel
import PluginKit

struct PluginAdminCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugin", abstract: "See installed plugins; enable, disable and configure them per organization.",
        subcommands: [List.self, Enable.self, Disable.self, Settings.self])

    struct List: KernelCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List installed plugins (with --org: whether each is enabled there).")

        @OptionGroup var global: GlobalOptions

        @Option(name: .long, help: "Show enablement for this organization.")
        var org: String?

        func run(in environment: CommandEnvironment, workspace: Workspace) async throws {
            let reference = org
            let enabled: Set<String>? = try await workspace.read { db in
                guard let reference else { return nil }
                let organization = try Lookup.organization(reference, in: db)
                return Set(
                    try PluginEnablementRecord.enabledPlugins(of: organization.id!, in: db).map(\.rawValue))
            }
            let plugins = workspace.registry.plugins
            if global.json {
                return try environment.output.printJSON(
                    plugins.map { plugin in
                        PluginLine(
                            id: plugin.id.rawValue, version: plugin.version.description,
                            dependencies: plugin.dependencies.map(\.description),
                            enabled: enabled.map { $0.contains(plugin.id.rawValue) })
                    })
            }
            guard !plugins.isEmpty else { return environment.output.print("No plugins are installed.") }
            var table = TextTable(header: "PLUGIN", "VERSION", "NEEDS", "ENABLED")
            for plugin in plugins {
                table.add(
                    plugin.id.rawValue, plugin.version.description,
                    plugin.dependencies.map(\.description).joined(separator: ", "),
                    enabled.map { $0.contains(plugin.id.rawValue) ? "yes" : "no" } ?? "(use --org)")
            }
            environment.output.print(table.text)
        }
    }

    struct Enable: KernelCommand {
        static let configuration = CommandConfiguration(
            commandName: "enable", abstract: "Enable a plugin for an organization.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The plugin id.")
        var plugin: String

        @Option(name: .long, help: "The organization (slug path or id).")
        var org: String

        @Option(name: .long, help: "A setting as key=value (value in JSON, or plain text); repeatable.")
        var set: [String] = []

        func run(in environment: CommandEnvironment, workspace: Workspace) async throws {
            let (plugin, reference, changes, registry) = (
                PluginID(plugin), org,
                try SettingAssignments.parse(set, for: PluginID(plugin), registry: workspace.registry),
                workspace.registry
            )
            try await workspace.write(as: environment.actor) { transaction in
                let organization = try Lookup.organization(reference, in: transaction.db)
                try transaction.enable(plugin, for: organization.id!, settings: changes, registry: registry)
            }
            environment.output.print("Plugin '\(plugin)' is enabled for \(reference).")
        }
    }

    struct Disable: KernelCommand {
        static let configuration = CommandConfiguration(
            commandName: "disable",
            abstract: "Disable a plugin for an organization (its settings are kept).")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The plugin id.")
        var plugin: String

        @Option(name: .long, help: "The organization (slug path or id).")
        var org: String

        func run(in environment: CommandEnvironment, workspace: Workspace) async throws {
            let (plugin, reference, registry) = (PluginID(plugin), org, workspace.registry)
            guard registry.plugin(plugin) != nil else { throw KernelError.pluginNotInstalled(plugin) }
            try await workspace.write(as: environment.actor) { transaction in
                let organization = try Lookup.organization(reference, in: transaction.db)
                try transaction.disable(plugin, for: organization.id!, registry: registry)
            }
            environment.output.print("Plugin '\(plugin)' is disabled for \(reference).")
        }
    }

    struct Settings: KernelCommand {
        static let configuration = CommandConfiguration(
            commandName: "settings",
            abstract: "Show a plugin's settings for an organization, or change them with --set key=value.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The plugin id.")
        var plugin: String

        @Option(name: .long, help: "The organization (slug path or id).")
        var org: String

        @Option(name: .long, help: "A setting as key=value (value in JSON, or plain text); repeatable.")
        var set: [String] = []

        func run(in environment: CommandEnvironment, workspace: Workspace) async throws {
            let (plugin, reference, changes, registry) = (
                PluginID(plugin), org,
                try SettingAssignments.parse(set, for: PluginID(plugin), registry: workspace.registry),
                workspace.registry
            )
            guard let type = registry.plugin(plugin) else { throw KernelError.pluginNotInstalled(plugin) }
            let settings = try await workspace.write(as: environment.actor) { transaction in
                let organization = try Lookup.organization(reference, in: transaction.db)
                if !changes.isEmpty {
                    try transaction.changeSettings(of: plugin, for: organization.id!, changes, registry: registry)
                }
                let stored = try PluginEnablementRecord.fetchOne(
                    transaction.db, key: ["organizationId": organization.id, "pluginId": plugin.rawValue])
                return try SettingsCodec.merge([:], onto: stored?.settingsObject, for: type.settings, plugin: plugin)
            }
            if global.json { return try environment.output.printJSON(settings) }
            guard !settings.isEmpty else { return environment.output.print("Plugin '\(plugin)' has no settings.") }
            var table = TextTable(header: "SETTING", "VALUE")
            for key in settings.keys.sorted() { table.add(key, settings[key]!.canonicalJSON) }
            environment.output.print(table.text)
        }
    }
}

private struct PluginLine: Encodable {
    let id: String
    let version: String
    let dependencies: [String]
    let enabled: Bool?
}

/// Reads `--set key=value` options: a text setting takes the value as written; others read it as JSON (`true`, `15`).
enum SettingAssignments {
    static func parse(_ assignments: [String], for plugin: PluginID, registry: PluginRegistry) throws
        -> [String: JSONValue]
    {
        let defaults =
            registry.plugin(plugin).flatMap {
                try? SettingsCodec.merge([:], onto: nil, for: $0.settings, plugin: plugin)
            } ?? [:]
        var result: [String: JSONValue] = [:]
        for assignment in assignments {
            guard let equals = assignment.firstIndex(of: "="), equals != assignment.startIndex else {
                throw ValidationError("--set '\(assignment)' must look like key=value.")
            }
            let key = String(assignment[..<equals])
            let text = String(assignment[assignment.index(after: equals)...])
            if case .string? = defaults[key] {
                result[key] = .string(text)
            } else {
                result[key] = JSONValue(commandLine: text)
            }
        }
        return result
    }
}
