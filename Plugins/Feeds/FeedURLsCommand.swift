import ArgumentParser
import Foundation
import GRDB
import Kernel
import PluginKit

/// `indaba feeds urls [SERIES] --org ORG`: where to subscribe to an organization's feeds.
struct FeedURLsCommand: PluginCommand {
    static let configuration = CommandConfiguration(
        commandName: "urls",
        abstract: "Print the subscribe links of an organization's feeds (webcal, iCalendar, xCal, RSS, Atom, frab).")

    @OptionGroup var pluginOptions: PluginCommandOptions

    @Argument(help: "Only this series (slug path or id).")
    var series: String?

    @Option(name: .long, help: BaseURLSetting.help)
    var baseUrl: String?

    init() {}

    func run(in context: PluginCommandContext) async throws {
        let (organization, reference) = (context.organization, series)
        let baseURL = try await BaseURLSetting.resolve(flag: baseUrl, workspace: context.workspace).url
        let links = try await context.workspace.read { db in
            let all = try FeedLinks.all(
                for: organization, baseURL: baseURL, scope: Scope(Access.administrator(of: organization)), in: db)
            guard let reference else {
                return [("Organization", all.organization)] + (all.network.map { [("Network", $0)] } ?? [])
                    + all.series.map { ("Series", $0) }
            }
            let series = try Lookup.series(reference, in: db)
            guard
                let link = all.series.first(where: { $0.ics.hasSuffix("/series/\(series.id!.rawValue)/calendar.ics") })
            else {
                throw ValidationError(
                    "Series \(series.id!) is not a published series of organization \(organization.id!).")
            }
            return [("Series", link)]
        }
        if context.json {
            return try context.output.printJSON(links.map(\.1))
        }
        for (kind, link) in links {
            let lines = [
                "\(kind): \(link.title)", "  subscribe  \(link.webcal)", "  iCalendar  \(link.ics)",
                "  xCal       \(link.xcal)", "  RSS        \(link.rss)", "  Atom       \(link.atom)",
                "  frab       \(link.schedule)",
            ]
            context.output.print(lines: lines)
        }
    }
}
