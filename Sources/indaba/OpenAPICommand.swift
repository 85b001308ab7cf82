import ArgumentParser
import CLI
import Foundation
import Kernel
import PluginKit
import Server

/// `indaba openapi`: the API description of this build (kernel and installed plugins), or its registered routes.
struct OpenAPICommand: KernelCommand {
    static let configuration = CommandConfiguration(
        commandName: "openapi",
        abstract: "Print the OpenAPI document of this build, or with --routes the routes the server registers.")

    static let usesDatabaseFile = false

    @OptionGroup var global: GlobalOptions

    @Flag(name: .long, help: "List the registered routes (METHOD /path/{param}) instead.")
    var routes = false

    func run(in environment: CommandEnvironment, workspace: Workspace) async throws {
        guard routes else {
            FileHandle.standardOutput.write(
                Data(OpenAPIDocument.json(plugins: workspace.registry.installedPlugins).utf8))
            return
        }
        let lines = IndabaServer.routeList(workspace: workspace).joined(separator: "\n")
        FileHandle.standardOutput.write(Data((lines + "\n").utf8))
    }
}
