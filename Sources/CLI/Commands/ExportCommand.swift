import ArgumentParser
import Foundation
import Kernel
import PluginKit

struct ExportCommand: KernelCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a whole network as a YAML definition file (the format `indaba import` reads).")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The network: its slug or id.")
    var network: String

    @Option(name: [.short, .long], help: "Write to this file instead of standard output.")
    var output: String?

    func run(in environment: CommandEnvironment, workspace: Workspace) async throws {
        let text = YAMLWriter.text(of: try await workspace.exportNetwork(network))
        guard let output else {
            environment.output.write(text)
            return
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            throw ValidationError("Cannot write \(output): \(error.localizedDescription)")
        }
        environment.output.note("Wrote \(output).")
    }
}
