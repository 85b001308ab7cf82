import Foundation
import Hummingbird
import Kernel
import PluginKit

/// `POST /workspace/orgs/{org}/plugins/{plugin}` (`enabled=yes|no`): an administrator enables or disables a plugin
/// for an organization from the workspace. The kernel refuses what would break a dependency; the page says why.
struct PluginSwitch {
    static let purpose = "plugin-switch"

    let web: WebInterface

    func add(to router: RouterGroup<IndabaRequestContext>) {
        router.post("workspace/orgs/:org/plugins/:plugin") { request, context in
            try await change(request, context: context)
        }
    }

    private func change(_ request: Request, context: IndabaRequestContext) async throws -> Response {
        try context.scope.requireAuthenticated()
        guard let id = context.parameters.get("org", as: Int64.self),
            let plugin = context.parameters.get("plugin").map({ PluginID($0) }),
            web.workspace.registry.plugin(plugin) != nil
        else { throw AccessError.notFound(entity: "org", id: 0) }
        let organization = Organization.ID(id)
        let scope = context.scope
        _ = try await web.workspace.read { db in try scope.one(scope.organizations(), id: id, entity: "org", in: db) }
        try scope.requireAdministration(of: organization)
        let form = try await FormData.read(request, context: context)
        let chrome = web.chrome(for: request, context: context)
        let t = chrome.localizer
        do {
            try web.checkForm(form, purpose: Self.purpose, request: request)
        } catch {
            return web.renderer.message(
                heading: t("Nothing changed"), error.message(in: t), link: ("/workspace", t("Back to the workspace")),
                chrome: chrome, status: .forbidden)
        }
        guard ["yes", "no"].contains(form["enabled"]) else {
            return web.renderer.message(
                heading: t("Nothing changed"), t("Say enabled=yes or enabled=no."), link: ("/workspace", t("Back")),
                chrome: chrome, status: .unprocessableContent)
        }
        let enable = form["enabled"] == "yes"
        let registry = web.workspace.registry
        do {
            try await web.workspace.write(as: context.actor) { transaction in
                if enable {
                    try transaction.enable(plugin, for: organization, registry: registry)
                } else {
                    try transaction.disable(plugin, for: organization, registry: registry)
                }
            }
        } catch let error as KernelError {
            return web.renderer.message(
                heading: t("Nothing changed"), error.worded(t),
                link: ("/workspace#org-\(id)", t("Back to the workspace")),
                chrome: chrome, status: .conflict)
        } catch let error as SettingsError {
            // Settings that no longer hold (a setting's rules changed since they were saved): say which.
            return web.renderer.message(
                heading: t("Nothing changed"), error.worded(t),
                link: ("/workspace#org-\(id)", t("Back to the workspace")),
                chrome: chrome, status: .unprocessableContent)
        }
        return web.redirect(to: "/workspace#org-\(id)")
    }
}
