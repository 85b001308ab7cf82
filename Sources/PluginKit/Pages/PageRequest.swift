public import Hummingbird
public import Kernel

/// What a plugin page handler is given: the request, its context (with `organization` set), the hidden field each
/// of its forms must carry, and for a `POST` the form that was sent.
public struct PageRequest: Sendable {
    public let request: Request
    public let context: IndabaRequestContext
    /// Makes the hidden input (`<input type="hidden" name="form" …>`) for a form posting to an absolute path.
    private let formTokenField: @Sendable (String) -> HTML
    /// The form sent with a `POST` (empty for a `GET`).
    public let form: PageForm
    /// The absolute path of the plugin's pages for this organization, ending in `/` (`/orgs/3/retention/`). Use it
    /// for links and form actions: a page shown in answer to a `POST` has another address, so relative links break.
    public let basePath: String

    public init(
        request: Request, context: IndabaRequestContext, form: PageForm = PageForm(), basePath: String,
        formField: @escaping @Sendable (String) -> HTML
    ) {
        self.request = request
        self.context = context
        self.formTokenField = formField
        self.form = form
        self.basePath = basePath
    }

    /// The hidden input that a `POST` form whose `action` is `action` (an absolute path, usually
    /// ``basePath`` + something) must include: the web interface refuses a form without it, or with the token of
    /// another form, or one served too long ago (CSRF protection), before the handler runs.
    public func formField(for action: String) -> HTML {
        formTokenField(action)
    }

    /// What speaks the page's language: its text, dates and numbers.
    public var localizer: Localizer { context.localizer }

    /// Who the audit log names for changes this page makes.
    public var actor: AuditActor { context.actor }

    /// The organization whose pages these are (set by the web interface before the handler runs).
    public var organization: Organization { context.organization! }

    /// A query parameter, or nil.
    public func query(_ name: String) -> String? {
        request.uri.queryParameters.get(name)
    }
}
