import Foundation
import GRDB
import Hummingbird
import Kernel

/// Mounts the staff pages plugins contribute at `/orgs/{org}/<plugin id>/<path>`, gated like plugin API routes.
///
/// Signing in is required (401 otherwise); then the organization must be visible to the user and the plugin enabled
/// there, or the page answers the same 404 as an unknown address: a disabled plugin's pages vanish.
struct PluginPageMounting {
    let web: WebInterface

    func add(to router: RouterGroup<IndabaRequestContext>) {
        for plugin in web.workspace.plugins {
            let id = type(of: plugin).id
            let pages = PageRoutes()
            plugin.addPages(to: pages)
            for page in pages.pages {
                let path = "orgs/:org/\(id.rawValue)" + (page.path.isEmpty ? "" : "/\(page.path)")
                router.get(RouterPath(path)) { request, context in
                    try await show(page, of: id, request, context: context)
                }
            }
        }
    }

    private func show(
        _ page: PageRoutes.Page, of plugin: PluginID, _ request: Request, context: IndabaRequestContext
    ) async throws -> Response {
        try context.scope.requireAuthenticated()
        guard let id = context.parameters.get("org", as: Int64.self) else {
            throw AccessError.notFound(entity: "org", id: 0)
        }
        let scope = context.scope
        let organization = try await web.workspace.read { db -> Organization? in
            guard let organization = try scope.organizations().filter(key: id).fetchOne(db) else { return nil }
            let enabled =
                try Bool.fetchOne(
                    db, sql: "SELECT enabled FROM pluginEnablement WHERE organizationId = ? AND pluginId = ?",
                    arguments: [organization.id, plugin.rawValue]) ?? false
            return enabled ? organization : nil
        }
        guard let organization else { throw AccessError.notFound(entity: "org", id: id) }
        var context = context
        context.organization = organization
        let content = try await page.handler(request, context)
        let model = PluginPageModel(organization: organization.name, title: content.title, body: content.body.markup)
        return web.renderer.page(
            "plugin-page", title: content.title, model: model, chrome: web.chrome(for: request, context: context))
    }
}

struct PluginPageModel {
    let organization: String
    let title: String
    let body: String
}
