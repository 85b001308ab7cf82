import ArgumentParser
import Foundation
import GRDB
import Kernel

/// `indaba feeds urls [SERIES] --org ORG`: where to subscribe to an organization's feeds.
struct FeedURLsCommand: PluginCommand {
    static let configuration = CommandConfiguration(
        commandName: "urls", abstract: "Print the subscribe links (https and webcal) of an organization's feeds.")

    @OptionGroup var pluginOptions: PluginCommandOptions

    @Argument(help: "Only this series (slug path or id).")
    var series: String?

    @Option(name: .long, help: "The server's public URL.")
    var baseUrl = "http://127.0.0.1:8080"

    init() {}

    func run(in context: PluginCommandContext) async throws {
        let (organization, reference) = (context.organization, series)
        let baseURL = baseUrl.hasSuffix("/") ? String(baseUrl.dropLast()) : baseUrl
        let links = try await context.workspace.read { db in
            let all = try FeedLinks.all(
                for: organization, baseURL: baseURL, scope: Scope(Access.administrator(of: organization)), in: db)
            guard let reference else { return [all.organization] + (all.network.map { [$0] } ?? []) + all.series }
            let series = try Lookup.series(reference, in: db)
            guard
                let link = all.series.first(where: { $0.ics.hasSuffix("/series/\(series.id!.rawValue)/calendar.ics") })
            else {
                throw ValidationError(
                    "Series \(series.id!) is not a published series of organization \(organization.id!).")
            }
            return [link]
        }
        if context.json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            FileHandle.standardOutput.write(try encoder.encode(links) + Data("\n".utf8))
            return
        }
        for link in links {
            FileHandle.standardOutput.write(Data("\(link.title)\n  \(link.ics)\n  \(link.webcal)\n".utf8))
        }
    }
}
