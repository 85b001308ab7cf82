import ArgumentParser
import Foundation
import GRDB
import Kernel
import PluginKit

struct SeriesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "series", abstract: "List, show, create and clone webinar series, and name who leads them.",
        subcommands: [
            List.self, Show.self, Create.self, SetStatus.self, SeriesCloneCommand.self, SeriesRoleCommand.self,
        ])

    struct List: KernelCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List webinar series.")

        @OptionGroup var global: GlobalOptions

        @Option(name: .long, help: "Only the series of this programme (slug path or id).")
        var programme: String?

        func run(in environment: CommandEnvironment, workspace: Workspace) async throws {
            let reference = programme
            let rows = try await workspace.read { db in
                var request = WebinarSeries.order(Column("programmeId"), Column("slug"))
                if let reference {
                    request = request.filter(Column("programmeId") == (try Lookup.programme(reference, in: db)).id)
                }
                return try request.fetchAll(db).map { ($0, try Lookup.path(of: $0, in: db)) }
            }
            if global.json { return try environment.output.printJSON(rows.map(\.0)) }
            var table = TextTable(header: "ID", "SERIES", "STATUS", "TITLE")
            for (series, path) in rows { table.add("\(series.id!)", path, series.status.rawValue, series.title) }
            environment.output.print(table.text)
        }
    }

    struct Show: KernelCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show a series: objectives, people and its sessions in their local times.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "A slug path (asknet/webinars/inclusive-spaces) or an id.")
        var series: String

        func run(in environment: CommandEnvironment, workspace: Workspace) async throws {
            let reference = series
            let overview = try await workspace.read { db in try SeriesOverview(Lookup.series(reference, in: db), db) }
            if global.json { return try environment.output.printJSON(overview) }
            environment.output.print(overview.text)
        }
    }

    struct Create: KernelCommand {
        static let configuration = CommandConfiguration(
            commandName: "create", abstract: "Create a webinar series in a programme.")

        @OptionGroup var global: GlobalOptions

        @Option(name: .long, help: "The programme (slug path or id).")
        var programme: String

        @Option(name: .long, help: "Slug, unique within the programme. \(Slug.rule).")
        var slug: String

        @Option(name: .long, help: "Title.")
        var title: String

        @Option(name: .long, help: "Summary.")
        var summary = ""

        @Option(name: .long, help: "IANA time zone (default: the organization's).")
        var timeZone: String?

        @Option(name: .long, help: "draft, published, completed or cancelled.")
        var status: String = "draft"

        @Option(name: .long, help: "An objective; repeat for several, in order.")
        var objective: [String] = []

        func validate() throws {
            guard Slug.isValid(slug) else { throw ValidationError("--slug '\(slug)' is not valid; \(Slug.rule).") }
            if let problem = FieldRules.textProblem(title) { throw ValidationError("--title \(problem).") }
            if let timeZone, let problem = FieldRules.timeZoneProblem(timeZone) {
                throw ValidationError("--time-zone \(problem).")
            }
            guard WebinarSeries.Status(rawValue: status) != nil else {
                throw ValidationError("--status must be one of draft, published, completed, cancelled.")
            }
        }

        func run(in environment: CommandEnvironment, workspace: Workspace) async throws {
            let (reference, slug, title, summary, zone, status, objectives) = (
                programme, slug, title, summary, timeZone, WebinarSeries.Status(rawValue: status)!, objective
            )
            let series = try await workspace.write(as: environment.actor) { transaction in
                let programme = try Lookup.programme(reference, in: transaction.db)
                if try WebinarSeries.filter(Column("programmeId") == programme.id && Column("slug") == slug)
                    .fetchCount(transaction.db) > 0
                {
                    throw KernelError.duplicateSlug(entity: "series", slug: slug, parent: "programme \(programme.id!)")
                }
                let organization = try Organization.fetchOne(transaction.db, key: programme.organizationId)!
                return try transaction.save(
                    WebinarSeries(
                        programmeId: programme.id!, slug: slug, title: title, summary: summary, objectives: objectives,
                        status: status, timeZone: zone ?? organization.timeZone, createdAt: transaction.now,
                        updatedAt: transaction.now))
            }
            if global.json { return try environment.output.printJSON(series) }
            environment.output.print(
                "Created series \(series.id!) '\(series.slug)'. Add sessions with `indaba session add`.")
        }
    }

    struct SetStatus: KernelCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-status", abstract: "Change a series' status (completing it tells the plugins).")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The series (slug path or id).")
        var series: String

        @Argument(help: "draft, published, completed or cancelled.")
        var status: String

        func validate() throws {
            guard WebinarSeries.Status(rawValue: status) != nil else {
                throw ValidationError("status must be one of draft, published, completed, cancelled.")
            }
        }

        func run(in environment: CommandEnvironment, workspace: Workspace) async throws {
            let (reference, status) = (series, WebinarSeries.Status(rawValue: status)!)
            let series = try await workspace.write(as: environment.actor) { transaction in
                var series = try Lookup.series(reference, in: transaction.db)
                series.status = status
                return try transaction.save(series)
            }
            if global.json { return try environment.output.printJSON(series) }
            environment.output.print("Series \(series.id!) is now \(series.status.rawValue).")
        }
    }
}

