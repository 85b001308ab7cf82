import ArgumentParser
import Foundation
import GRDB
import Kernel
import PluginKit

/// `indaba audit list`: the audit log, newest first, filtered by who, what, when and about what.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Read the audit log.", subcommands: [List.self])

    struct List: KernelCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List audit lines, newest first.",
            discussion: """
                Filters combine: --actor cli:amina (or a kind: cli:, token:, session:), --action series.created (or \
                an area: series), --since/--until an instant or a day (2026-03-01, UTC; --until includes the day), \
                --subject person:12.
                """)

        @OptionGroup var global: GlobalOptions

        @Option(name: .long, help: "The organization (slug path or id); all organizations when left out.")
        var org: String?

        @Option(name: .long, help: "Who: an actor (cli:amina, token:3) or a kind of actor (token:).")
        var actor: String?

        @Option(name: .long, help: "What: an action (series.created) or an area (series).")
        var action: String?

        @Option(name: .long, help: "From this instant or day on.")
        var since: String?

        @Option(name: .long, help: "Up to this instant, or to the end of this day.")
        var until: String?

        @Option(name: .long, help: "About what: kind:id, such as person:12 or series:3.")
        var subject: String?

        @Option(name: .long, help: "At most this many lines (1 to 1000).")
        var limit = 100

        func validate() throws {
            guard (1...1000).contains(limit) else { throw ValidationError("--limit must be from 1 to 1000.") }
            if let since, AuditFilter.bound(since, endOfDay: false) == nil {
                throw ValidationError("--since must be an instant such as 2026-03-01T08:00:00Z or a day 2026-03-01.")
            }
            if let until, AuditFilter.bound(until, endOfDay: true) == nil {
                throw ValidationError("--until must be an instant such as 2026-03-01T08:00:00Z or a day 2026-03-01.")
            }
            if let subject, let problem = AuditFilter.subjectProblem(subject) {
                throw ValidationError("--subject \(problem).")
            }
        }

        func run(in environment: CommandEnvironment, workspace: Workspace) async throws {
            let command = self
            let (page, names) = try await workspace.read { db in
                let organization = try command.org.map { try Lookup.organization($0, in: db).id! }
                let filter = AuditFilter(
                    organization: organization, actor: command.actor, action: command.action,
                    since: command.since.flatMap { AuditFilter.bound($0, endOfDay: false) },
                    until: command.until.flatMap { AuditFilter.bound($0, endOfDay: true) }, subject: command.subject)
                let page = try AuditLog.page(filter, limit: command.limit, in: db)
                return (page, try AuditLog.actorNames(page.entries.map(\.actor), in: db))
            }
            if global.json {
                return try environment.output.printJSON(page.entries.map { AuditLine($0, actorName: names[$0.actor]) })
            }
            var table = TextTable(header: "ID", "WHEN (UTC)", "ORG ID", "WHO", "WHAT", "SUBJECT", "DETAIL")
            for entry in page.entries {
                table.add(
                    "\(entry.id!)", TimeFormats.instantText(entry.occurredAt), "\(entry.organizationId)",
                    names[entry.actor] ?? entry.actor,
                    AuditWording.action(entry.action) + (entry.pluginId.map { " (\($0))" } ?? ""), entry.subject ?? "",
                    entry.detail == "{}" ? "" : entry.detail)
            }
            environment.output.print(table.text)
            if page.next != nil {
                environment.output.note("More lines are older; narrow the filters or raise --limit.")
            }
        }
    }
}

/// An audit line as the command prints it in JSON.
private struct AuditLine: Encodable {
    let id: Int64
    let occurredAt: Date
    let organizationId: Int64
    let actor: String
    let actorName: String
    let action: String
    let actionText: String
    let subject: String?
    let pluginId: String?
    let detail: JSONValue

    init(_ entry: AuditEntry, actorName: String?) {
        id = entry.id!.rawValue
        occurredAt = entry.occurredAt
        organizationId = entry.organizationId.rawValue
        actor = entry.actor
        self.actorName = actorName ?? entry.actor
        action = entry.action
        actionText = AuditWording.action(entry.action)
        subject = entry.subject
        pluginId = entry.pluginId
        detail = (try? JSONDecoder().decode(JSONValue.self, from: Data(entry.detail.utf8))) ?? .object([:])
    }
}
