public import Kernel

/// What a plugin is told when the public page of a series is rendered: enough to contribute a section.
public struct SeriesPageRequest: Sendable {
    /// The series shown (published or completed).
    public let series: WebinarSeries
    /// The organization that runs it (the plugin is enabled there).
    public let organization: Organization
    /// The server's public URL, for absolute links (calendar subscriptions need them).
    public let baseURL: String
    /// What speaks the page's language.
    public let localizer: Localizer

    public init(series: WebinarSeries, organization: Organization, baseURL: String, localizer: Localizer = .english) {
        self.series = series
        self.organization = organization
        self.baseURL = baseURL
        self.localizer = localizer
    }
}