/// A series with what a coordinator wants to see at a glance.
struct SeriesOverview: Encodable {
    struct SessionLine: Encodable {
        let session: Session
        let present: Int
        let submissions: Int
    }

    let series: WebinarSeries
    let path: String
    let organization: String
    let facilitators: [String]
    let guestSpeakers: [String]
    let enrolled: Int
    let sessions: [SessionLine]

    init(_ series: WebinarSeries, _ db: Database) throws {
        self.series = series
        path = try Lookup.path(of: series, in: db)
        organization = try OrganizationSeries.runner(of: series.id!, in: db)?.name ?? "?"
        let team = try SeriesFacilitation(of: series.id!, in: db).leaders
        facilitators = team.filter { $0.role == .facilitator }.map(\.displayName)
        guestSpeakers = team.filter { $0.role == .guestSpeaker }.map(\.displayName)
        enrolled = try SeriesParticipation.enrolmentCounts(of: [series.id!], in: db)[series.id!] ?? 0
        // Participants only (the kernel's ParticipantRule), as the retention report counts them: the series'
        // facilitators and guest speakers may be recorded present too, but they are not its audience.
        sessions = try Session.filter(Column("seriesId") == series.id).order(Column("position"), Column("id"))
            .fetchAll(db).map { session in
                let counts = try SeriesParticipation.participantCounts(at: session.id!, in: db)
                return SessionLine(session: session, present: counts.present, submissions: counts.submitted)
            }
    }

    var text: String {
        var lines = [
            series.title,
            "  \(path) · id \(series.id!) · \(series.status.rawValue) · planned in \(series.timeZone)",
            "  Organization: \(organization)",
            "  Facilitators: \(facilitators.isEmpty ? "none yet" : facilitators.joined(separator: ", "))",
        ]
        if !guestSpeakers.isEmpty { lines.append("  Guest speakers: \(guestSpeakers.joined(separator: ", "))") }
        lines.append("  Enrolled: \(enrolled)")
        if !series.summary.isEmpty { lines += ["", wrap(series.summary, indent: "  ")] }
        if !series.objectives.isEmpty {
            lines += ["", "Objectives"]
            lines += series.objectives.enumerated().map { "  \($0.offset + 1). \($0.element)" }
        }
        var table = TextTable(header: "#", "SESSION", "KIND", "WHEN (LOCAL TIME)", "STATUS", "REV", "TOOK PART")
        for line in sessions {
            let session = line.session
            let tookPart = session.kind.isLive ? "\(line.present) present" : "\(line.submissions) submitted"
            table.add(
                "\(session.position)", session.title, kindName(session.kind), SessionTimes.text(session),
                session.status.rawValue, "\(session.revision)", tookPart)
        }
        lines += ["", "Sessions", table.text]
        for line in sessions where !line.session.agenda.isEmpty {
            lines.append(
                "  \(line.session.position). \(line.session.title): " + line.session.agenda.joined(separator: " · "))
        }
        return lines.joined(separator: "\n")
    }

    private func kindName(_ kind: Session.Kind) -> String {
        switch kind {
        case .live: "live"
        case .offlineExercise: "offline exercise"
        case .feedback: "feedback (live)"
        }
    }

    private func wrap(_ text: String, indent: String, width: Int = 100) -> String {
        var lines: [String] = []
        var current = indent
        for word in text.split(separator: " ") {
            if current.count + word.count + 1 > width, current != indent {
                lines.append(current)
                current = indent
            }
            current += (current == indent ? "" : " ") + word
        }
        lines.append(current)
        return lines.joined(separator: "\n")
    }
}
