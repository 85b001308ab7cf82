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
        let organization = context.organization
        let (file, now) = (file, context.workspace.now())
        // The load checks every session and person it writes against the database itself, in its transaction, so
        // SQLite's own foreign-key checks (two lookups a row) are switched off for this connection meanwhile. The
        // pragma only takes effect outside a transaction, hence the explicit one.
        let summary = try await context.workspace.store.writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
            var summary: AttendanceLoad.Summary?
            try db.inTransaction(.immediate) {
                let covered = try RetentionQueries.organizationsCovered(by: organization, in: db)
                do {
                    summary = try AttendanceLoad.load(data, organizations: covered, now: now, in: db)
                } catch let error as AttendanceFileError {
                    throw ValidationError("\(file): \(error)")
                }
                return .commit
            }
            return summary!
        }
        if context.json { return try Output.json(summary) }
        Output.text(["Loaded \(summary.rows) attendance rows for \(summary.sessions) sessions."])
    }
}
