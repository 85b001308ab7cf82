public import ArgumentParser
import Kernel

/// A subcommand contributed by a plugin, run as `indaba <plugin id> <command> --org ORG …`.
///
/// The CLI parses it, opens the database, checks that the plugin is enabled for the organization named by
/// `--org`, and then calls ``run(in:)``; ArgumentParser's bare `run()` is never used. Declare the shared options
/// with `@OptionGroup var pluginOptions: PluginCommandOptions`.
public protocol PluginCommand: AsyncParsableCommand {
    /// The organization, database and output options every plugin command takes.
    var pluginOptions: PluginCommandOptions { get }
    /// Runs the command for an organization that has the plugin enabled.
    func run(in context: PluginCommandContext) async throws
}

extension PluginCommand {
    public mutating func run() async throws {
        throw ValidationError("This command runs only through the indaba executable.")
    }
}
