import ArgumentParser
import Kernel

struct InitCommand: KernelCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Create the database (or bring it up to date) and apply every migration.")

    static let createsDatabase = true

    @OptionGroup var global: GlobalOptions

    func run(in environment: CommandEnvironment, workspace: Workspace) async throws {
        let path = workspace.store.path ?? global.databasePath
        if global.json { return try Output.json(["database": path, "plugins": "\(workspace.plugins.count)"]) }
        let plugins = workspace.plugins.count == 1 ? "1 plugin" : "\(workspace.plugins.count) plugins"
        Output.print("Database ready at \(path) (kernel and \(plugins) migrated).")
    }
}
