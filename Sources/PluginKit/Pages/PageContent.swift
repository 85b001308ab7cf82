public import Kernel

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
