import Kernel

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
