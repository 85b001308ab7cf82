public import Foundation
import GRDB

/// A post-series report a coordinator can send to a funder: overview, objectives, how the series ran session by
/// session, participation, then the sections of the plugins enabled for the organization (retention figures, case
/// studies presented…). Rendered as Markdown or as HTML.
public struct SeriesReportDocument: Sendable {
    /// The report's title.
    public let title: String
    /// Its sections, in order.
    public let sections: [ReportSection]
    /// The organization's logo (PNG) and name, for the report's head.
    public var logo: Data?
    public var organizationName = ""

    /// The language the report is written in (its `lang` and `dir`).
    public var language = Language.english

    /// Writes the report of `series` from what is stored now, in the language of `localizer`.
    /// - Throws: ``KernelError/notFound(entity:reference:)`` when the series does not exist.
    public static func build(
        series id: WebinarSeries.ID, workspace: Workspace, localizer: Localizer = .english
    ) async throws -> SeriesReportDocument {
        let (now, t) = (workspace.now(), localizer.preferring(module: Translations.kernelModule))
        let facts = try await workspace.read { db in try SeriesFacts.read(id, in: db) }
        var sections = ReportKernelSections(facts: facts, t: t).all
        var contributed: [(order: Int, plugin: PluginID, section: ReportSection)] = []
        for plugin in workspace.plugins where facts.enabledPlugins.contains(type(of: plugin).id) {
            let pluginId = type(of: plugin).id
            let request = SeriesReportRequest(
                series: facts.series, organization: facts.organization, now: now,
                localizer: localizer.preferring(pluginId))
            contributed += try await plugin.seriesReportSections(for: request).map { ($0.order, pluginId, $0) }
        }
        sections += contributed.sorted { ($0.order, $0.plugin) < ($1.order, $1.plugin) }.map(\.section)
        return SeriesReportDocument(
            title: t("{series}: series report", ["series": facts.series.title]), sections: sections, logo: facts.logo,
            organizationName: facts.organization.name, language: t.language)
    }

    /// The report as Markdown.
    public var markdown: String {
        "# \(title)\n\n"
            + sections.map { "## \($0.title)\n\n\($0.markdown.trimmingCharacters(in: .newlines))\n" }
            .joined(separator: "\n")
    }

    /// The report's body as HTML: the organization's logo, its `h1` and sections; the logo inline (a `data:`
    /// address), for a file that travels on its own.
    public var html: HTML {
        html(logoAddress: logo.map { "data:image/png;base64," + $0.base64EncodedString() })
    }

    /// The report's body as HTML, with the logo (when the organization has one) loaded from `logoAddress`.
    public func html(logoAddress: String?) -> HTML {
        let parts: [HTML] = sections.map { "<section>\n<h2>\($0.title)</h2>\n\($0.html)\n</section>\n" }
        let head: HTML =
            if logo != nil, let logoAddress {
                "<p class=\"report-logo\"><img src=\"\(logoAddress)\" alt=\"\(organizationName)\" height=\"64\"></p>\n"
            } else { .empty }
        return "\(head)<h1>\(title)</h1>\n\(parts)"
    }
}
