import ArgumentParser
import Foundation
import Kernel
import PluginKit

/// `indaba base-url [URL | --forget]`: the server's public URL that every command printing a link uses.
struct BaseURLCommand: KernelCommand {
    static let configuration = CommandConfiguration(
        commandName: "base-url",
        abstract: "Show, record or forget the server's public URL used in the links commands print.",
        discussion: """
            Commands that print links (user login-link, feeds urls, feeds personal, serve) use, in this order: \
            their --base-url, $INDABA_BASE_URL, the URL recorded here for the database, http://127.0.0.1:8080. \
            `make run` records the address it serves on.
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The URL to record for this database, such as https://indaba.example.org.")
    var url: String?

    @Flag(name: .long, help: "Forget the recorded URL.")
    var forget = false

    func validate() throws {
        if url != nil, forget { throw ValidationError("Give a URL to record, or --forget, not both.") }
        if let url, let problem = FieldRules.webURLProblem(url) { throw ValidationError("URL \(problem).") }
    }

    func run(in environment: CommandEnvironment, workspace: Workspace) async throws {
        let (url, forget) = (url, forget)
        if url != nil || forget {
            try await workspace.write(as: environment.actor) { transaction in
                try transaction.recordBaseURL(forget ? nil : url)
            }
        }
        let (current, source) = try await BaseURLSetting.resolve(flag: nil, workspace: workspace)
        if global.json { return try environment.output.printJSON(["url": current, "source": source.rawValue]) }
        environment.output.print(current)
        environment.output.note("From: \(source.rawValue).")
    }
}
