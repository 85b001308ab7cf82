import ArgumentParser
import GRDB
import Kernel
import PluginKit

/// `indaba series role add|remove|list`: who leads a series (facilitators and guest speakers), audited.
struct SeriesRoleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "role", abstract: "Add, remove and list a series' facilitators and guest speakers.",
        subcommands: [Add.self, Remove.self, List.self])

    /// The roles these commands change.
    static let roleHelp = ArgumentHelp("facilitator or guestSpeaker.")

    static func leadingRole(_ text: String) throws -> SeriesRole.Role {
        guard let role = SeriesRole.Role(rawValue: text), role != .participant else {
            throw ValidationError(
                "--role must be facilitator or guestSpeaker (participants enrol with `indaba enrol`).")
        }
        return role
    }

    /// The series, person and role an add or a remove names.
    struct Target: ParsableArguments {
        @Argument(help: "The series (slug path or id).")
        var series: String

        @Option(name: .long, help: "The person (id or e-mail).")
        var person: String

        @Option(name: .long, help: SeriesRoleCommand.roleHelp)
        var role: String

        func validate() throws { _ = try SeriesRoleCommand.leadingRole(role) }

        /// Looks the series and person up and runs `change` on them, in one write; says whether it changed anything.
        func apply(
            as actor: AuditActor, in workspace: Workspace,
            _ change:
                @escaping @Sendable (WriteTransaction, SeriesRole.Role, Person.ID, WebinarSeries.ID) throws
                -> Bool
        ) async throws -> RoleChange {
            let (seriesReference, personReference, role) = (series, person, try SeriesRoleCommand.leadingRole(role))
            return try await workspace.write(as: actor) { transaction in
                let series = try Lookup.series(seriesReference, in: transaction.db).id!
                let person = try Lookup.person(personReference, in: transaction.db).id!
                return RoleChange(
                    seriesId: series, personId: person, role: role,
                    changed: try change(transaction, role, person, series))
            }
        }
    }

    struct Add: KernelCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Make a person a facilitator or guest speaker of a series.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var target: Target

        func run(in environment: CommandEnvironment, workspace: Workspace) async throws {
            let change = try await target.apply(as: environment.actor, in: workspace) {
                try $0.addLeader($1, person: $2, series: $3)
            }
            if global.json { return try environment.output.printJSON(change) }
            let (person, role, series) = (change.personId, change.role.rawValue, change.seriesId)
            environment.output.print(
                change.changed
                    ? "Person \(person) is now \(role) of series \(series)."
                    : "Person \(person) was already \(role) of series \(series); nothing changed.")
        }
    }

    struct Remove: KernelCommand {
        static let configuration = CommandConfiguration(
            commandName: "remove",
            abstract: "Take a facilitator or guest speaker role in a series away from a person.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var target: Target

        func run(in environment: CommandEnvironment, workspace: Workspace) async throws {
            let change = try await target.apply(as: environment.actor, in: workspace) {
                try $0.removeLeader($1, person: $2, series: $3)
            }
            if global.json { return try environment.output.printJSON(change) }
            let (person, role, series) = (change.personId, change.role.rawValue, change.seriesId)
            guard change.changed else {
                throw ValidationError(
                    "Person \(person) is not \(role) of series \(series); see "
                        + "`indaba series role list \(target.series)`.")
            }
            environment.output.print("Person \(person) is no longer \(role) of series \(series).")
        }
    }

    struct List: KernelCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List a series' facilitators and guest speakers.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The series (slug path or id).")
        var series: String

        func run(in environment: CommandEnvironment, workspace: Workspace) async throws {
            let reference = series
            let leaders = try await workspace.read { db in
                try SeriesFacilitation(of: Lookup.series(reference, in: db).id!, in: db).leaders
            }
            if global.json {
                return try environment.output.printJSON(
                    leaders.map { Leader(personId: $0.personId, name: $0.displayName, role: $0.role) })
            }
            if leaders.isEmpty { return environment.output.print("No facilitators or guest speakers yet.") }
            var table = TextTable(header: "PERSON", "NAME", "ROLE")
            for leader in leaders { table.add("\(leader.personId)", leader.displayName, leader.role.rawValue) }
            environment.output.print(table.text)
        }
    }

    struct RoleChange: Encodable {
        let seriesId: WebinarSeries.ID
        let personId: Person.ID
        let role: SeriesRole.Role
        let changed: Bool
    }

    struct Leader: Encodable {
        let personId: Person.ID
        let name: String
        let role: SeriesRole.Role
    }
}
