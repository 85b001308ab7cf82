import ArgumentParser
import Foundation
import GRDB
import Kernel
import PluginKit

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
        let organization = context.organization.id!
        let file = file
        let parsed: AttendanceLoad.Parsed
        do {
            parsed = try AttendanceLoad.parse(data)
        } catch let error as AttendanceFileError {
            throw ValidationError("\(file): \(error)")
        }
        let covered = try await context.workspace.read { db in
            try SeriesOwnership.organizations(coveredBy: organization, in: db)
        }
        let loaded: AttendanceLoadSummary
        do {
            loaded = try await context.workspace.loadAttendance(
                parsed.rows, for: organization, sessionsOf: covered, as: context.actor)
        } catch let error as AttendanceLoadError {
            throw ValidationError("\(file): \(AttendanceLoad.fileError(error, lines: parsed.lines))")
        }
        let summary = AttendanceLoad.Summary(rows: loaded.rows, sessions: loaded.sessions)
        if context.json { return try context.output.printJSON(summary) }
        context.output.print(lines: ["Loaded \(summary.rows) attendance rows for \(summary.sessions) sessions."])
    }
}
