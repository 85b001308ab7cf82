import ArgumentParser
import Kernel
import PluginKit

struct BackupCommand: KernelCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Write a consistent copy of the live database to a new file (safe while the server runs).")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Where to write the copy; the file must not exist yet.")
    var path: String

    func run(in environment: CommandEnvironment, workspace: Workspace) async throws {
        try workspace.store.backup(to: path)
        if global.json { return try environment.output.printJSON(["backup": path]) }
        environment.output.print("Backed up \(workspace.store.path ?? "the database") to \(path).")
    }
}
