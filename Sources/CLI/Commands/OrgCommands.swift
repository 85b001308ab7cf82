import ArgumentParser
import GRDB
import Kernel
import PluginKit

struct OrgCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "org", abstract: "List and show organizations (networks and their members).",
        subcommands: [List.self, Show.self, MethodologyCommand.self, OrgLogoCommand.self])

    struct List: KernelCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List every organization, networks first.")

        @OptionGroup var global: GlobalOptions

        func run(in environment: CommandEnvironment, workspace: Workspace) async throws {
            let rows = try await workspace.read { db in
                try Organization.order(sql: "coalesce(parentId, id), parentId IS NOT NULL, slug").fetchAll(db)
                    .map { ($0, try Lookup.path(of: $0, in: db)) }
            }
            if global.json { return try environment.output.printJSON(rows.map(\.0)) }
            var table = TextTable(header: "ID", "ORGANIZATION", "NAME", "COUNTRY", "TIME ZONE")
            for (organization, path) in rows {
                table.add(
                    "\(organization.id!)", path, organization.name, organization.country, organization.timeZone)
            }
            environment.output.print(table.text)
        }
    }

    struct Show: KernelCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Show an organization, its programmes and plugins.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "A slug path (asknet, asknet/msasa-media-lab) or an id.")
        var organization: String

        func run(in environment: CommandEnvironment, workspace: Workspace) async throws {
            let reference = organization
            let (organization, path, members, programmes, plugins) = try await workspace.read { db in
                let organization = try Lookup.organization(reference, in: db)
                return (
                    organization, try Lookup.path(of: organization, in: db),
                    try Organization.filter(Column("parentId") == organization.id).order(Column("slug")).fetchAll(db),
                    try Programme.filter(Column("organizationId") == organization.id).order(Column("slug"))
                        .fetchAll(db),
                    try PluginEnablementRecord.enabledPlugins(of: organization.id!, in: db).map(\.rawValue).sorted()
                )
            }
            if global.json { return try environment.output.printJSON(organization) }
            var lines = [
                organization.name,
                "  \(path) · id \(organization.id!) · \(organization.isNetwork ? "network" : "member organization")",
                "  Country: \(organization.country) · Time zone: \(organization.timeZone)",
            ]
            if let website = organization.website { lines.append("  Website: \(website)") }
            lines.append("  Plugins enabled: \(plugins.isEmpty ? "none" : plugins.joined(separator: ", "))")
            if !members.isEmpty { lines.append("  Members: " + members.map(\.slug).joined(separator: ", ")) }
            lines.append(
                "  Programmes: " + (programmes.isEmpty ? "none" : programmes.map(\.slug).joined(separator: ", ")))
            environment.output.print(lines.joined(separator: "\n"))
        }
    }
}

struct ProgrammeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "programme", abstract: "List and show programmes.", subcommands: [List.self, Show.self])

    struct List: KernelCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List programmes, optionally of one organization.")

        @OptionGroup var global: GlobalOptions

        @Option(name: .long, help: "Only this organization's programmes.")
        var org: String?

        func run(in environment: CommandEnvironment, workspace: Workspace) async throws {
            let reference = org
            let rows = try await workspace.read { db in
                var request = Programme.order(Column("organizationId"), Column("slug"))
                if let reference {
                    request = request.filter(
                        Column("organizationId") == (try Lookup.organization(reference, in: db)).id)
                }
                return try request.fetchAll(db).map { programme in
                    let organization = try Organization.fetchOne(db, key: programme.organizationId)!
                    return (programme, "\(try Lookup.path(of: organization, in: db))/\(programme.slug)")
                }
            }
            if global.json { return try environment.output.printJSON(rows.map(\.0)) }
            var table = TextTable(header: "ID", "PROGRAMME", "TITLE")
            for (programme, path) in rows { table.add("\(programme.id!)", path, programme.title) }
            environment.output.print(table.text)
        }
    }

    struct Show: KernelCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Show a programme and its series.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "A slug path (asknet/webinars) or an id.")
        var programme: String

        func run(in environment: CommandEnvironment, workspace: Workspace) async throws {
            let reference = programme
            let (programme, series) = try await workspace.read { db in
                let programme = try Lookup.programme(reference, in: db)
                return (
                    programme,
                    try WebinarSeries.filter(Column("programmeId") == programme.id).order(Column("slug")).fetchAll(db)
                )
            }
            if global.json { return try environment.output.printJSON(programme) }
            var table = TextTable(header: "ID", "SERIES", "STATUS", "TITLE")
            for item in series { table.add("\(item.id!)", item.slug, item.status.rawValue, item.title) }
            environment.output.print(
                "\(programme.title)\n  id \(programme.id!)\n"
                    + (programme.summary.isEmpty ? "" : "  \(programme.summary)\n") + "\n" + table.text)
        }
    }
}
