import ArgumentParser
import Foundation
import Kernel
import PluginKit

/// `indaba case-studies import FOLDER --org ORG [--dry-run]`: a folder of Markdown files into the library.
struct ImportCommand: PluginCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a folder of case studies (Markdown with YAML front matter), all or nothing.",
        discussion: """
            Studies are matched by slug: a new slug creates a study, a changed file records a new version, an \
            unchanged one does nothing, so importing twice changes nothing. Every problem is reported as \
            file:line: field: what is wrong, and then nothing is written.
            """)

    @OptionGroup var pluginOptions: PluginCommandOptions
    @Argument(help: "The folder of *.md files.") var folder: String
    @Flag(help: "Check and count, write nothing.") var dryRun = false

    init() {}

    func run(in context: PluginCommandContext) async throws {
        try await CommandSupport.reporting {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue
            else {
                throw ValidationError("'\(folder)' is not a folder; give the folder holding the *.md files.")
            }
            let files = try LibraryImport.files(in: URL(fileURLWithPath: folder))
            let summary = try await LibraryImport.run(
                files, for: context.organization, workspace: context.workspace,
                actor: context.actor, dryRun: dryRun)
            if context.json { return try context.output.printJSON(summary) }
            context.output.print(
                "\(dryRun ? "Would import" : "Imported") \(files.count) file\(files.count == 1 ? "" : "s"): "
                    + "\(summary.created) created, \(summary.updated) updated, \(summary.unchanged) unchanged.")
        }
    }
}
