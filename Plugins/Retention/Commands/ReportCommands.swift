import ArgumentParser
import Foundation
import GRDB
import Kernel
import PluginKit

/// `indaba retention report SERIES`: the funnel, breakdowns and targets of a series.
struct RetentionReportCommand: PluginCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Show a series' funnel, drop-out points, breakdowns by gender and channel, and targets.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json, csv, svg
    }

    @OptionGroup var pluginOptions: PluginCommandOptions

    @Argument(help: "The series (slug path such as asknet/webinars/inclusive-spaces, or id).")
    var series: String

    @Option(help: "table, json, csv (the funnel with gender groups) or svg (the funnel chart).")
    var format: Format = .table

    @Option(help: .hidden)
    var repeatCount = 1

    init() {}

    func run(in context: PluginCommandContext) async throws {
        let series = series
        let report = try await BenchTiming.measure("series report", times: repeatCount) {
            try await RetentionCommandSupport.report(series, context: context)
        }
        switch context.json ? .json : format {
        case .table: context.output.print(lines: report.textLines)
        case .json: try context.output.printJSON(report)
        case .csv: context.output.write(report.csv)
        case .svg: context.output.write(FunnelChart(report: report).svg)
        }
    }
}

/// `indaba retention followup SERIES`: who missed the last session, as CSV.
struct FollowUpCommand: PluginCommand {
    static let configuration = CommandConfiguration(
        commandName: "followup",
        abstract: "List participants who missed the last session held, as CSV for Excel or LibreOffice.")

    @OptionGroup var pluginOptions: PluginCommandOptions

    @Argument(help: "The series (slug path or id).")
    var series: String

    init() {}

    func run(in context: PluginCommandContext) async throws {
        let (organization, reference, now) = (context.organization.id!, series, context.workspace.now())
        let list = try await context.workspace.read { db in
            let series = try Lookup.series(reference, in: db)
            try RetentionQueries.requireOwned(series: series.id!, by: organization, in: db)
            return try FollowUpList(progress: SeriesProgress(series: series, now: now, in: db), in: db)
        }
        if context.json { return try context.output.printJSON(list) }
        context.output.write(list.csv)
    }
}

/// `indaba retention target SERIES --metric M --minimum P`.
struct TargetCommand: PluginCommand {
    static let configuration = CommandConfiguration(
        commandName: "target",
        abstract: "Set or remove a series' target, such as women-enrolled 50 or completion 60.")

    @OptionGroup var pluginOptions: PluginCommandOptions

    @Argument(help: "The series (slug path or id).")
    var series: String

    @Option(help: "women-enrolled, women-completed, completion or first-session.")
    var metric: String

    @Option(help: "The minimum, in percent.")
    var minimum: Int?

    @Flag(help: "Remove the target.")
    var remove = false

    init() {}

