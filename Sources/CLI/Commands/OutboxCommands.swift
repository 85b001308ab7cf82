import ArgumentParser
import Foundation
import GRDB
import Kernel
import PluginKit

/// `indaba outbox …`: the messages waiting to go, sent and failed, and delivering them.
struct OutboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox", abstract: "List, deliver, retry and cancel outgoing messages.",
        subcommands: [Deliver.self, List.self, Retry.self, Cancel.self])

    struct Deliver: KernelCommand {
        static let configuration = CommandConfiguration(
            commandName: "deliver",
            abstract: "Queue what has fallen due (reminders, follow-ups), deliver every message due, and exit.",
            discussion: """
                For cron and tests; `indaba serve` does the same every 30 seconds while it runs. Exits 0 when \
                every message due was handed over or will be retried later; 1 when a message failed for good.
                """)

        @OptionGroup var global: GlobalOptions
        @OptionGroup var mail: MailDeliveryOptions

        @Option(name: .long, help: BaseURLSetting.help)
        var baseUrl: String?

        @Option(
            name: .long,
            help: "Seconds after which a message claimed by a run that never reported back counts as interrupted.")
        var reclaimAfter = 900

        var baseURL: String? { baseUrl }

        func validate() throws {
            if let baseUrl, let problem = FieldRules.webURLProblem(baseUrl) {
                throw ValidationError("--base-url \(problem).")
            }
            guard reclaimAfter >= 0 else { throw ValidationError("--reclaim-after must be 0 or more seconds.") }
        }

        func run(in environment: CommandEnvironment, workspace: Workspace) async throws {
            guard let transport = mail.transport else {
                throw ValidationError(
                    "Mail is not configured: give --sendmail PATH (or set INDABA_SENDMAIL), or --mail-directory DIR.")
            }
            var pass = OutboxPass(workspace: workspace, transport: transport)
            pass.delivery.claimLifetime = TimeInterval(reclaimAfter)
            let summary = try await pass.run()
            environment.output.print(
                "Sent \(summary.sent), to retry later \(summary.retrying), failed \(summary.failed)"
                    + (summary.requeued + summary.interrupted > 0
                        ? "; from an interrupted run: requeued \(summary.requeued), held \(summary.interrupted)"
                        : "") + ".")
            if summary.failed > 0 { throw ExitCode.failure }
        }
    }

    struct List: KernelCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List an organization's messages, newest first.")

        @OptionGroup var global: GlobalOptions

        @Option(name: .long, help: "The organization (slug path or id).")
        var org: String

        @Option(
            name: .long, help: "Only messages in this state: queued, sending, sent, failed, cancelled, interrupted.")
        var state: [String] = []

        @Option(name: .long, help: "At most this many messages.")
        var limit = 50

        func validate() throws {
            for state in state where OutboxMessage.State(rawValue: state) == nil {
                throw ValidationError(
                    "--state '\(state)' is not a state; use one of "
                        + OutboxMessage.State.allCases.map(\.rawValue).joined(separator: ", ") + ".")
            }
        }

        func run(in environment: CommandEnvironment, workspace: Workspace) async throws {
            let command = self
            let messages = try await workspace.read { db in
                let organization = try Lookup.organization(command.org, in: db)
                return try Scope(.administrator(of: organization)).outbox(
                    of: organization.id!, states: command.state.compactMap(OutboxMessage.State.init(rawValue:)),
                    limit: command.limit, in: db)
            }
            if global.json {
                try environment.output.printJSON(messages.map(OutboxLine.init))
                return
            }
            var table = TextTable(header: "ID", "STATE", "KIND", "PERSON", "DUE", "ATTEMPTS", "SUBJECT")
            let format = ISO8601DateFormatter()
            for message in messages {
                // A subject holds names typed into public forms: no control character reaches the terminal.
                let subject = String(
                    message.subject.unicodeScalars.map {
                        $0.properties.generalCategory == .control ? "?" : Character($0)
                    })
                table.add(
                    "\(message.id!)", message.state.rawValue, message.kind, message.personId.map { "\($0)" } ?? "-",
                    format.string(from: message.dueAt), "\(message.attempts)", subject)
            }
            environment.output.print(messages.isEmpty ? "No messages." : table.text)
        }
    }

    struct Retry: KernelCommand {
        static let configuration = CommandConfiguration(
            commandName: "retry",
            abstract: "Queue failed, interrupted or cancelled messages again, due now.")

        @OptionGroup var global: GlobalOptions

        @Option(name: .long, help: "The organization (slug path or id).")
        var org: String

        @Argument(help: "Message ids.")
        var ids: [Int64]

        func run(in environment: CommandEnvironment, workspace: Workspace) async throws {
            let command = self
            let count = try await workspace.write(as: environment.actor) { transaction in
                let organization = try Lookup.organization(command.org, in: transaction.db)
                try Scope(.administrator(of: organization)).requireAdministration(of: organization.id!)
                return try transaction.retry(command.ids.map(OutboxMessage.ID.init), organization: organization.id!)
            }
            environment.output.print("Queued again: \(count) of \(ids.count).")
        }
    }

    struct Cancel: KernelCommand {
        static let configuration = CommandConfiguration(
            commandName: "cancel", abstract: "Cancel messages not sent yet.")

        @OptionGroup var global: GlobalOptions

        @Option(name: .long, help: "The organization (slug path or id).")
        var org: String

        @Argument(help: "Message ids.")
        var ids: [Int64]

        func run(in environment: CommandEnvironment, workspace: Workspace) async throws {
            let command = self
            let count = try await workspace.write(as: environment.actor) { transaction in
                let organization = try Lookup.organization(command.org, in: transaction.db)
                return try transaction.cancel(command.ids.map(OutboxMessage.ID.init), organization: organization.id!)
            }
            environment.output.print("Cancelled: \(count) of \(ids.count).")
        }
    }
}

/// A message as `outbox list --json` prints it (no bodies: they hold personal links).
struct OutboxLine: Encodable {
    let id: Int64
    let state: String
    let kind: String
    let category: String
    let personId: Int64?
    let subject: String
    let dueAt: Date
    let attempts: Int
    let sentAt: Date?
    let lastError: String?

    init(_ message: OutboxMessage) {
        id = message.id!.rawValue
        state = message.state.rawValue
        kind = message.kind
        category = message.category.rawValue
        personId = message.personId?.rawValue
        subject = message.subject
        dueAt = message.dueAt
        attempts = message.attempts
        sentAt = message.sentAt
        lastError = message.lastError
    }
}
