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

    struct Add: KernelCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a person a facilitator or guest speaker of a series.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The series (slug path or id).")
        var series: String

        @Option(name: .long, help: "The person (id or e-mail).")
        var person: String

        @Option(name: .long, help: SeriesRoleCommand.roleHelp)
        var role: String

        func validate() throws { _ = try SeriesRoleCommand.leadingRole(role) }

        func run(in environment: CommandEnvironment, workspace: Workspace) async throws {
            let (seriesReference, personReference, role) = (series, person, try SeriesRoleCommand.leadingRole(role))
            let (seriesId, personId, added) = try await workspace.write(as: environment.actor) { transaction in
                let series = try Lookup.series(seriesReference, in: transaction.db)
                let person = try Lookup.person(personReference, in: transaction.db)
                return (
                    series.id!, person.id!, try transaction.addLeader(role, person: person.id!, series: series.id!)
                )
            }
            if global.json {
                return try environment.output.printJSON(
                    RoleChange(seriesId: seriesId, personId: personId, role: role, changed: added))
            }
            environment.output.print(
                added
                    ? "Person \(personId) is now \(role.rawValue) of series \(seriesId)."
                    : "Person \(personId) was already \(role.rawValue) of series \(seriesId); nothing changed.")
        }
    }

    struct Remove: KernelCommand {
        static let configuration = CommandConfiguration(
            abstract: "Take a facilitator or guest speaker role in a series away from a person.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The series (slug path or id).")
        var series: String

        @Option(name: .long, help: "The person (id or e-mail).")
        var person: String

        @Option(name: .long, help: SeriesRoleCommand.roleHelp)
        var role: String

        func validate() throws { _ = try SeriesRoleCommand.leadingRole(role) }

        func run(in environment: CommandEnvironment, workspace: Workspace) async throws {
            let (seriesReference, personReference, role) = (series, person, try SeriesRoleCommand.leadingRole(role))
            let (seriesId, personId, removed) = try await workspace.write(as: environment.actor) { transaction in
                let series = try Lookup.series(seriesReference, in: transaction.db)
                let person = try Lookup.person(personReference, in: transaction.db)
                return (
                    series.id!, person.id!, try transaction.removeLeader(role, person: person.id!, series: series.id!)
                )
            }
            if global.json {
                return try environment.output.printJSON(
                    RoleChange(seriesId: seriesId, personId: personId, role: role, changed: removed))
            }
            guard removed else {
                throw ValidationError(
                    "Person \(personId) is not \(role.rawValue) of series \(seriesId); see "
                        + "`indaba series role list \(seriesReference)`.")
            }
            environment.output.print("Person \(personId) is no longer \(role.rawValue) of series \(seriesId).")
        }
    }

    struct List: KernelCommand {
        static let configuration = CommandConfiguration(abstract: "List a series' facilitators and guest speakers.")

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
