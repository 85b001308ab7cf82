import App
import ArgumentParser
import CLI
import Foundation
import Hummingbird
import Kernel
import Logging
import PluginKit
import Server

/// `indaba serve`: the HTTP server on the database, until SIGINT or SIGTERM.
struct ServeCommand: KernelCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Serve the JSON API (and plugin routes) over HTTP until interrupted.")
    static let servesRequests = true

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(name: .long, help: "The port to listen on (0 picks a free one).")
    var port = 8080

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The public URL of the server, used in links (default: $INDABA_BASE_URL, then the URL recorded by "
                + "`indaba base-url`, then http://HOST:PORT).", valueName: "url"))
    var baseUrl: String?

    @Option(
        name: .customLong("trusted-proxy"), parsing: .upToNextOption,
        help: ArgumentHelp(
            "Reverse proxies (CIDR, such as 127.0.0.1/32) whose Forwarded or X-Forwarded-For header names the client.",
            valueName: "cidr"))
    var trustedProxies: [String] = []

    @OptionGroup var mail: MailDeliveryOptions

    @Flag(
        name: .long,
        help:
            "Offer the pseudo-language en-XA (accented English, 40% longer) to find layouts that break in translation.")
    var pseudoLocalization = false

    var baseURL: String? { baseUrl }
    var fallbackBaseURL: String? { "http://\(host):\(port)" }

    @Option(name: .long, help: "Seconds between two passes of the outbox (reminders due, messages to deliver).")
    var outboxInterval = 30

    func validate() throws {
        for proxy in trustedProxies where IPNetwork(proxy) == nil {
            throw ValidationError("--trusted-proxy '\(proxy)' is not an IP address or CIDR network such as 10.0.0.0/8.")
        }
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be from 0 to 65535.") }
        if let baseUrl, let problem = FieldRules.webURLProblem(baseUrl) {
            throw ValidationError("--base-url \(problem).")
        }
    }

    func run(in environment: CommandEnvironment, workspace: Workspace) async throws {
        // The one base-URL setting of every command; when nothing sets it, the address served on.
        let resolved = try await BaseURLSetting.resolve(flag: baseUrl, workspace: workspace)
        let baseURL = resolved.source == .fallback ? nil : resolved.url
        let configuration = ServerConfiguration(
            host: host, port: port, baseURL: baseURL,
            trustedProxies: TrustedProxies(trustedProxies.compactMap(IPNetwork.init)),
            pseudoLocalization: pseudoLocalization)
        let host = host
        let worker = startOutboxWorker(workspace: workspace, environment: environment)
        let application = IndabaApp.application(
            workspace: workspace, configuration: configuration, logger: environment.logger
        ) { port in
            // Printed once the socket listens, so scripts (and tests) can wait for it and read the port.
            FileHandle.standardOutput.write(Data("Indaba is serving http://\(host):\(port) (Ctrl-C to stop)\n".utf8))
        }
        do {
            try await application.runService()
        } catch {
            await stop(worker)
            throw error
        }
        await stop(worker)
    }

    /// Stops the outbox worker and waits for its pass to end: the database is closed once `run` returns, and a
    /// message handed to the mail program must be marked sent before that.
    private func stop(_ worker: Task<Void, Never>?) async {
        worker?.cancel()
        await worker?.value
    }

    /// Runs an outbox pass every `--outbox-interval` seconds while the server runs, when mail is configured;
    /// otherwise says where messages stay.
    private func startOutboxWorker(workspace: Workspace, environment: CommandEnvironment) -> Task<Void, Never>? {
        guard let transport = mail.transport else {
            environment.output.note(
                "Mail is not configured: messages stay in the outbox (indaba outbox list). Give --sendmail PATH "
                    + "(or INDABA_SENDMAIL) to send them, or --mail-directory DIR to write them as .eml files.")
            return nil
        }
        environment.output.note("Mail goes to \(transport.description).")
        let pass = OutboxPass(workspace: workspace, transport: transport)
        let interval = Duration.seconds(max(outboxInterval, 1))
        let logger = environment.logger
        return Task {
            while !Task.isCancelled {
                do {
                    _ = try await pass.run()
                } catch {
                    logger.error("Outbox pass failed", metadata: ["error": "\(type(of: error))"])
                }
                try? await Task.sleep(for: interval)
            }
        }
    }
}
