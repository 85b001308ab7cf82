public import ArgumentParser

/// Options every plugin command takes.
public struct PluginCommandOptions: ParsableArguments, Sendable {
    @Option(name: .long, help: "The organization to act for: a slug path such as asknet/msasa-media-lab, or an id.")
    public var org: String

    @Option(name: .long, help: "The database file (default: $INDABA_DB, or ./indaba.sqlite).")
    public var db: String?

    @Flag(name: .long, help: "Print JSON instead of tables.")
    public var json = false

    public init() {}
}
