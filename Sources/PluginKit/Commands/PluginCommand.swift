public import ArgumentParser
public import Kernel

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

/// Options every plugin command takes.
public struct PluginCommandOptions: ParsableArguments, Sendable {
    @Option(name: .long, help: "The organization to act for: a slug path such as asknet/msasa-media-lab, or an id.")
    public var org: String

    @Option(name: .long, help: "The database file (default: $INDABA_DB, or ./indaba.sqlite).")
    public var db: String?

    @Flag(name: .long, help: "Print JSON instead of tables.")
    public var json = false

    public init() {}
}

/// What a plugin command receives when it runs.
public struct PluginCommandContext: Sendable {
    /// The kernel's operations and queries.
    public let workspace: Workspace
    /// The organization the command acts for (the plugin is enabled for it).
    public let organization: Organization
    /// The plugin instance the command belongs to.
    public let plugin: any Plugin
    /// Whether the user asked for JSON output.
    public let json: Bool
    /// Who the audit log names for changes the command makes (the operating-system user running it).
    public let actor: AuditActor
    /// Where the command prints its results and notes.
    public let output: CommandOutput

    public init(
        workspace: Workspace, organization: Organization, plugin: any Plugin, json: Bool, actor: AuditActor,
        output: CommandOutput = CommandOutput()
    ) {
        self.workspace = workspace
        self.organization = organization
        self.plugin = plugin
        self.json = json
        self.actor = actor
        self.output = output
    }
}
