import GRDB
import Hummingbird
import Kernel
import PluginKit

/// Mounts every installed plugin's routes behind the per-organization gate.
///
/// Private routes live at `/api/v1/orgs/{org}/<plugin id>/…`, public ones at `/public/orgs/{org}/<plugin id>/…`.
/// Both answer 404, like any unknown URL, when the organization is unknown (or, for private routes, invisible to the
/// caller) or has not enabled the plugin: a disabled plugin is unreachable, not merely forbidden. Site routes
/// (``Plugin/addSiteRoutes(to:)``) are mounted at the root without that gate.
struct PluginMounting {
    let workspace: Workspace

    func add(to router: Router<IndabaRequestContext>) {
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
            // Site routes are not gated: the plugin checks the owning organization's enablement itself.
            let siteRoutes = RouteCollection(context: IndabaRequestContext.self)
            plugin.addSiteRoutes(to: siteRoutes)
            router.addRoutes(siteRoutes)
        }
    }
}

/// Lets a request through to a plugin's routes only where the kernel's ``PluginGate`` allows it, and gives the
/// routes their organization.
struct PluginGateMiddleware: RouterMiddleware {
    typealias Context = IndabaRequestContext

    let pluginId: PluginID
    let gate: PluginGate
    let surface: PluginGate.Surface

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let id = context.parameters.get("org", as: Int64.self) else {
            throw Problem(.notFound, "There is nothing at this address.")
        }
        let scope = surface == .anonymous ? Scope(.anonymous) : context.scope
        let organization: Organization
        do {
            organization = try await gate.organization(
                Organization.ID(id), plugin: pluginId, scope: scope, surface: surface)
        } catch AccessError.notFound {
            throw Problem(.notFound, "There is nothing at this address.")
        }
        var context = context
        context.organization = organization
        return try await next(request, context)
    }
}
