public import ArgumentParser
import Foundation

/// Options every command accepts.
public struct GlobalOptions: ParsableArguments, Sendable {
    @Option(name: .long, help: "The database file (default: $INDABA_DB, or ./indaba.sqlite).")
    public var db: String?

    @Flag(name: .long, help: "Print JSON instead of tables.")
    public var json = false

    @Option(
        name: .customLong("as"),
        help: "Who the audit log names for the changes this command makes (default: your login name).")
    public var actingAs: String?

    public init() {}

    public func validate() throws {
        if let actingAs, let problem = CommandLineUser.nameProblem(actingAs) {
            throw ValidationError("--as \(problem).")
        }
    }

    /// The database path to use.
    public var databasePath: String {
        db ?? ProcessInfo.processInfo.environment["INDABA_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? "indaba.sqlite"
    }
}
