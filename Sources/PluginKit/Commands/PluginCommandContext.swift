public import Kernel

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
