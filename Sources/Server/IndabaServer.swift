public import Hummingbird
public import Kernel
import Logging
public import PluginKit

/// Where and how the server listens.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// The public URL of the server, used in links it gives out (for example feed URLs).
    public var baseURL: String
    /// The reverse proxies whose `Forwarded` / `X-Forwarded-For` headers name the client (none by default).
    public var trustedProxies: TrustedProxies
    /// Turns, deadlines and stopping work for clients that went away; shared with each connection's
    /// ``ClientDisconnectHandler``.
    public var requestGuard: RequestGuard
    /// Whether pages may be asked for in the pseudo-language (accented, 40% longer English), to test layouts.
    public var pseudoLocalization: Bool
    /// How long a connection with nothing arriving, nothing sent and no answer being made stays open.
    public var idleTimeout: Duration

    public init(
        host: String = "127.0.0.1", port: Int = 8080, baseURL: String? = nil,
        trustedProxies: TrustedProxies = TrustedProxies(), requestGuard: RequestGuard = RequestGuard(),
        pseudoLocalization: Bool = false, idleTimeout: Duration = .seconds(30)
    ) {
        self.pseudoLocalization = pseudoLocalization
        self.idleTimeout = idleTimeout
        self.host = host
        self.port = port
        self.trustedProxies = trustedProxies
        self.requestGuard = requestGuard
        var url = baseURL ?? "http://\(host):\(port)"
        while url.hasSuffix("/") { url.removeLast() }
        self.baseURL = url
    }
}

/// What a surface answers, instead of the API's problem, at an address no route takes (`allowed` is nil), or at a
/// known address asked with a method it does not take (`allowed` names the methods it takes, as `Allow` does): a
/// browser following a broken link or a bookmarked form's address should see a page in its reader's language, not
/// JSON. `nil` leaves the problem.
public typealias UnknownAddressAnswer =
    @Sendable (
        _ request: Request, _ context: IndabaRequestContext, _ allowed: String?
    ) -> Response?

/// The HTTP server: the kernel's JSON API, the plugins' routes behind their gate, health and API description.
///
/// Other surfaces (the web interface) are composed beside it by the executable's `App` target: `surfaces` adds
/// their routes behind the same middleware.
public enum IndabaServer {
    /// The router with every API route and middleware, then whatever `surfaces` adds. With `replay`, answers
    /// routes offer to replay are recorded there (see ``AnswerReplay``). `unknownAddress` answers addresses no route
    /// takes, where a surface has something better than a problem.
    public static func router(
        workspace: Workspace, configuration: ServerConfiguration = ServerConfiguration(),
        replay: AnswerReplay? = nil, unknownAddress: UnknownAddressAnswer? = nil,
        surfaces: (Router<IndabaRequestContext>) -> Void = { _ in }
    ) -> Router<IndabaRequestContext> {
        // Every GET route answers HEAD as well (the same headers, no body), as RFC 9110 §9.3.2 asks.
        let router = Router(context: IndabaRequestContext.self, options: .autoGenerateHeadEndpoints)
        // Outermost: it keeps answers as every other middleware left them.
        if let replay { router.add(middleware: ReplayRecordingMiddleware(replay: replay)) }
        router.add(middleware: BaseURLMiddleware(baseURL: configuration.baseURL))
        router.add(middleware: ClientAddressMiddleware(proxies: configuration.trustedProxies))
        router.add(middleware: SecurityHeadersMiddleware(baseURL: configuration.baseURL))
        // Middleware applies to routes added after it: the access log sees the final status, errors become
        // problems, and authentication runs before any route.
        router.add(middleware: RequestLogMiddleware())
        router.add(
            middleware: ProblemMiddleware(
                translations: ServerCatalogues.translations(plugins: workspace.registry.plugins),
                unknownAddress: unknownAddress))
        SystemRoutes.addHealth(to: router, workspace: workspace)
        router.add(middleware: RequestGuardMiddleware(requestGuard: configuration.requestGuard))
        let table = RouteTable()
        router.add(middleware: MethodMiddleware(table: table))
        router.add(middleware: AuthenticationMiddleware(workspace: workspace))
        SystemRoutes(workspace: workspace, openAPI: OpenAPIDocument.json(plugins: workspace.registry.installedPlugins))
            .add(
                to: router)
        let api = router.group("api/v1").add(middleware: WritesNeedAuthentication())
            .add(middleware: ConditionalGetMiddleware())
            .add(middleware: PublicCacheMiddleware(cache: PublicResponseCache(counter: workspace.writes)))
        OrganizationRoutes(workspace: workspace).add(to: api)
        ProgrammeRoutes(workspace: workspace).add(to: api)
        SeriesRoutes(workspace: workspace).add(to: api)
        SeriesStaffRoutes(workspace: workspace).add(to: api)
        SessionRoutes(workspace: workspace).add(to: api)
        PeopleRoutes(workspace: workspace).add(to: api)
        ParticipationRoutes(workspace: workspace).add(to: api)
        PluginEnablementRoutes(workspace: workspace).add(to: api)
        AuditRoutes(workspace: workspace).add(to: api)
        PluginMounter(workspace: workspace).mountRoutes(on: router)
        surfaces(router)
        table.fill(router.routes.map { ($0.method.rawValue, $0.path.description) })
        return router
    }

    /// Every registered API route as `METHOD /path/{param}`, sorted: what the OpenAPI document must describe.
    /// (The web interface's HTML pages, including those plugins contribute, are not part of the API.)
    public static func routeList(workspace: Workspace) -> [String] {
        router(workspace: workspace).routes.map { route in
            let path = route.path.description.split(separator: "/").map { segment in
                segment.hasPrefix(":") ? "{\(segment.dropFirst())}" : String(segment)
            }.joined(separator: "/")
            return "\(route.method.rawValue) /\(path)"
        }.sorted()
    }
}
