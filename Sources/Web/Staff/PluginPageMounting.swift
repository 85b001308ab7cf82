import Foundation
import GRDB
import Hummingbird
import Kernel

/// Mounts the staff pages plugins contribute at `/orgs/{org}/<plugin id>/<path>`, gated like plugin API routes, and
/// their public pages at `/pages/orgs/{org}/<plugin id>/<path>`, gated like public plugin routes.
///
/// Staff pages need a signed-in user (401 otherwise) who can see the organization; both kinds answer the same 404 as
/// an unknown address where the plugin is not enabled: a disabled plugin's pages vanish.
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
                    try await show(page, of: id, isPublic: false, request, context: context)
                }
            }
            let publicPages = PageRoutes()
            plugin.addPublicPages(to: publicPages)
            for page in publicPages.pages {
                let path = "pages/orgs/:org/\(id.rawValue)" + (page.path.isEmpty ? "" : "/\(page.path)")
                router.get(RouterPath(path)) { request, context in
                    try await show(page, of: id, isPublic: true, request, context: context)
                }
            }
        }
    }

    private func show(
        _ page: PageRoutes.Page, of plugin: PluginID, isPublic: Bool, _ request: Request,
        context: IndabaRequestContext
    ) async throws -> Response {
        if !isPublic { try context.scope.requireAuthenticated() }
        guard let id = context.parameters.get("org", as: Int64.self) else {
            throw AccessError.notFound(entity: "org", id: 0)
        }
        let scope = context.scope
        let organization = try await web.workspace.read { db -> Organization? in
            let candidates = isPublic ? Organization.all() : scope.organizations()
            guard let organization = try candidates.filter(key: id).fetchOne(db) else { return nil }
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
        let model = PluginPageModel(
            organization: organization.name, title: content.title, body: content.body.markup, isPublic: isPublic)
        return web.renderer.page(
            "plugin-page", title: content.title, model: model, chrome: web.chrome(for: request, context: context))
    }
}

struct PluginPageModel {
    let organization: String
    let title: String
    let body: String
    let isPublic: Bool
}
