import ArgumentParser
import Foundation
import GRDB
import Kernel
import PluginKit

/// `indaba feeds render --org ORG [--scope network|organization|series:ID] [--format ics|xcs|rss|atom|xml]`:
/// writes one feed to standard output (or `--output`); with `--repeat N` it renders N times from the database,
/// bypassing every cache, and reports the in-process time per render (the feed benchmark uses it).
struct FeedRenderCommand: PluginCommand {
    static let configuration = CommandConfiguration(
        commandName: "render", abstract: "Render one feed from the database (for inspection and benchmarks).")

    @OptionGroup var pluginOptions: PluginCommandOptions

    @Option(name: .long, help: "organization, network, or series:ID.")
    var scope = "organization"

    @Option(name: .long, help: "ics, xcs, rss, atom or xml (frab schedule).")
    var format = "ics"

    @Option(name: .long, help: BaseURLSetting.help)
    var baseUrl: String?

    @Option(name: .long, help: "Render this many times and report the time of one render.")
    var `repeat` = 1

    @Option(name: [.short, .long], help: "Write the feed here instead of standard output.")
    var output: String?

    init() {}

    private static let formats: [String: FeedFormat] = [
        "ics": .iCalendar, "xcs": .xCal, "rss": .rss, "atom": .atom, "xml": .frab,
    ]

    func validate() throws {
        guard Self.formats[format] != nil else { throw ValidationError("--format must be ics, xcs, rss, atom or xml.") }
        guard (1...10_000).contains(`repeat`) else { throw ValidationError("--repeat must be from 1 to 10000.") }
    }

    func run(in context: PluginCommandContext) async throws {
        let organization = context.organization
        let feedScope = try parsedScope(organization)
        let format = Self.formats[format]!
        let plugin = context.plugin as! FeedsPlugin
        let settings = try await plugin.context.settings(FeedsSettings.self, for: organization.id!)
        let baseURL = try await BaseURLSetting.resolve(flag: baseUrl, workspace: context.workspace).url
        let identity = try await plugin.identity.identity(baseURL: baseURL, context: plugin.context)
        var text = ""
        var timings: [Duration] = []
        var loading: [Duration] = []
        for _ in 0..<`repeat` {
            let start = ContinuousClock.now
            let (selection, content) = try await context.workspace.read { db in
                guard let selection = try FeedContent.selection(feedScope, organization: organization, in: db) else {
                    throw ValidationError("There is no such feed for organization \(organization.id!).")
                }
                return (selection, try FeedContent.load(selection, organization: organization, in: db))
            }
            loading.append(ContinuousClock.now - start)
            // A personal calendar speaks its owner's language, as the server's does.
            let options = FeedOptions(
                scope: feedScope, organization: organization, format: format, settings: settings, baseURL: baseURL,
                identity: identity, language: selection.language)
            text = format.render(content, options: options)
            timings.append(ContinuousClock.now - start)
        }
        if let output {
            try Data(text.utf8).write(to: URL(fileURLWithPath: output))
        } else {
            context.output.write(text)
        }
        if `repeat` > 1 {
            let milliseconds = { (durations: [Duration]) in
                durations.map { Double($0.components.attoseconds) / 1e15 + Double($0.components.seconds) * 1e3 }
                    .sorted()
            }
            let total = milliseconds(timings)
            let load = milliseconds(loading)
            let report = String(
                format:
                    "render %@ %@: median %.2f ms (reading the data %.2f ms), min %.2f ms over %d renders (%d bytes)",
                self.format, scope, total[total.count / 2], load[load.count / 2], total[0], total.count, text.utf8.count
            )
            context.output.note(report)
        }
    }

    private func parsedScope(_ organization: Organization) throws -> FeedScope {
        switch scope {
        case "organization": return .organization(organization.id!)
        case "network": return .network(organization.id!)
        default:
            guard scope.hasPrefix("series:"), let id = Int64(scope.dropFirst(7)) else {
                throw ValidationError("--scope must be organization, network or series:ID.")
            }
            return .series(WebinarSeries.ID(id))
        }
    }
}
