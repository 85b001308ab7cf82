public import ArgumentParser
import Foundation
public import Kernel
import Logging

/// How the outbox reaches people, for `serve` and `outbox deliver`: a sendmail-compatible program (`--sendmail`,
/// else `INDABA_SENDMAIL`), or `.eml` files in a folder for development (`--mail-directory`).
public struct MailDeliveryOptions: ParsableArguments, Sendable {
    @Option(
        name: .long,
        help: "A sendmail-compatible program to hand messages to (default: $INDABA_SENDMAIL), run as PATH -t -i.")
    public var sendmail: String?

    @Option(name: .long, help: "Development: write each message as a .eml file into this folder instead.")
    public var mailDirectory: String?

    public init() {}

    public func validate() throws {
        if sendmail != nil, mailDirectory != nil {
            throw ValidationError("Give --sendmail or --mail-directory, not both.")
        }
        if let program = sendmailProgram, !FileManager.default.isExecutableFile(atPath: program) {
            throw ValidationError(
                "The sendmail program \(program) does not exist or is not executable; install one (for example "
                    + "Debian's msmtp-mta, which provides /usr/sbin/sendmail) or point --sendmail or INDABA_SENDMAIL "
                    + "at it.")
        }
    }

    /// The program chosen, from the option or the environment.
    public var sendmailProgram: String? {
        sendmail ?? ProcessInfo.processInfo.environment["INDABA_SENDMAIL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The transport chosen, or `nil` when mail is not configured.
    public var transport: (any MailTransport)? {
        if let mailDirectory { return DirectoryTransport(folder: URL(fileURLWithPath: mailDirectory)) }
        return sendmailProgram.map(SendmailTransport.init(program:))
    }
}

/// One pass of the outbox: what plugins find due (reminders, follow-ups), then delivery of everything due.
public struct OutboxPass: Sendable {
    public let workspace: Workspace
    public var delivery: OutboxDelivery

    public init(workspace: Workspace, transport: any MailTransport) {
        self.workspace = workspace
        delivery = OutboxDelivery(
            store: workspace.store, transport: transport, baseURL: workspace.baseURL, logger: workspace.logger,
            clock: workspace.now)
    }

    /// Runs scheduled work and delivers what is due at the workspace's clock. A plugin whose scheduled work fails
    /// is logged; delivery still runs.
    public func run() async throws -> OutboxDelivery.Summary {
        let now = workspace.now()
        for plugin in workspace.plugins {
            do {
                try await plugin.runScheduledWork(at: now)
            } catch {
                workspace.logger.error(
                    "Scheduled work failed",
                    metadata: ["plugin.id": "\(type(of: plugin).id)", "error": "\(type(of: error))"])
            }
        }
        // Read the clock again: what the scheduled work just queued is due at its own transaction's moment.
        return try await delivery.deliverDue(now: workspace.now())
    }
}
