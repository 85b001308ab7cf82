import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import Kernel
import PluginKit

/// Mounts the staff pages plugins contribute at `/orgs/{org}/<plugin id>/<path>`, gated like plugin API routes, and
/// their public pages at `/pages/orgs/{org}/<plugin id>/<path>`, gated like public plugin routes.
///
/// Staff pages need a signed-in user (401 otherwise) who can see the organization; both kinds answer the same 404 as
/// an unknown address where the plugin is not enabled: a disabled plugin's pages vanish. A `POST` is read (at most
/// ``PostedForm/limit``) and its form token checked before the plugin's handler runs; a bad token is a 403 page.
struct PluginPageMounting {
    let web: WebInterface

    func add(to router: RouterGroup<IndabaRequestContext>) {
        for plugin in web.workspace.installedPlugins {
            let id = type(of: plugin).id
            let pages = PageRoutes()
            plugin.addPages(to: pages)
            mount(pages, of: id, prefix: "orgs/:org/\(id.rawValue)", isPublic: false, on: router)
            let publicPages = PageRoutes()
            plugin.addPublicPages(to: publicPages)
            mount(publicPages, of: id, prefix: "pages/orgs/:org/\(id.rawValue)", isPublic: true, on: router)
        }
    }

    private func mount(
        _ pages: PageRoutes, of plugin: PluginID, prefix: String, isPublic: Bool,
        on router: RouterGroup<IndabaRequestContext>
    ) {
        for page in pages.pages {
            let path = RouterPath(prefix + (page.path.isEmpty ? "" : "/\(page.path)"))
            let handler: @Sendable (Request, IndabaRequestContext) async throws -> Response = { request, context in
                try await show(page, of: plugin, isPublic: isPublic, request, context: context)
            }
            if page.method == .post {
                router.post(path, use: handler)
            } else {
                router.get(path, use: handler)
            }
        }
    }

    private func show(
        _ page: PageRoutes.Page, of plugin: PluginID, isPublic: Bool, _ request: Request,
        context: IndabaRequestContext
    ) async throws -> Response {
        guard let id = context.parameters.get("org", as: Int64.self) else {
            throw AccessError.notFound(entity: "org", id: 0)
        }
        let organization = try await web.workspace.gate.organization(
            Organization.ID(id), plugin: plugin, scope: isPublic ? Scope(.anonymous) : context.scope,
            surface: isPublic ? .anonymous : .staff)
        var context = context
        context.organization = organization
        var chrome = web.chrome(for: request, context: context)
        // One purpose for every plugin page of the organization: the token proves the form was served here, to
        // this browser, for this organization.
        let purpose = "pages:\(id)"
        var form = PageForm()
        if page.method == .post {
            form = try await PostedForm.read(request)
            do {
                try web.forms.check(
                    form["form"], purpose: purpose, cookieNonce: Cookies.value(Cookies.form, in: request),
                    at: web.workspace.now(), minimumAge: 0, maximumAge: web.configuration.formLifetime)
            } catch {
                return web.renderer.message(
                    heading: "Nothing changed", error.message, link: ("/orgs/\(id)/\(plugin.rawValue)/", "Back"),
                    chrome: chrome, status: .forbidden)
            }
        }
        let nonce = web.formNonce(request, into: &chrome)
        let token = web.forms.issue(purpose: purpose, nonce: nonce, at: web.workspace.now())
        let field: HTML = "<input type=\"hidden\" name=\"form\" value=\"\(token)\">"
        let base = isPublic ? "/pages/orgs/\(id)/\(plugin.rawValue)" : "/orgs/\(id)/\(plugin.rawValue)"
        let answer = try await page.handler(
            PageRequest(request: request, context: context, formField: field, form: form, basePath: base + "/"))
        switch answer {
        case let .page(content, status):
            let model = PluginPageModel(
                organization: organization.name, title: content.title, body: content.body.markup, isPublic: isPublic)
            return web.renderer.page("plugin-page", title: content.title, model: model, chrome: chrome, status: status)
        case let .redirect(path):
            var relative = path
            while relative.hasPrefix("/") { relative.removeFirst() }
            return web.redirect(to: "\(base)/\(relative)", cookies: chrome.cookies)
        case let .file(data, contentType, filename):
            var headers = HTTPFields()
            headers[.contentType] = contentType
            headers[.cacheControl] = "no-store"
            headers[.contentDisposition] = "attachment; filename=\"\(filename.filter { $0 != "\"" && $0 != "\\" })\""
            headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
    }
}

struct PluginPageModel {
    let organization: String
    let title: String
    let body: String
    let isPublic: Bool
}
