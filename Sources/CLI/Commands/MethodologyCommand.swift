import ArgumentParser
import Foundation
import Kernel
import PluginKit

/// `indaba org methodology ORG --text …|--file …|--clear`: the methodology paragraph an organization's series
/// reports carry.
struct MethodologyCommand: KernelCommand {
    static let configuration = CommandConfiguration(
        commandName: "methodology",
        abstract: "Set the methodology paragraph the organization's series reports carry.",
        discussion: """
            How the organization runs and measures its series, in plain text or Markdown (at most 4000 characters); \
            it appears after the overview of every series report of the organization. Without --text, --file or \
            --clear, prints the current paragraph.
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The organization (slug path or id).")
    var org: String

    @Option(name: .long, help: "The paragraph.")
    var text: String?

    @Option(name: .long, help: "A UTF-8 file holding it (- for standard input).")
    var file: String?

    @Flag(name: .long, help: "Remove it.")
    var clear = false

    func validate() throws {
        guard [text != nil, file != nil, clear].filter({ $0 }).count <= 1 else {
            throw ValidationError("Give at most one of --text, --file and --clear.")
        }
    }

    func run(in environment: CommandEnvironment, workspace: Workspace) async throws {
        let reference = org
        guard text != nil || file != nil || clear else {
            let current = try await workspace.read { db in
                try ReportSettings.methodology(of: try Lookup.organization(reference, in: db).id!, in: db)
            }
            return environment.output.print(current ?? "(no methodology paragraph)")
        }
        let paragraph = try clear ? "" : text ?? read(file!)
        try await workspace.write(as: environment.actor) { transaction in
            let organization = try Lookup.organization(reference, in: transaction.db)
            try transaction.recordMethodology(paragraph, for: organization.id!)
        }
        environment.output.print(
            paragraph.isEmpty ? "The methodology paragraph is removed." : "The methodology paragraph is recorded.")
    }

    private func read(_ path: String) throws -> String {
        let data =
            path == "-" ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: path)
        guard let data, let text = String(data: data, encoding: .utf8) else {
            throw ValidationError("--file \(path) cannot be read as UTF-8 text.")
        }
        return text
    }
}
