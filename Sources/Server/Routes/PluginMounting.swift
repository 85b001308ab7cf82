import GRDB
import Hummingbird
import Kernel

/// Mounts every installed plugin's routes behind the per-organization gate.
///
/// Private routes live at `/api/v1/orgs/{org}/<plugin id>/…`, public ones at `/public/orgs/{org}/<plugin id>/…`.
/// Both answer 404, like any unknown URL, when the organization is unknown (or, for private routes, invisible to the
/// caller) or has not enabled the plugin: a disabled plugin is unreachable, not merely forbidden. Site routes
/// (``Plugin/addSiteRoutes(to:)``) are mounted at the root without that gate.
struct PluginMounting {
    let workspace: Workspace

    func add(to router: Router<IndabaRequestContext>) {
        let publicOrganizations = RecentCache<PublicGateKey, Organization?>(counter: workspace.writes)
        for plugin in workspace.plugins {
            let id = type(of: plugin).id
            let privateRoutes = RouteCollection(context: IndabaRequestContext.self)
            plugin.addRoutes(to: privateRoutes)
            router.group("api/v1/orgs/:org/\(id.rawValue)")
                .add(middleware: PluginGate(pluginId: id, workspace: workspace, isPublic: false, cache: nil))
                .addRoutes(privateRoutes)
            let publicRoutes = RouteCollection(context: IndabaRequestContext.self)
            plugin.addPublicRoutes(to: publicRoutes)
            router.group("public/orgs/:org/\(id.rawValue)")
                .add(
                    middleware: PluginGate(
                        pluginId: id, workspace: workspace, isPublic: true, cache: publicOrganizations)
                )
                .addRoutes(publicRoutes)
            // Site routes are not gated: the plugin checks the owning organization's enablement itself.
            let siteRoutes = RouteCollection(context: IndabaRequestContext.self)
            plugin.addSiteRoutes(to: siteRoutes)
            router.addRoutes(siteRoutes)
        }
    }
}

/// A public plugin route's organization and plugin: what the public gate's answer depends on.
struct PublicGateKey: Hashable, Sendable {
    let organization: Int64
    let plugin: PluginID
}

/// Lets a request through to a plugin's routes only for an organization that enabled the plugin.
///
/// Public routes (feeds that calendar apps poll) remember the answer briefly (``RecentCache``); private ones
/// depend on the caller and are checked every time.
struct PluginGate: RouterMiddleware {
    typealias Context = IndabaRequestContext

    let pluginId: PluginID
    let workspace: Workspace
    let isPublic: Bool
    let cache: RecentCache<PublicGateKey, Organization?>?

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let id = context.parameters.get("org", as: Int64.self) else {
            throw Problem(.notFound, "There is nothing at this address.")
        }
        let scope = context.scope
        if !isPublic { try scope.requireAuthenticated() }
        let (pluginId, isPublic, workspace) = (pluginId, isPublic, workspace)
        let lookUp = { @Sendable () async throws -> Organization? in
            try await workspace.read { db -> Organization? in
                let candidates = isPublic ? Organization.all() : scope.organizations()
                guard let organization = try candidates.filter(key: id).fetchOne(db) else { return nil }
                let enabled =
                    try Bool.fetchOne(
                        db, sql: "SELECT enabled FROM pluginEnablement WHERE organizationId = ? AND pluginId = ?",
                        arguments: [organization.id, pluginId.rawValue]) ?? false
                return enabled ? organization : nil
            }
        }
        let organization =
            if let cache {
                try await cache.value(for: PublicGateKey(organization: id, plugin: pluginId), compute: lookUp)
            } else {
                try await lookUp()
            }
        guard let organization else { throw Problem(.notFound, "There is nothing at this address.") }
        var context = context
        context.organization = organization
        return try await next(request, context)
    }
}
