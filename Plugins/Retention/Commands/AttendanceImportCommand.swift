import ArgumentParser
import Foundation
import GRDB
import Kernel
import PluginKit

/// `indaba attendance import FILE --session SESSION --org ORG`: records who attended, from a meeting export.
struct AttendanceImportCommand: PluginCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Record a session's attendance from a Zoom, Teams or Google Meet export.",
        discussion: """
            The platform is recognised from the content. Rows are matched to people by e-mail, then by name; \
            rows nobody is found for go to the review queue (indaba attendance unmatched). Importing the same \
            file again changes nothing; a corrected file corrects, but setting people an earlier import recorded \
            back to absent needs --confirm-absent. Nothing is written if the file cannot be read, has no rows, or \
            its times do not overlap the session (--any-date records it anyway).
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case auto, zoom, teams, meet
    }

    @OptionGroup var pluginOptions: PluginCommandOptions

    @Argument(help: "The export: CSV or tab-separated, UTF-8 or UTF-16.")
    var file: String

    @Option(help: "The session (slug path such as asknet/webinars/inclusive-spaces/introduction, or id).")
    var session: String

    @Option(help: "The platform that wrote the file (auto, zoom, teams, meet).")
    var format: Format = .auto

    @Option(help: "The zone of the times in the file (default: the session's zone), such as Africa/Harare.")
    var timezone: String?

    @Flag(help: "Show what would change without writing anything.")
    var dryRun = false

    @Flag(
        help:
            "Set people an earlier import of this session recorded, and whom this file no longer lists, back to absent."
    )
    var confirmAbsent = false

    @Flag(help: "Record the file even though its times do not overlap the session's (an export of another day).")
    var anyDate = false

    @Option(help: .hidden)
    var repeatCount = 1

    init() {}

    func run(in context: PluginCommandContext) async throws {
        let zone = try timezone.map { name in
            guard let zone = TimeZone(identifier: name) else {
                throw ValidationError("--timezone '\(name)' is not an IANA time zone such as Africa/Harare.")
            }
            return zone
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            throw ValidationError("Cannot read \(file): \(error.localizedDescription)")
        }
        let plugin = context.plugin as! RetentionPlugin
        let organization = context.organization.id!
        let settings = try await plugin.settings(for: organization)
        let importer = AttendanceImporter(settings: settings)
        let platform = format == .auto ? nil : MeetingPlatform(rawValue: format.rawValue)
        let (reference, anyDate, confirmAbsent) = (session, anyDate, confirmAbsent)
        if repeatCount > 1 {
            try await ImportBenchmark(
                data: data, platform: platform, zone: zone, session: reference, organization: organization,
                importer: importer, anyDate: anyDate, confirmAbsent: confirmAbsent
            ).run(times: repeatCount, in: context)
        }
        let target = try await context.workspace.read { db in
            let session = try Lookup.session(reference, in: db)
            try RetentionQueries.requireOwned(series: session.seriesId, by: organization, in: db)
            return session
        }
        let plan: AttendancePlan
        do {
            // Read once, then planned and applied in one transaction: what is written is exactly what was planned.
            let export = try SessionExport(data: data, platform: platform, zone: zone, session: target)
            if dryRun {
                plan = try await context.workspace.read { db in
                    try importer.plan(export, session: target, anyDate: anyDate, in: db)
                }
            } else {
                plan = try await context.workspace.write(as: context.actor) { transaction in
                    let plan = try importer.plan(export, session: target, anyDate: anyDate, in: transaction.db)
                    try importer.apply(plan, session: target, confirmAbsent: confirmAbsent, in: transaction)
                    return plan
                }
            }
        } catch let error as AttendanceFileError {
            if case .otherDate = error { throw ValidationError("\(file): \(error) (--any-date)") }
            throw ValidationError("\(file): \(error)")
        } catch let refusal as ClearingNotConfirmed {
            throw ValidationError("\(file): \(refusal)")
        }
        if context.json {
            try context.output.printJSON(plan)
        } else {
            context.output.print(lines: ImportSummary(plan: plan, dryRun: dryRun).lines)
        }
    }
}
