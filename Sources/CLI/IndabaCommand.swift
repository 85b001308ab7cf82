public import ArgumentParser
import Kernel
import PluginKit

/// The `indaba` root command: kernel commands, then one command group per installed plugin.
public struct IndabaCommand<Installed: PluginInstallation>: AsyncParsableCommand {
    public static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "indaba",
            abstract: "Indaba: plan webinar series across a network, track who joins and who stays.",
            discussion: "The database is ./indaba.sqlite unless --db or $INDABA_DB says otherwise.",
            subcommands: [
                InitCommand.self, ImportCommand.self, ExportCommand.self, BackupCommand.self, OrgCommand.self,
                ProgrammeCommand.self, SeriesCommand.self, SessionCommand.self, PersonCommand.self, EnrolCommand.self,
                AttendCommand.self, SubmitCommand.self, PluginAdminCommand.self, TokenCommand.self, UserCommand.self,
                ReportCommand.self, OutboxCommand.self, BaseURLCommand.self, AuditCommand.self,
            ] + Installed.commands + Installed.plugins.map { pluginGroup(for: $0) }
                + Installed.plugins.flatMap { $0.commandGroups })
    }

    public init() {}

    private static func pluginGroup(for plugin: any Plugin.Type) -> any ParsableCommand.Type {
        open(plugin)
    }

    private static func open<P: Plugin>(_ plugin: P.Type) -> any ParsableCommand.Type {
        PluginGroup<P>.self
    }
}

/// `indaba <plugin id> …`: the commands one plugin contributes.
struct PluginGroup<P: Plugin>: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: P.id.rawValue, abstract: "Commands of the \(P.id) plugin (\(P.version)).",
            // Each command converted on its own: converting the array as a whole checks every element's conformance
            // at run time, a scan of all the executable's conformances per command, at every start.
            subcommands: P.commands.map { $0 as any ParsableCommand.Type })
    }
}
