import ArgumentParser
import Foundation
import Kernel
import PluginKit

/// `indaba attendance unmatched --org ORG`: the review queue.
struct UnmatchedCommand: PluginCommand {
    static let configuration = CommandConfiguration(
        commandName: "unmatched",
        abstract: "List export rows no person was found for, to link, create or ignore (indaba attendance resolve).")

    @OptionGroup var pluginOptions: PluginCommandOptions

    @Flag(help: "Include resolved items.")
    var all = false

    init() {}

    func run(in context: PluginCommandContext) async throws {
        let organization = context.organization.id!
        let all = all
        let items = try await context.workspace.read { db in
            // An operator (who holds the database file) sees the network's members' rows too.
            try ReviewQueue.items(of: organization, includeResolved: all, scope: nil, in: db)
        }
        if context.json { return try context.output.printJSON(items) }
        guard !items.isEmpty else { return context.output.print(lines: ["The review queue is empty."]) }
        var table = [
            ["ITEM", "SESSION", "NAME IN EXPORT", "E-MAIL", "MINUTES", "REASON", "CANDIDATES", "LINES", "STATUS"]
        ]
        for item in items {
            table.append([
                "\(item.id)", "\(item.sessionId)", item.displayName, item.email ?? "-", "\(item.minutes)", item.reason,
                item.candidates == "[]" ? "-" : item.candidates, item.lines, item.status,
            ])
        }
        context.output.print(lines: TextTable(table).lines)
    }
}

/// `indaba attendance resolve ITEM --person P | --create EMAIL | --ignore`.
struct ResolveCommand: PluginCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve",
        abstract: "Link a review item to a person, create a person for it, or ignore it.",
        discussion: "A link is remembered: later exports with the same name or e-mail match that person by themselves.")

    @OptionGroup var pluginOptions: PluginCommandOptions

    @Argument(help: "The item number shown by indaba attendance unmatched.")
    var item: Int64

    @Option(help: "Link to this person (e-mail or id).")
    var person: String?

    @Option(help: "Create a person with this e-mail address and the export's name.")
    var create: String?

    @Flag(help: "Ignore the row (a phone dial-in, a test account).")
    var ignore = false

    init() {}

    func validate() throws {
        guard [person != nil, create != nil, ignore].filter({ $0 }).count == 1 else {
            throw ValidationError("Give exactly one of --person, --create or --ignore.")
        }
    }

    func run(in context: PluginCommandContext) async throws {
        let plugin = context.plugin as! RetentionPlugin
        let organization = context.organization.id!
        let settings = try await plugin.settings(for: organization)
        let (item, person, create, ignore) = (item, person, create, ignore)
        // The operator acts as the organization's administrator (a network's as its coordinator, as `unmatched`
        // lists its members' rows too): a link names someone that administrator can see.
        let role: AccessRole = context.organization.parentId == nil ? .networkCoordinator : .organizationAdmin
        let (scope, target) = try await context.workspace.read { db in
            let scope = Scope(
                try Access.granted(role: role, organization: organization, person: nil, principal: "operator", in: db))
            return (scope, try person.map { try scope.person($0, in: db).id! })
        }
        let decision: ReviewDecision = ignore ? .ignore : target.map(ReviewDecision.link) ?? .create(email: create!)
        let resolved = try await context.workspace.write(as: context.actor) { transaction in
            try ReviewQueue.resolve(
                item, of: organization, decision: decision, settings: settings, scope: scope, in: transaction)
        }
        if context.json { return try context.output.printJSON(resolved) }
        context.output.print(lines: [
            "Item \(item) is \(resolved.status)" + (resolved.personId.map { " (person \($0))." } ?? ".")
        ])
    }
}
