import ArgumentParser
import Foundation
import GRDB
import Kernel
import PluginKit

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Create, list and revoke API tokens.",
        subcommands: [Create.self, List.self, Revoke.self])

    struct Create: KernelCommand {
        static let configuration = CommandConfiguration(
            commandName: "create",
            abstract: "Create an API token; it is shown once and stored only as a hash.",
            discussion: """
                Roles: networkCoordinator (--org is a network: all its organizations), organizationAdmin (one \
                organization), facilitator (--person: the series they facilitate in --org).
                """)

        @OptionGroup var global: GlobalOptions

        @Option(name: .long, help: "networkCoordinator, organizationAdmin or facilitator.")
        var role: String

        @Option(name: .long, help: "The organization (slug path or id).")
        var org: String

        @Option(name: .long, help: "For a facilitator: the person (id or e-mail) the token acts as.")
        var person: String?

        @Option(name: .long, help: "A note saying what the token is for.")
        var label = ""

        @Option(name: .long, help: "When it stops working, such as 2027-01-01T00:00:00Z.")
        var expires: String?

        @Option(name: .long, help: "Stop working after this many days.")
        var expiresInDays: Int?

        func validate() throws {
            guard AccessRole(rawValue: role) != nil else {
                throw ValidationError("--role must be one of networkCoordinator, organizationAdmin, facilitator.")
            }
            if expires != nil, expiresInDays != nil {
                throw ValidationError("Give --expires or --expires-in-days, not both.")
            }
            if let expiresInDays, expiresInDays < 1 { throw ValidationError("--expires-in-days must be at least 1.") }
        }

        func run(in environment: CommandEnvironment, workspace: Workspace) async throws {
            let command = self
            let expiry = try expires.map { try Times.instant($0, option: "--expires") }
            let (token, secret) = try await workspace.write(as: environment.actor) { transaction in
                let organization = try Lookup.organization(command.org, in: transaction.db)
                let person = try command.person.map { try Lookup.person($0, in: transaction.db).id! }
                let expiresAt =
                    expiry ?? command.expiresInDays.map { transaction.now.addingTimeInterval(Double($0) * 86_400) }
                return try transaction.createToken(
                    role: AccessRole(rawValue: command.role)!, organization: organization.id!, person: person,
                    label: command.label, expiresAt: expiresAt)
            }
            if global.json {
                return try environment.output.printJSON(CreatedToken(id: token.id!.rawValue, token: secret))
            }
            environment.output.print(secret)
            environment.output.note(
                "Token \(token.id!) (\(token.role.rawValue)) created. It is shown only now: keep it safe. "
                    + "Send it as 'Authorization: Bearer …'; revoke it with `indaba token revoke \(token.id!)`.")
        }
    }

    struct List: KernelCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List tokens (never their secrets).")

        @OptionGroup var global: GlobalOptions

        func run(in environment: CommandEnvironment, workspace: Workspace) async throws {
            let tokens = try await workspace.read { db in try ApiToken.order(Column("id")).fetchAll(db) }
            if global.json { return try environment.output.printJSON(tokens.map(TokenLine.init)) }
            var table = TextTable(header: "ID", "ROLE", "ORG ID", "PERSON ID", "LABEL", "EXPIRES", "STATE")
            let now = workspace.now()
            for token in tokens {
                let state = token.revokedAt != nil ? "revoked" : token.isUsable(at: now) ? "active" : "expired"
                table.add(
                    "\(token.id!)", token.role.rawValue, "\(token.organizationId)",
                    token.personId.map { "\($0)" } ?? "",
                    token.label, token.expiresAt.map(TimeFormats.instantText) ?? "never", state)
            }
            environment.output.print(table.text)
        }
    }

    struct Revoke: KernelCommand {
        static let configuration = CommandConfiguration(
            commandName: "revoke", abstract: "Revoke a token; it stops working at once.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The token's id (see `indaba token list`).")
        var id: Int64

        func run(in environment: CommandEnvironment, workspace: Workspace) async throws {
            let id = ApiToken.ID(id)
            let token = try await workspace.write(as: environment.actor) { try $0.revokeToken(id) }
            if global.json { return try environment.output.printJSON(TokenLine(token)) }
            environment.output.print("Token \(token.id!) is revoked.")
        }
    }
}

private struct CreatedToken: Encodable {
    let id: Int64
    let token: String
}

/// A token as listed: everything but its hash.
private struct TokenLine: Encodable {
    let id: Int64
    let role: AccessRole
    let organizationId: Int64
    let personId: Int64?
    let label: String
    let createdAt: Date
    let expiresAt: Date?
    let revokedAt: Date?

    init(_ token: ApiToken) {
        id = token.id!.rawValue
        role = token.role
        organizationId = token.organizationId.rawValue
        personId = token.personId?.rawValue
        label = token.label
        createdAt = token.createdAt
        expiresAt = token.expiresAt
        revokedAt = token.revokedAt
    }
}
