public import Foundation

/// One section of a post-series report, written twice: Markdown for `indaba report --format md` and HTML for the
/// page and `--format html`. Kernel sections come first; plugins add theirs through
/// ``Plugin/seriesReportSections(for:)``.
public struct ReportSection: Sendable {
    /// The heading (a level-2 heading in both forms).
    public let title: String
    /// The body in Markdown, without the heading.
    public let markdown: String
    /// The body in HTML, without the heading; use `h3` and lower inside.
    public let html: HTML
    /// Sections are shown by ascending order, then by plugin id; the kernel's own use 10 to 40.
    public let order: Int

    public init(title: String, markdown: String, html: HTML, order: Int = 100) {
        self.title = title
        self.markdown = markdown
        self.html = html
        self.order = order
    }
}

/// What a plugin is told when a series report is written.
public struct SeriesReportRequest: Sendable {
    /// The series reported on.
    public let series: WebinarSeries
    /// The organization that runs it (the plugin is enabled there).
    public let organization: Organization
    /// The time of writing, for "not yet" figures.
    public let now: Date
    /// What speaks the report's language: its headings, sentences, dates and figures.
    public let localizer: Localizer

    public init(series: WebinarSeries, organization: Organization, now: Date, localizer: Localizer = .english) {
        self.series = series
        self.organization = organization
        self.now = now
        self.localizer = localizer
    }
}
