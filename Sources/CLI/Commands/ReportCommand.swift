import ArgumentParser
import Foundation
import Kernel
import PluginKit

/// `indaba report SERIES [--format md|html]`: the post-series report, with the sections of the enabled plugins.
struct ReportCommand: KernelCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a series' report for funders: overview, objectives, how it ran, participation, and more.",
        discussion: """
            Plugins enabled for the series' organization add their sections (retention figures and targets, case \
            studies presented). Markdown by default; --format html writes a standalone page.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case md, html
    }

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The series: id or slug path (network/programme/series).")
    var series: String

    @Option(name: .long, help: "md or html.")
    var format: Format = .md

    func run(in environment: CommandEnvironment, workspace: Workspace) async throws {
        let reference = series
        let id = try await workspace.read { db in try Lookup.series(reference, in: db).id! }
        let report = try await SeriesReportDocument.build(series: id, workspace: workspace)
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
            text-align:left}svg{max-width:100%;height:auto}.note,.meta{color:#4a4f57}
            """
        let page: HTML = """
            <!DOCTYPE html>
            <html lang="en">
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
