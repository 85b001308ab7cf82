import ArgumentParser
import Foundation
import GRDB
import Kernel
import PluginKit

struct SessionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "session", abstract: "List, show, add, describe, reschedule and cancel sessions.",
        subcommands: [List.self, Show.self, Add.self, Describe.self, Reschedule.self, Cancel.self])

    struct List: KernelCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List the sessions of a series, in order.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The series (slug path or id).")
        var series: String

        func run(in environment: CommandEnvironment, workspace: Workspace) async throws {
            let reference = series
            let sessions = try await workspace.read { db in
                let series = try Lookup.series(reference, in: db)
                return try Session.filter(Column("seriesId") == series.id).order(Column("position")).fetchAll(db)
            }
            if global.json { return try environment.output.printJSON(sessions) }
            var table = TextTable(header: "ID", "#", "SLUG", "KIND", "WHEN (LOCAL TIME)", "STATUS", "REV")
            for session in sessions {
                table.add(
                    "\(session.id!)", "\(session.position)", session.slug, session.kind.rawValue,
                    SessionTimes.text(session), session.status.rawValue, "\(session.revision)")
            }
            environment.output.print(table.text)
        }
    }

    struct Show: KernelCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one session.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The session (slug path such as asknet/webinars/inclusive-spaces/introduction, or an id).")
        var session: String

        func run(in environment: CommandEnvironment, workspace: Workspace) async throws {
            let reference = session
            let session = try await workspace.read { db in try Lookup.session(reference, in: db) }
            if global.json { return try environment.output.printJSON(session) }
            var lines = [
                session.title,
                "  id \(session.id!) · \(session.kind.rawValue) · \(session.status.rawValue) · revision \(session.revision)",
                "  When: \(SessionTimes.text(session))",
            ]
            if let url = session.joinURL { lines.append("  Join: \(url)") }
            if !session.agenda.isEmpty { lines.append("  Agenda: " + session.agenda.joined(separator: " · ")) }
            if !session.description.isEmpty {
                lines.append("  Description:")
                lines += session.description.split(separator: "\n", omittingEmptySubsequences: false).map {
                    "    \($0)"
                }
            }
            environment.output.print(lines.joined(separator: "\n"))
        }
    }

    struct Add: KernelCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Add a session at the end of a series.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The series (slug path or id).")
        var series: String

        @Option(name: .long, help: "Slug, unique within the series.")
        var slug: String

        @Option(name: .long, help: "Title.")
        var title: String

        @Option(name: .long, help: "live, offlineExercise or feedback.")
        var kind: String = "live"

        @Option(name: .long, help: "Start, local time such as 2023-06-21T14:00 (or with an offset).")
        var starts: String

        @Option(name: .long, help: "End, in the same form.")
        var ends: String

        @Option(name: .long, help: "IANA zone the times are in (default: the series').")
        var timeZone: String?

        @Option(name: .long, help: "Where to join (live and feedback sessions).")
        var joinUrl: String?

        @Option(name: .long, help: "An agenda item; repeat for several, in order.")
        var agenda: [String] = []

        @Option(name: .long, help: "What the session is about (Markdown or plain text).")
        var description: String = ""

        func validate() throws {
            if let problem = Session.descriptionProblem(Session.normalizedDescription(description)) {
                throw ValidationError("--description \(problem).")
            }
            guard Slug.isValid(slug) else { throw ValidationError("--slug '\(slug)' is not valid; \(Slug.rule).") }
            guard let kind = Session.Kind(rawValue: kind) else {
                throw ValidationError("--kind must be one of live, offlineExercise, feedback.")
            }
            if let joinUrl, let problem = FieldRules.webURLProblem(joinUrl) {
                throw ValidationError("--join-url \(problem).")
            }
            if kind == .offlineExercise, joinUrl != nil {
                throw ValidationError("--join-url is for live sessions; an offline exercise has none.")
            }
            if let timeZone, let problem = FieldRules.timeZoneProblem(timeZone) {
                throw ValidationError("--time-zone \(problem).")
            }
        }

        func run(in environment: CommandEnvironment, workspace: Workspace) async throws {
            let command = self
            let session = try await workspace.write(as: environment.actor) { transaction in
                let series = try Lookup.series(command.series, in: transaction.db)
                if try Session.filter(Column("seriesId") == series.id && Column("slug") == command.slug)
                    .fetchCount(transaction.db) > 0
                {
                    throw KernelError.duplicateSlug(
                        entity: "session", slug: command.slug, parent: "series \(series.id!)")
                }
                let zoneName = command.timeZone ?? series.timeZone
                let (start, end) = try Times.parse(command.starts, command.ends, zone: zoneName)
                let position = try transaction.nextSessionPosition(in: series.id!)
                return try transaction.save(
                    Session(
                        seriesId: series.id!, position: position, slug: command.slug, title: command.title,
                        kind: Session.Kind(rawValue: command.kind)!, startsAt: start, endsAt: end, timeZone: zoneName,
                        joinURL: command.joinUrl, agenda: command.agenda, description: command.description,
                        createdAt: transaction.now, updatedAt: transaction.now))
            }
            if global.json { return try environment.output.printJSON(session) }
            environment.output.print("Added session \(session.id!) '\(session.slug)': \(SessionTimes.text(session)).")
        }
    }

    struct Describe: KernelCommand {
        static let configuration = CommandConfiguration(
            commandName: "describe",
            abstract: "Set what a session is about, or what happened in it and who led which part.",
            discussion: """
                The description is Markdown or plain text (at most 4000 characters); it appears on the series page \
                and in the series report. Give it with --text, from a file with --file (- reads standard input), or \
                remove it with --clear.
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The session (slug path or id).")
        var session: String

        @Option(name: .long, help: "The description.")
        var text: String?

        @Option(name: .long, help: "A UTF-8 file holding the description (- for standard input).")
        var file: String?

        @Flag(name: .long, help: "Remove the description.")
        var clear = false

        func validate() throws {
            guard [text != nil, file != nil, clear].filter({ $0 }).count == 1 else {
                throw ValidationError("Give exactly one of --text, --file and --clear.")
            }
        }

        func run(in environment: CommandEnvironment, workspace: Workspace) async throws {
            let description = Session.normalizedDescription(try readDescription())
            if let problem = Session.descriptionProblem(description) {
                throw ValidationError("The description \(problem).")
            }
            let reference = session
            let session = try await workspace.write(as: environment.actor) { transaction in
                var session = try Lookup.session(reference, in: transaction.db)
                session.description = description
                return try transaction.save(session)
            }
            if global.json { return try environment.output.printJSON(session) }
            environment.output.print(
                description.isEmpty
                    ? "Session \(session.id!) has no description now."
                    : "Session \(session.id!) is described (\(description.count) characters).")
        }

        private func readDescription() throws -> String {
            if clear { return "" }
            if let text { return text }
            let path = file!
            let data =
                path == "-"
                ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: path)
            guard let data else { throw ValidationError("--file \(path) cannot be read.") }
            guard let text = String(data: data, encoding: .utf8) else {
                throw ValidationError("--file \(path) is not UTF-8 text.")
            }
            return text
        }
    }

    struct Reschedule: KernelCommand {
        static let configuration = CommandConfiguration(
            commandName: "reschedule",
            abstract: "Move a session (a cancelled one is scheduled again); subscribers see the new time.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The session (slug path or id).")
        var session: String

        @Option(name: .long, help: "New start, local time such as 2023-06-21T16:00 (or with an offset).")
        var starts: String

        @Option(name: .long, help: "New end, in the same form.")
        var ends: String

        @Option(name: .long, help: "IANA zone the new times are in (default: the session's).")
        var timeZone: String?

        func validate() throws {
            if let timeZone, let problem = FieldRules.timeZoneProblem(timeZone) {
                throw ValidationError("--time-zone \(problem).")
            }
        }

        func run(in environment: CommandEnvironment, workspace: Workspace) async throws {
            let command = self
            let session = try await workspace.write(as: environment.actor) { transaction in
                let session = try Lookup.session(command.session, in: transaction.db)
                let zone = command.timeZone ?? session.timeZone
                let (start, end) = try Times.parse(command.starts, command.ends, zone: zone)
                return try transaction.reschedule(session.id!, startsAt: start, endsAt: end, timeZone: zone)
            }
            if global.json { return try environment.output.printJSON(session) }
            environment.output.print(
                "Session \(session.id!) now runs \(SessionTimes.text(session)) (revision \(session.revision)).")
        }
    }

    struct Cancel: KernelCommand {
        static let configuration = CommandConfiguration(
            commandName: "cancel",
            abstract: "Cancel a session; it stays in the series and feeds show it as cancelled.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The session (slug path or id).")
        var session: String

        func run(in environment: CommandEnvironment, workspace: Workspace) async throws {
            let reference = session
            let session = try await workspace.write(as: environment.actor) { transaction in
                try transaction.cancel(try Lookup.session(reference, in: transaction.db).id!)
            }
            if global.json { return try environment.output.printJSON(session) }
            environment.output.print("Session \(session.id!) is cancelled (revision \(session.revision)).")
        }
    }
}

/// Reads `--starts`/`--ends` in a zone, with the same rules as definition files.
enum Times {
    static func parse(_ starts: String, _ ends: String, zone name: String) throws -> (Date, Date) {
        guard let zone = TimeZone(identifier: name) else {
            throw ValidationError("--time-zone \(FieldRules.timeZoneProblem(name)?.description ?? "is unknown").")
        }
        let start = try read(starts, zone: zone, option: "--starts")
        let end = try read(ends, zone: zone, option: "--ends")
        guard end > start else { throw ValidationError("--ends must be after --starts.") }
        return (start, end)
    }

    static func instant(_ text: String, option: String) throws -> Date {
        switch TimeFormats.instant(text) {
        case let .success(date): return date
        case let .failure(error): throw ValidationError("\(option) \(error.description).")
        }
    }

    static func read(_ text: String, zone: TimeZone, option: String) throws -> Date {
        switch TimeFormats.localTime(text, in: zone) {
        case let .success(date): return date
        case let .failure(error): throw ValidationError("\(option) \(error.description).")
        }
    }
}
