public import Hummingbird
public import Kernel

/// What a plugin page handler is given: the request, its context (with `organization` set), the hidden field its
/// forms must carry, and for a `POST` the form that was sent.
public struct PageRequest: Sendable {
    public let request: Request
    public let context: IndabaRequestContext
    /// The hidden input (`<input type="hidden" name="form" …>`) that every `POST` form on the page must include:
    /// the web interface refuses a form without it (CSRF protection) before the handler runs.
    public let formField: HTML
    /// The form sent with a `POST` (empty for a `GET`).
    public let form: PageForm
    /// The absolute path of the plugin's pages for this organization, ending in `/` (`/orgs/3/retention/`). Use it
    /// for links and form actions: a page shown in answer to a `POST` has another address, so relative links break.
    public let basePath: String

    public init(
        request: Request, context: IndabaRequestContext, formField: HTML, form: PageForm = PageForm(),
        basePath: String
    ) {
        self.request = request
        self.context = context
        self.formField = formField
        self.form = form
        self.basePath = basePath
    }

    /// Who the audit log names for changes this page makes.
    public var actor: AuditActor { context.actor }

    /// The organization whose pages these are (set by the web interface before the handler runs).
    public var organization: Organization { context.organization! }

    /// A query parameter, or nil.
    public func query(_ name: String) -> String? {
        request.uri.queryParameters.get(name)
    }
}
