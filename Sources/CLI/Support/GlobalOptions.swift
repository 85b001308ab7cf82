public import ArgumentParser
import Foundation

/// Options every command accepts.
public struct GlobalOptions: ParsableArguments, Sendable {
    @Option(name: .long, help: "The database file (default: $INDABA_DB, or ./indaba.sqlite).")
    var db: String?

    @Flag(name: .long, help: "Print JSON instead of tables.")
    var json = false

    public init() {}

    /// The database path to use.
    var databasePath: String {
        db ?? ProcessInfo.processInfo.environment["INDABA_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? "indaba.sqlite"
    }
}
