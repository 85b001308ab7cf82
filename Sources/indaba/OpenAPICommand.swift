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
            return environment.output.write(OpenAPIDocument.json(plugins: workspace.registry.installedPlugins))
        }
        environment.output.print(lines: IndabaServer.routeList(workspace: workspace))
    }
}
