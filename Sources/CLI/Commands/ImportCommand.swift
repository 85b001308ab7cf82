import ArgumentParser
import Foundation
import GRDB
import Kernel
import PluginKit

struct ImportCommand: KernelCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Create or update a whole network from a YAML definition file.",
        discussion: """
            Records are matched by slug and people by e-mail, so importing the same file again changes nothing.
            Everything is checked before anything is written; every problem is reported with file, line and field.
            The format is described in docs/yaml-format.md.
            """)

    static let createsDatabase = true

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The network definition file (YAML).")
    var file: String

    @Flag(name: .long, help: "Check the file and report what would change, without writing anything.")
    var dryRun = false

    @Flag(name: .long, help: "Do nothing if the database already holds an organization (used by `make run`).")
    var ifEmpty = false

    func run(in environment: CommandEnvironment, workspace: Workspace) async throws {
        if ifEmpty, try await workspace.read({ try Organization.fetchCount($0) }) > 0 {
            environment.output.print("The database already holds data; \(file) was not imported.")
            return
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw ValidationError("Cannot read \(file); check the path.")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ValidationError("\(file) is not UTF-8 text; save it as UTF-8 and try again.")
        }
        let name = URL(fileURLWithPath: file).lastPathComponent
        let document = try NetworkDocument.read(text, file: name, registry: workspace.registry)
        let summary = try await workspace.importNetwork(document, file: name, dryRun: dryRun)
        if global.json { return try environment.output.printJSON(ImportReport(summary)) }
        let records = summary.changes == 1 ? "1 record" : "\(summary.changes) records"
        let outcome =
            summary.changes == 0
            ? "nothing to change: the database already matches \(name)"
            : (summary.dryRun ? "importing would insert or update \(records)" : "inserted or updated \(records)")
        environment.output.print(
            (summary.dryRun ? "Checked" : "Imported") + " network '\(document.network.slug)' (\(summary.organizations) "
                + "organizations, \(summary.people) people, \(summary.series) series, \(summary.sessions) sessions): "
                + outcome + (summary.dryRun ? " (dry run: nothing was written)." : "."))
    }
}

private struct ImportReport: Encodable {
    let changes: Int, dryRun: Bool, organizations: Int, people: Int, series: Int, sessions: Int

    init(_ summary: ImportSummary) {
        (changes, dryRun, organizations, people, series, sessions) = (
            summary.changes, summary.dryRun, summary.organizations, summary.people, summary.series, summary.sessions
        )
    }
}
