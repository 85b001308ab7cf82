import ArgumentParser
import Foundation
import GRDB
import Kernel
import PluginKit

/// `indaba case-studies export FOLDER --org ORG`: the studies the organization contributed (a network: its own and
/// its members'), one Markdown file each, named by slug.
struct ExportCommand: PluginCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write the organization's case studies to a folder, one <slug>.md each.")

    @OptionGroup var pluginOptions: PluginCommandOptions
    @Argument(help: "The folder to write to (created if missing; files of the same name are replaced).")
    var folder: String

    init() {}

    func run(in context: PluginCommandContext) async throws {
        let organization = context.organization
        let files = try await context.workspace.read { db in
            let reader = try LibraryReader.operatorOf(organization, in: db)
            let network = try LibraryReader.network(of: organization.id!, in: db)
            return try CaseStudyLibrary.list(network: network, reader: reader, filters: SearchFilters(), in: db)
                .filter { reader.organizations.contains($0.organizationId) }
                .map { try CaseStudyLibrary.file(of: $0, in: db) }
        }
        let url = URL(fileURLWithPath: folder)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for file in files {
            try Data(file.text.utf8).write(to: url.appendingPathComponent("\(file.slug).md"), options: .atomic)
        }
        if context.json { return try context.output.printJSON(["exported": files.count]) }
        context.output.print("Exported \(files.count) case stud\(files.count == 1 ? "y" : "ies") to \(folder).")
    }
}
