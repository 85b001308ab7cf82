import App
import ArgumentParser
import CLI
import Foundation
import Hummingbird
import Kernel
import Server

/// `indaba serve`: the HTTP server on the database, until SIGINT or SIGTERM.
struct ServeCommand: KernelCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Serve the JSON API (and plugin routes) over HTTP until interrupted.")

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(name: .long, help: "The port to listen on (0 picks a free one).")
    var port = 8080

    @Option(name: .long, help: "The public URL of the server, used in links (default: http://HOST:PORT).")
    var baseUrl: String?

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be from 0 to 65535.") }
        if let baseUrl, let problem = FieldRules.webURLProblem(baseUrl) {
            throw ValidationError("--base-url \(problem).")
        }
    }

    func run(in environment: CommandEnvironment, workspace: Workspace) async throws {
        let configuration = ServerConfiguration(host: host, port: port, baseURL: baseUrl)
        let host = host
        let application = IndabaApp.application(
            workspace: workspace, configuration: configuration, logger: environment.logger
        ) { port in
            // Printed once the socket listens, so scripts (and tests) can wait for it and read the port.
            FileHandle.standardOutput.write(Data("Indaba is serving http://\(host):\(port) (Ctrl-C to stop)\n".utf8))
        }
        try await application.runService()
    }
}
