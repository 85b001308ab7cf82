public import Hummingbird
import Kernel
import Synchronization

/// The staff pages a plugin adds, collected by ``Plugin/addPages(to:)`` and mounted by the web interface.
///
/// Pages live at `/orgs/{org}/<plugin id>/<path>`. The web interface lets a request through only for a signed-in
/// user who administers the organization, and only where the plugin is enabled (any other request gets the same
/// 404 as an unknown address). `context.organization` is set when a handler runs; the handler returns the content
/// and the web interface wraps it in the shared layout with the organization's navigation.
///
/// Forms post to handlers added with ``post(_:handler:)``: the web interface reads the body (URL-encoded, or
/// `multipart/form-data` with files, up to 8 MiB) and refuses it with 403 unless it carries the page's
/// ``PageRequest/formField``, so handlers only ever see forms the signed-in user was shown.
public final class PageRoutes: Sendable {
    /// One page handler.
    public struct Page: Sendable {
        /// `GET` or `POST`.
        public let method: HTTPRequest.Method
        /// The path below the plugin's prefix, without a leading slash (`""` for the plugin's first page).
        public let path: String
        /// Answers the request.
        public let handler: @Sendable (PageRequest) async throws -> PageResponse
    }

    private let collected = Mutex<[Page]>([])

    public init() {}

    /// Adds a page answering `GET` at `path` with content in the shared layout.
    public func get(
        _ path: String, handler: @escaping @Sendable (Request, IndabaRequestContext) async throws -> PageContent
    ) {
        add(.get, path) { page in .page(try await handler(page.request, page.context)) }
    }

    /// Adds a page answering `GET` at `path`, with the page's form field at hand and any kind of response.
    public func page(_ path: String, handler: @escaping @Sendable (PageRequest) async throws -> PageResponse) {
        add(.get, path, handler)
    }

    /// Adds a form handler answering `POST` at `path` (the form's token is checked before it runs).
    public func post(_ path: String, handler: @escaping @Sendable (PageRequest) async throws -> PageResponse) {
        add(.post, path, handler)
    }

    private func add(
        _ method: HTTPRequest.Method, _ path: String,
        _ handler: @escaping @Sendable (PageRequest) async throws -> PageResponse
    ) {
        var path = path
        while path.hasPrefix("/") { path.removeFirst() }
        let page = Page(method: method, path: path, handler: handler)
        collected.withLock { $0.append(page) }
    }

    /// The pages added so far.
    public var pages: [Page] { collected.withLock { $0 } }
}
