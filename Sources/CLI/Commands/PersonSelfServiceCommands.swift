import ArgumentParser
import Foundation
import Kernel
import PluginKit

extension PersonCommand {
    /// Prints a sign-in link to a participant's own pages, for staff to hand over where mail is not configured.
    struct SignInLink: KernelCommand {
        static let configuration = CommandConfiguration(
            commandName: "sign-in-link",
            abstract: "Print a one-time sign-in link to a participant's own pages (My Indaba).",
            discussion: """
                The link works once, for one hour by default. Give it only to the person it is for: it opens their \
                enrolments, certificates and data. Participants can also ask for one by mail at /me.
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The person: an id or e-mail address.")
        var person: String

        @Option(name: .long, help: "How many hours the link works (1 to 72).")
        var hours = 1

        @Option(name: .long, help: BaseURLSetting.help)
        var baseUrl: String?

        func validate() throws {
            guard (1...72).contains(hours) else { throw ValidationError("--hours must be between 1 and 72.") }
        }

        func run(in environment: CommandEnvironment, workspace: Workspace) async throws {
            let (reference, hours) = (person, hours)
            let base = try await BaseURLSetting.resolve(flag: baseUrl, workspace: workspace).url
            let secret = try await workspace.write(as: environment.actor) { transaction in
                let person = try Lookup.person(reference, in: transaction.db)
                return try transaction.createParticipantLink(for: person.id!, lifetime: TimeInterval(hours) * 3600)
            }
            environment.output.print("\(base)/me/sign-in/\(secret)")
        }
    }

    /// Erases a person at their request (made to staff by mail or in person), as their own page would.
    struct Erase: KernelCommand {
        static let configuration = CommandConfiguration(
            commandName: "erase",
            abstract: "Erase a person's personal data at their request; their figures stay, anonymous.",
            discussion: """
                Replaces the name and address, removes self-description, sign-in links, messages, private calendar \
                links and the name on certificates (which are revoked). Enrolments and attendance stay as an \
                anonymous record, so series figures do not change. Cannot be undone.
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The person: an id or e-mail address.")
        var person: String

        @Flag(name: .long, help: "Keep the self-described gender on the anonymous record, for the gender figures.")
        var keepGender = false

        func run(in environment: CommandEnvironment, workspace: Workspace) async throws {
            let (reference, keepGender) = (person, keepGender)
            let id = try await workspace.write(as: environment.actor) { transaction in
                let person = try Lookup.person(reference, in: transaction.db)
                try transaction.erase(person.id!, keepGenderInFigures: keepGender)
                return person.id!
            }
            environment.output.print("Person \(id) erased; their enrolments and attendance stay as anonymous figures.")
        }
    }
}
