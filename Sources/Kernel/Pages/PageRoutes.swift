public import Hummingbird
import Synchronization

/// The staff pages a plugin adds, collected by ``Plugin/addPages(to:)`` and mounted by the web interface.
///
/// Pages live at `/orgs/{org}/<plugin id>/<path>`. The web interface lets a request through only for a signed-in
/// user who administers the organization, and only where the plugin is enabled (any other request gets the same
/// 404 as an unknown address). `context.organization` is set when a handler runs; the handler returns the content
/// and the web interface wraps it in the shared layout with the organization's navigation.
public final class PageRoutes: Sendable {
    /// One page handler.
    public struct Page: Sendable {
        /// The path below the plugin's prefix, without a leading slash (`""` for the plugin's first page).
        public let path: String
        /// Builds the page.
        public let handler: @Sendable (Request, IndabaRequestContext) async throws -> PageContent
    }

    private let collected = Mutex<[Page]>([])

    public init() {}

    /// Adds a page answering `GET` at `path`.
    public func get(
        _ path: String, handler: @escaping @Sendable (Request, IndabaRequestContext) async throws -> PageContent
    ) {
        var path = path
        while path.hasPrefix("/") { path.removeFirst() }
        let page = Page(path: path, handler: handler)
        collected.withLock { $0.append(page) }
    }

    /// The pages added so far.
    public var pages: [Page] { collected.withLock { $0 } }
}