    func run(in context: PluginCommandContext) async throws {
        guard let metric = SeriesTarget.Metric(rawValue: metric) else {
            throw ValidationError(
                "--metric must be one of \(SeriesTarget.Metric.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        guard remove != (minimum != nil) else { throw ValidationError("Give either --minimum or --remove.") }
        let (organization, reference, minimum) = (context.organization.id!, series, minimum)
        try await context.workspace.write(as: context.actor) { transaction in
            let series = try Lookup.series(reference, in: transaction.db)
            try RetentionQueries.requireOwned(series: series.id!, by: organization, in: transaction.db)
            try SeriesTarget.set(metric, to: minimum, for: series.id!, in: transaction.db)
        }
        context.output.print(lines: [
            minimum.map { "Target \(metric.rawValue) is now at least \($0)%." } ?? "Target removed."
        ])
    }
}

/// `indaba retention network`: the funnel by gender across an organization, or a whole network.
struct NetworkFunnelCommand: PluginCommand {
    static let configuration = CommandConfiguration(
        commandName: "network",
        abstract: "Show the funnel by gender across every series of the organization (and, for a network, its members)."
    )

    @OptionGroup var pluginOptions: PluginCommandOptions

    @Flag(help: "Print the raw stage|gender|people rows (stored genders, nothing hidden), for checks and benchmarks.")
    var raw = false

    @Option(help: .hidden)
    var repeatCount = 1

    init() {}

    func run(in context: PluginCommandContext) async throws {
        let plugin = context.plugin as! RetentionPlugin
        let organization = context.organization
        let settings = try await plugin.settings(for: organization.id!)
        if raw {
            let rows = try await BenchTiming.measure("network funnel (raw)", times: repeatCount) {
                try await context.workspace.read { db in
                    try NetworkFunnel.rawRows(
                        organizations: RetentionQueries.organizationsCovered(by: organization, in: db), in: db)
                }
            }
            return context.output.print(lines: rows.map { "\($0.0)|\($0.1)|\($0.2)" })
        }
        let funnel = try await BenchTiming.measure("network funnel", times: repeatCount) {
            try await context.workspace.read { db in
                try NetworkFunnel(
                    organizations: RetentionQueries.organizationsCovered(by: organization, in: db),
                    settings: settings, in: db)
            }
        }
        if context.json { return try context.output.printJSON(funnel) }
        context.output.print(
            lines:
                TextTable(
                    [["STAGE", "PEOPLE"] + funnel.groups + ["NOT BROKEN DOWN"]]
                        + funnel.stages.map { stage in
                            [stage.stage == 0 ? "enrolled" : "session \(stage.stage)", "\(stage.total)"]
                                + stage.groups.map { $0.map(String.init) ?? "-" } + ["\(stage.notBrokenDown)"]
                        }
                ).lines
                + [
                    "A group's figure adds up the series whose own report shows it at that stage; people whose "
                        + "series' report hides their group are not broken down."
                ])
    }
}

/// `indaba retention programme PROGRAMME`: who came back for the next series.
struct ProgrammeRetentionCommand: PluginCommand {
    static let configuration = CommandConfiguration(
        commandName: "programme",
        abstract: "Show how many participants of each series of a programme enrolled in the next one.")

    @OptionGroup var pluginOptions: PluginCommandOptions

    @Argument(help: "The programme (slug path such as asknet/webinars, or id).")
    var programme: String

    init() {}

    func run(in context: PluginCommandContext) async throws {
        let (organization, reference) = (context.organization.id!, programme)
        let retention = try await context.workspace.read { db in
            let programme = try Lookup.programme(reference, in: db)
            guard programme.organizationId == organization else {
                throw KernelError.invalidField(
                    field: "programme",
                    reason: FieldReason(english: "programme \(programme.id!) belongs to another organization"))
            }
            return try ProgrammeRetention(programme: programme.id!, in: db)
        }
        if context.json { return try context.output.printJSON(retention) }
        guard !retention.transitions.isEmpty else {
            return context.output.print(lines: ["The programme has fewer than two series."])
        }
        context.output.print(
            lines:
                TextTable(
                    [["FROM", "TO", "PARTICIPANTS", "ENROLLED IN NEXT", "ATTENDED NEXT", "RATE"]]
                        + retention.transitions.map {
                            [
                                $0.fromTitle, $0.toTitle, "\($0.participants)", "\($0.enrolledInNext)",
                                "\($0.attendedNext)",
                                $0.percentEnrolledInNext.map { String(format: "%.1f%%", $0) } ?? "-",
                            ]
                        }
                ).lines)
    }
}

enum RetentionCommandSupport {
    static func report(_ reference: String, context: PluginCommandContext) async throws -> SeriesReport {
        let plugin = context.plugin as! RetentionPlugin
        let organization = context.organization.id!
        let settings = try await plugin.settings(for: organization)
        let now = context.workspace.now()
        return try await context.workspace.read { db in
            let series = try Lookup.series(reference, in: db)
            try RetentionQueries.requireOwned(series: series.id!, by: organization, in: db)
            return SeriesReport(
                progress: try SeriesProgress(series: series, now: now, in: db), settings: settings,
                targets: try SeriesTarget.all(of: series.id!, in: db))
        }
    }
}

/// Runs a query `times` times and, when more than once, prints the median and fastest time to standard error.
enum BenchTiming {
    static func measure<T>(_ name: String, times: Int, _ body: () async throws -> T) async throws -> T {
        var result = try await body()
        guard times > 1 else { return result }
        var durations: [Double] = []
        for _ in 0..<times {
            let start = ContinuousClock.now
            result = try await body()
            let elapsed = ContinuousClock.now - start
            durations.append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)
        }
        durations.sort()
        FileHandle.standardError.write(
            Data(
                ("\(name): "
                    + String(
                        format: "median %.2f ms, fastest %.2f ms over %d runs\n", durations[durations.count / 2],
                        durations[0], times)).utf8))
        return result
    }
}
