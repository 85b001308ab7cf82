import ArgumentParser
import GRDB
import Kernel
import PluginKit

struct PersonCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "person", abstract: "List, show and merge people; sign-in links and erasure for participants.",
        subcommands: [List.self, Show.self, PersonMergeCommand.self, SignInLink.self, Erase.self])

    struct List: KernelCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List people, optionally of an organization or series.")

        @OptionGroup var global: GlobalOptions

        @Option(name: .long, help: "Only people registered by this organization.")
        var org: String?

        @Option(name: .long, help: "Only people enrolled in, or holding a role in, this series.")
        var series: String?

        func run(in environment: CommandEnvironment, workspace: Workspace) async throws {
            let (orgReference, seriesReference) = (org, series)
            let people = try await workspace.read { db in
                var request = Person.order(Column("displayName"), Column("id"))
                if let orgReference {
                    request = request.filter(
                        Column("organizationId") == (try Lookup.organization(orgReference, in: db)).id)
                }
                if let seriesReference {
                    let series = try Lookup.series(seriesReference, in: db)
                    request = request.takingPart(in: series.id!)
                }
                return try request.fetchAll(db)
            }
            if global.json { return try environment.output.printJSON(people) }
            var table = TextTable(header: "ID", "NAME", "E-MAIL", "ORG ID")
            for person in people {
                table.add("\(person.id!)", person.displayName, person.email, "\(person.organizationId)")
            }
            environment.output.print(table.text)
        }
    }

    struct Show: KernelCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Show a person and the series they take part in.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "An id or e-mail address.")
        var person: String

        func run(in environment: CommandEnvironment, workspace: Workspace) async throws {
            let reference = person
            let (person, roles) = try await workspace.read { db in
                let person = try Lookup.person(reference, in: db)
                let roles = try PersonRoles.of(person.id!, in: db).map {
                    "series \($0.seriesId) (\($0.seriesTitle)): \($0.roles.joined(separator: ", "))"
                }
                return (person, roles)
            }
            if global.json { return try environment.output.printJSON(person) }
            var lines = [
                person.displayName,
                "  id \(person.id!) · \(person.email) · registered by organization \(person.organizationId)",
            ]
            if person.consent {
                lines.append("  Self-described gender: \(person.gender ?? "not given") (stored with consent)")
                for (key, value) in person.attributes.sorted(by: { $0.key < $1.key }) {
                    lines.append("  \(key): \(value)")
                }
            } else {
                lines.append("  No consent recorded: no gender or attributes stored")
            }
            lines.append(contentsOf: roles.map { "  \($0)" })
            environment.output.print(lines.joined(separator: "\n"))
        }
    }
}
