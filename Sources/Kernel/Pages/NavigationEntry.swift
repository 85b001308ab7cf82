/// A link a plugin adds to the staff workspace's navigation for organizations that enabled it.
///
/// The path is relative to the plugin's pages, which the web interface mounts at `/orgs/{org}/<plugin id>/`:
/// `NavigationEntry("Library", path: "library")` links to `/orgs/3/case-studies/library`.
public struct NavigationEntry: Sendable, Equatable {
    /// The link text.
    public let title: String
    /// The page's path below the plugin's page prefix, without a leading slash.
    public let path: String

    public init(_ title: String, path: String) {
        self.title = title
        var path = path
        while path.hasPrefix("/") { path.removeFirst() }
        self.path = path
    }
}

/// What a plugin page shows inside the shared layout: a title (the page's only `h1`) and the main content.
public struct PageContent: Sendable, Equatable {
    /// The page title, shown as its heading and in the browser tab.
    public let title: String
    /// The content below the heading; use `h2` and lower for its own headings.
    public let body: HTML

    public init(title: String, body: HTML) {
        self.title = title
        self.body = body
    }
}

/// A section a plugin adds to a page the kernel renders (such as the public series page).
public struct PageSection: Sendable, Equatable {
    /// The section heading (rendered as an `h2`).
    public let title: String
    /// The section's content; use `h3` and lower for its own headings.
    public let body: HTML
    /// Sections are shown by ascending order, then by plugin id; the default puts a section after the kernel's own.
    public let order: Int

    public init(title: String, body: HTML, order: Int = 100) {
        self.title = title
        self.body = body
        self.order = order
    }
}
