import ArgumentParser
import Foundation
import Kernel

/// `indaba attendance load FILE --org ORG`: attendance history in bulk.
struct AttendanceLoadCommand: PluginCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Load attendance history in bulk from CSV (session_id, person_id, minutes_attended[, status]).",
        discussion: "One transaction: a bad row (reported with its line) loads nothing.")

    @OptionGroup var pluginOptions: PluginCommandOptions

    @Argument(help: "The CSV file, with a header line.")
    var file: String

    init() {}

    func run(in context: PluginCommandContext) async throws {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: file), options: .alwaysMapped)
        } catch {
            throw ValidationError("Cannot read \(file): \(error.localizedDescription)")
        }
        let organization = context.organization
        let file = file
        let summary = try await context.workspace.write(as: .commandLine(user: CommandUser.name)) { transaction in
            let covered = try RetentionQueries.organizationsCovered(by: organization, in: transaction.db)
            do {
                return try AttendanceLoad.load(data, organizations: covered, now: transaction.now, in: transaction.db)
            } catch let error as AttendanceFileError {
                throw ValidationError("\(file): \(error)")
            }
        }
        if context.json { return try Output.json(summary) }
        Output.text(["Loaded \(summary.rows) attendance rows for \(summary.sessions) sessions."])
    }
}
