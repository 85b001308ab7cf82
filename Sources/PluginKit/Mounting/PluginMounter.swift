public import Hummingbird
public import Kernel

/// Mounts every installed plugin on every surface, each behind the kernel's ``PluginGate``: private API routes at
/// `/api/v1/orgs/{org}/<id>/…`, public routes (feeds among them) at `/public/orgs/{org}/<id>/…`, staff pages at
/// `/orgs/{org}/<id>/…`, public pages at `/pages/orgs/{org}/<id>/…`, and site routes at the root.
///
/// Wherever the organization is unknown, hidden from the caller (staff surfaces) or has not enabled the plugin, the
/// answer is the same as for an address that does not exist: a disabled plugin is unreachable, not merely
/// forbidden. Site routes (``Plugin/addSiteRoutes(to:)``) are mounted without the gate, since only the plugin knows
/// which organization a request names; it asks ``PluginContext/gate`` itself.
public struct PluginMounter: Sendable {
    /// Shows a plugin page the gate let through (`context.organization` is set): the web interface's layout, form
    /// tokens and errors.
    public typealias PagePresenter =
        @Sendable (_ page: PageRoutes.Page, _ plugin: PluginID, _ isPublic: Bool, Request, IndabaRequestContext)
        async throws -> Response

    private let workspace: Workspace

    public init(workspace: Workspace) {
        self.workspace = workspace
    }

    /// Mounts the plugins' API routes, public routes and site routes.
    public func mountRoutes(on router: Router<IndabaRequestContext>) {
        for plugin in workspace.installedPlugins {
            let id = type(of: plugin).id
            let privateRoutes = RouteCollection(context: IndabaRequestContext.self)
            plugin.addRoutes(to: privateRoutes)
            router.group("api/v1/orgs/:org/\(id.rawValue)")
                .add(middleware: PluginGateMiddleware(pluginId: id, gate: workspace.gate, surface: .staff))
                .addRoutes(privateRoutes)
            let publicRoutes = RouteCollection(context: IndabaRequestContext.self)
            plugin.addPublicRoutes(to: publicRoutes)
            router.group("public/orgs/:org/\(id.rawValue)")
                .add(middleware: PluginGateMiddleware(pluginId: id, gate: workspace.gate, surface: .anonymous))
                .addRoutes(publicRoutes)
            let siteRoutes = RouteCollection(context: IndabaRequestContext.self)
            plugin.addSiteRoutes(to: siteRoutes)
            router.addRoutes(siteRoutes)
        }
    }

    /// Mounts the plugins' participant pages at `/me/orgs/{org}/<id>/…` on `router` (the group that signs the
    /// participant in): the gate lets a request through only for a signed-in participant who takes part in the
    /// organization, where it enabled the plugin.
    public func mountParticipantPages(on router: RouterGroup<IndabaRequestContext>, present: @escaping PagePresenter) {
        let gate = workspace.gate
        for plugin in workspace.installedPlugins {
            let id = type(of: plugin).id
            let pages = PageRoutes()
            plugin.addParticipantPages(to: pages)
            for page in pages.pages {
                let path = RouterPath("me/orgs/:org/\(id.rawValue)" + (page.path.isEmpty ? "" : "/\(page.path)"))
                let handler: @Sendable (Request, IndabaRequestContext) async throws -> Response = { request, context in
                    guard let person = context.participant, let org = context.parameters.get("org", as: Int64.self)
                    else { throw AccessError.notFound(entity: "org", id: 0) }
                    var context = context
                    context.organization = try await gate.organization(
                        Organization.ID(org), plugin: id, scope: Scope(.anonymous), surface: .participant(person))
                    return try await present(page, id, true, request, context)
                }
                if page.method == .post { router.post(path, use: handler) } else { router.get(path, use: handler) }
            }
        }
    }

    /// Mounts the plugins' staff and public pages on `router` (the web interface's group, with its sign-in and
    /// error pages); `present` shows each page the gate lets through.
    public func mountPages(on router: RouterGroup<IndabaRequestContext>, present: @escaping PagePresenter) {
        for plugin in workspace.installedPlugins {
            let id = type(of: plugin).id
            let staffPages = PageRoutes()
            plugin.addPages(to: staffPages)
            mount(staffPages, of: id, prefix: "orgs/:org/\(id.rawValue)", isPublic: false, on: router, present)
            let publicPages = PageRoutes()
            plugin.addPublicPages(to: publicPages)
            mount(publicPages, of: id, prefix: "pages/orgs/:org/\(id.rawValue)", isPublic: true, on: router, present)
        }
    }

    private func mount(
        _ pages: PageRoutes, of plugin: PluginID, prefix: String, isPublic: Bool,
        on router: RouterGroup<IndabaRequestContext>, _ present: @escaping PagePresenter
    ) {
        let gate = workspace.gate
        for page in pages.pages {
            let path = RouterPath(prefix + (page.path.isEmpty ? "" : "/\(page.path)"))
            let handler: @Sendable (Request, IndabaRequestContext) async throws -> Response = { request, context in
                guard let id = context.parameters.get("org", as: Int64.self) else {
                    throw AccessError.notFound(entity: "org", id: 0)
                }
                var context = context
                context.organization = try await gate.organization(
                    Organization.ID(id), plugin: plugin, scope: isPublic ? Scope(.anonymous) : context.scope,
                    surface: isPublic ? .anonymous : .staff)
                return try await present(page, plugin, isPublic, request, context)
            }
            if page.method == .post {
                router.post(path, use: handler)
            } else {
                router.get(path, use: handler)
            }
        }
    }
}

/// Lets a request through to a plugin's routes only where the kernel's ``PluginGate`` allows it, and gives the
/// routes their organization. Refusals read like an unknown address.
struct PluginGateMiddleware: RouterMiddleware {
    typealias Context = IndabaRequestContext

    let pluginId: PluginID
    let gate: PluginGate
    let surface: PluginGate.Surface

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let id = context.parameters.get("org", as: Int64.self) else {
            throw PluginProblem(.notFound) { t in t("There is nothing at this address.") }
        }
        let scope = surface == .anonymous ? Scope(.anonymous) : context.scope
        var context = context
        do {
            context.organization = try await gate.organization(
                Organization.ID(id), plugin: pluginId, scope: scope, surface: surface)
        } catch AccessError.notFound {
            throw PluginProblem(.notFound) { t in t("There is nothing at this address.") }
        }
        if surface == .anonymous {
            // An answer replayed without this middleware stays good only while the gate would let it through as it
            // is (see ``ReplayOffer``).
            context.trace.limitReplay(until: gate.enabledAnswerUntil(Organization.ID(id), plugin: pluginId))
        }
        return try await next(request, context)
    }
}
