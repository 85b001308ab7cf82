import ArgumentParser
import GRDB
import Kernel
import PluginKit

/// `indaba series clone SOURCE --slug NEW --starts DATE [--title T] [--with-roles]`: run a series again.
struct SeriesCloneCommand: KernelCommand {
    static let configuration = CommandConfiguration(
        commandName: "clone",
        abstract: "Run a series again: a new draft series with its objectives and sessions moved to a new start.",
        discussion: """
            Sessions keep their local times in the series' zone (across a change of the clocks) and are moved by \
            whole days so that the first falls on --starts. Join links, participants and attendance are not copied; \
            facilitators and guest speakers only with --with-roles.
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The series to run again (slug path or id).")
    var source: String

    @Option(name: .long, help: "Slug of the new series, unique within the programme. \(Slug.rule).")
    var slug: String

    @Option(name: .long, help: "The day of the first session, YYYY-MM-DD, in the series' zone.")
    var starts: String

    @Option(name: .long, help: "Title of the new series (default: the source's).")
    var title: String?

    @Flag(name: .long, help: "Copy the source's facilitators and guest speakers.")
    var withRoles = false

    func validate() throws {
        guard Slug.isValid(slug) else { throw ValidationError("--slug '\(slug)' is not valid; \(Slug.rule).") }
        guard LocalDay(starts) != nil else {
            throw ValidationError("--starts '\(starts)' is not a day; write it as YYYY-MM-DD, such as 2027-03-08.")
        }
        if let title, let problem = FieldRules.textProblem(title) { throw ValidationError("--title \(problem).") }
    }

    func run(in environment: CommandEnvironment, workspace: Workspace) async throws {
        let (reference, slug, title, day, withRoles) = (source, slug, title, LocalDay(starts)!, withRoles)
        let (series, sessions) = try await workspace.write(as: environment.actor) { transaction in
            let source = try Lookup.series(reference, in: transaction.db)
            let copy = try transaction.cloneSeries(
                .init(source: source.id!, slug: slug, title: title, startsOn: day, withRoles: withRoles))
            let sessions = try Session.filter(Column("seriesId") == copy.id).order(Column("position"))
                .fetchAll(transaction.db)
            return (copy, sessions)
        }
        if global.json { return try environment.output.printJSON(series) }
        var lines = ["Created series \(series.id!) '\(series.slug)' (draft) with \(sessions.count) sessions:"]
        lines += sessions.map { "  \($0.position). \($0.title): \(SessionTimes.text($0))" }
        lines.append("Publish it with `indaba series set-status \(series.id!) published`.")
        environment.output.print(lines.joined(separator: "\n"))
    }
}
