public import ArgumentParser
public import Foundation
public import Kernel

/// The server's public URL for commands that print links (sign-in links, feed addresses): one setting, read the
/// same way by every command. The first of: the command's `--base-url`, the environment's `INDABA_BASE_URL`, the URL
/// recorded for the database (`indaba base-url URL`; `make run` records its own), `http://127.0.0.1:8080`.
public enum BaseURLSetting {
    /// The environment variable that sets it for a shell.
    public static let environmentVariable = "INDABA_BASE_URL"
    /// What is used when nothing says otherwise.
    public static let fallback = "http://127.0.0.1:8080"

    /// Where the URL in use came from.
    public enum Source: String, Sendable {
        case flag = "--base-url"
        case environment = "INDABA_BASE_URL"
        case database = "recorded for the database"
        case fallback = "default"
    }

    /// The URL to use (without a trailing `/`) and where it came from.
    /// - Throws: `ValidationError` naming the source when the URL found is not an absolute http(s) URL.
    public static func resolve(
        flag: String?, workspace: Workspace,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) async throws -> (url: String, source: Source) {
        let found: (String, Source)
        if let flag {
            found = (flag, .flag)
        } else if let variable = environment[environmentVariable], !variable.isEmpty {
            found = (variable, .environment)
        } else if let recorded = try await workspace.read({ db in try SiteSettings.baseURL(in: db) }) {
            found = (recorded, .database)
        } else {
            found = (fallback, .fallback)
        }
        var (url, source) = found
        if let problem = FieldRules.webURLProblem(url) { throw ValidationError("\(source.rawValue): \(problem).") }
        while url.hasSuffix("/") { url.removeLast() }
        return (url, source)
    }

    /// The help text of a command's `--base-url` option.
    public static let help = ArgumentHelp(
        "The server's public URL (default: $INDABA_BASE_URL, then the URL recorded by `indaba base-url`, then "
            + "http://127.0.0.1:8080).", valueName: "url")
}
