import GRDB
public import Kernel
public import PluginKit

/// The "case studies presented" section of a public series page: the public studies linked to its sessions.
extension CaseStudiesPlugin {
    public func seriesSections(for page: SeriesPageRequest) async throws -> [PageSection] {
        let presented = try await presented(in: page.series.id!)
        guard !presented.isEmpty else { return [] }
        let t = page.localizer
        let organization = page.organization.id!.rawValue
        let browse = t("Browse the case-study library")
        let library: HTML = "<p><a href=\"/pages/orgs/\(organization)/case-studies/library\">\(browse)</a></p>"
        let studies = "/pages/orgs/\(organization)/case-studies/studies/"
        return [
            PageSection(
                title: t("Case studies presented"), body: Self.list(presented, linkedAt: studies, in: t) + library,
                order: 50)
        ]
    }

    /// The case studies presented in the series, for its report (the public ones: reports go to funders).
    public func seriesReportSections(for report: SeriesReportRequest) async throws -> [ReportSection] {
        let presented = try await presented(in: report.series.id!)
        guard !presented.isEmpty else { return [] }
        let t = report.localizer
        let markdown = presented.map { item in
            let study = t(
                "**{title}** ({country}, presented in {session})",
                ["title": item.study.title, "country": item.study.country, "session": item.session])
            return "- " + study + (item.study.summary.isEmpty ? "" : ": \(item.study.summary)")
        }.joined(separator: "\n")
        return [
            ReportSection(
                title: t("Case studies presented"), markdown: markdown, html: Self.list(presented, in: t), order: 60)
        ]
    }

    private func presented(in series: WebinarSeries.ID) async throws -> [(study: CaseStudy, session: String)] {
        try await context.store.read { db in
            let presented = try CaseStudyLibrary.presented(inSeries: series, reader: .anonymous, in: db)
            let titles = try Lookup.sessions(Set(presented.map(\.session)), in: db)
                .reduce(into: [Session.ID: String]()) { $0[$1.id!] = $1.title }
            return presented.map { (study: $0.study, session: titles[$0.session] ?? "") }
        }
    }

    /// The studies, each title a link to its public page under `linkedAt` (a report, read elsewhere, links nothing).
    private static func list(
        _ presented: [(study: CaseStudy, session: String)], linkedAt studies: String? = nil, in t: Localizer = .english
    ) -> HTML {
        let items: [HTML] = presented.map { item in
            let summary: HTML = item.study.summary.isEmpty ? .empty : "<p>\(item.study.summary)</p>"
            let title: HTML =
                studies.map { "<a href=\"\($0)\(item.study.slug)\">\(item.study.title)</a>" }
                ?? "\(item.study.title)"
            let meta = t(
                "{country} · presented in {session}", ["country": item.study.country, "session": item.session])
            return "<li><h3>\(title)</h3><p class=\"meta\">\(meta)</p>\(summary)</li>"
        }
        return "<ul class=\"studies\">\(items)</ul>"
    }
}
