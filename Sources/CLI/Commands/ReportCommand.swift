import ArgumentParser
import Foundation
import Kernel
import PluginKit

/// `indaba report SERIES [--format md|html] [--language CODE]`: the post-series report, with the sections of the
/// enabled plugins, in one of the shipped languages.
struct ReportCommand: KernelCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a series' report for funders: overview, objectives, how it ran, participation, and more.",
        discussion: """
            Plugins enabled for the series' organization add their sections (retention figures and targets, case \
            studies presented). Markdown by default; --format html writes a standalone page. The report is written \
            in the organization's default language (else English) unless --language names another: en, fr, pt, ar \
            or sw.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case md, html
    }

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The series: id or slug path (network/programme/series).")
    var series: String

    @Option(name: .long, help: "md or html.")
    var format: Format = .md

    @Option(name: .long, help: "The report's language: en, fr, pt, ar or sw (default: the organization's).")
    var language: String?

    func validate() throws {
        if let language, Language(tag: language) == nil {
            let codes = Language.shipped.map(\.code).joined(separator: ", ")
            throw ValidationError("--language '\(language)' is not a language Indaba ships; use one of \(codes).")
        }
    }

    func run(in environment: CommandEnvironment, workspace: Workspace) async throws {
        let reference = series
        let (id, organization) = try await workspace.read { db in
            let series = try Lookup.series(reference, in: db)
            let owner = try SeriesOwnership.owner(ofSeries: series.id!, in: db)
            return (series.id!, try Lookup.organization("\(owner.rawValue)", in: db))
        }
        let chosen = language.flatMap { Language(tag: $0) } ?? organization.language ?? .english
        let translations = try Translations.kernelAndPlugins(workspace.plugins)
        let report = try await SeriesReportDocument.build(
            series: id, workspace: workspace, localizer: translations.localizer(for: chosen))
        switch format {
        case .md: environment.output.print(report.markdown)
        case .html: environment.output.print(Self.standalone(report))
        }
    }

    /// A complete HTML document with a small print-friendly style, for mailing or printing.
    static func standalone(_ report: SeriesReportDocument) -> String {
        let style = """
            body{font-family:system-ui,sans-serif;line-height:1.5;color:#1b1b1b;max-width:48rem;margin:2rem auto;\
            padding:0 1rem}table{border-collapse:collapse}th,td{border-bottom:1px solid #ccc;padding:.3rem .6rem;\
            text-align:start}td{text-align:end}caption{text-align:start}svg{max-width:100%;height:auto}\
            .note,.meta{color:#4a4f57}
            """
        let page: HTML = """
            <!DOCTYPE html>
            <html lang="\(report.language.code)" dir="\(report.language.direction)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(report.title)</title>
            <style>\(HTML(trusted: style))</style>
            </head>
            <body>
            <main>
            \(report.html)
            </main>
            </body>
            </html>
            """
        return page.markup
    }
}
