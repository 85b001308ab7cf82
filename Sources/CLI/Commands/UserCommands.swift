import ArgumentParser
import Foundation
import Kernel
import PluginKit

/// `indaba user …`: staff access to the web interface.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Let staff sign in to the web interface.",
        subcommands: [LoginLink.self, Invite.self])

    struct LoginLink: KernelCommand {
        static let configuration = CommandConfiguration(
            commandName: "login-link",
            abstract: "Print a one-time sign-in link (usable once, for 15 minutes); only its hash is stored.",
            discussion: """
                Roles are those of API tokens: networkCoordinator (--org is a network), organizationAdmin, \
                facilitator (--person). Send the link to the person privately; opening it asks them to confirm.
                """)

        @OptionGroup var global: GlobalOptions

        @Option(name: .long, help: "networkCoordinator, organizationAdmin or facilitator.")
        var role: String

        @Option(name: .long, help: "The organization (slug path or id).")
        var org: String

        @Option(name: .long, help: "For a facilitator: the person (id or e-mail) who signs in.")
        var person: String?

        @Option(name: .long, help: BaseURLSetting.help)
        var baseUrl: String?

        func validate() throws {
            guard AccessRole(rawValue: role) != nil else {
                throw ValidationError("--role must be one of networkCoordinator, organizationAdmin, facilitator.")
            }
        }

        func run(in environment: CommandEnvironment, workspace: Workspace) async throws {
            let command = self
            let base = try await BaseURLSetting.resolve(flag: baseUrl, workspace: workspace).url
            let (link, secret) = try await workspace.write(as: environment.actor) { transaction in
                let organization = try Lookup.organization(command.org, in: transaction.db)
                let person = try command.person.map { try Lookup.person($0, in: transaction.db).id! }
                return try transaction.createLoginLink(
                    role: AccessRole(rawValue: command.role)!, organization: organization.id!, person: person)
            }
            let url = "\(base)/sign-in?link=\(secret)"
            if global.json {
                return try environment.output.printJSON([
                    "url": url, "expiresAt": TimeFormats.instantText(link.expiresAt),
                ])
            }
            environment.output.print(url)
            environment.output.note(
                "Sign-in link \(link.id!) (\(link.role.rawValue)) works once, until "
                    + "\(TimeFormats.instantText(link.expiresAt)).")
        }
    }

    struct Invite: KernelCommand {
        static let configuration = CommandConfiguration(
            commandName: "invite",
            abstract: "E-mail a one-time sign-in link (usable once, for 24 hours) through the outbox.",
            discussion: """
                The message is queued now and goes with the next delivery (`indaba serve` with --sendmail, or \
                `indaba outbox deliver`). Roles are those of `login-link`.
                """)

        @OptionGroup var global: GlobalOptions

        @Option(name: .long, help: "networkCoordinator, organizationAdmin or facilitator.")
        var role: String

        @Option(name: .long, help: "The organization (slug path or id).")
        var org: String

        @Option(name: .long, help: "The address to send the link to.")
        var email: String

        @Option(name: .long, help: "For a facilitator: the person (id or e-mail) who signs in.")
        var person: String?

        @Option(name: .long, help: BaseURLSetting.help)
        var baseUrl: String?

        var baseURL: String? { baseUrl }

        func validate() throws {
            guard AccessRole(rawValue: role) != nil else {
                throw ValidationError("--role must be one of networkCoordinator, organizationAdmin, facilitator.")
            }
            if let problem = FieldRules.emailProblem(email) { throw ValidationError("--email \(problem).") }
            if let baseUrl, let problem = FieldRules.webURLProblem(baseUrl) {
                throw ValidationError("--base-url \(problem).")
            }
        }

        func run(in environment: CommandEnvironment, workspace: Workspace) async throws {
            let command = self
            let base = workspace.baseURL
            let id = try await workspace.write(as: environment.actor) { transaction in
                let organization = try Lookup.organization(command.org, in: transaction.db)
                let person = try command.person.map { try Lookup.person($0, in: transaction.db).id! }
                let (link, secret) = try transaction.createLoginLink(
                    role: AccessRole(rawValue: command.role)!, organization: organization.id!, person: person,
                    lifetime: 24 * 3600)
                try transaction.queue(
                    MessageDraft(
                        organizationId: organization.id!, personId: person, recipient: MailAddress(command.email),
                        sender: .indaba(at: base, name: organization.name), category: .transactional,
                        kind: OutboxWording.staffInvitation,
                        idempotencyKey: "\(OutboxWording.staffInvitation):\(link.id!)",
                        subject: "Sign in to Indaba for \(organization.name)",
                        textBody: """
                            You are invited to manage \(organization.name) on Indaba.

                            Sign in with this link (it works once, until \(TimeFormats.instantText(link.expiresAt))):
                            \(base)/sign-in?link=\(secret)

                            If you did not expect this message, ignore it: nothing happens unless the link is opened.
                            """))
                return link.id!
            }
            environment.output.print("Sign-in link \(id) queued for mail; it works once, for 24 hours.")
        }
    }
}
