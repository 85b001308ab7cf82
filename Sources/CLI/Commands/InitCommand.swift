import ArgumentParser
import Kernel
import PluginKit

struct InitCommand: KernelCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Create the database (or bring it up to date) and apply every migration.")

    static let createsDatabase = true

    @OptionGroup var global: GlobalOptions

    func run(in environment: CommandEnvironment, workspace: Workspace) async throws {
        let path = workspace.store.path ?? global.databasePath
        if global.json {
            return try environment.output.printJSON(["database": path, "plugins": "\(workspace.plugins.count)"])
        }
        let plugins = workspace.plugins.count == 1 ? "1 plugin" : "\(workspace.plugins.count) plugins"
        environment.output.print("Database ready at \(path) (kernel and \(plugins) migrated).")
    }
}
