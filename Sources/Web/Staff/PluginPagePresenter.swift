import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import Kernel
import PluginKit

/// Shows the pages plugins contribute, once the kernel's gate (through PluginKit's ``PluginMounter``) let them
/// through: staff pages at `/orgs/{org}/<plugin id>/<path>` and public pages at `/pages/orgs/{org}/<plugin id>/<path>`
/// in the shared layout.
///
/// A `POST` is read (at most ``PostedForm/limit``) and its form token checked before the plugin's handler runs; a bad
/// token is a 403 page.
struct PluginPagePresenter {
    let web: WebInterface

    /// Who a plugin page is for, which decides its address and its frame.
    enum Audience {
        case staff, everyone, participant
    }

    func add(to router: RouterGroup<IndabaRequestContext>) {
        PluginMounter(workspace: web.workspace).mountPages(on: router) { page, plugin, isPublic, request, context in
            try await show(page, of: plugin, audience: isPublic ? .everyone : .staff, request, context: context)
        }
    }

    /// Mounts the plugins' pages for a signed-in participant on `router` (a group that signs participants in).
    func addParticipantPages(to router: RouterGroup<IndabaRequestContext>) {
        PluginMounter(workspace: web.workspace).mountParticipantPages(on: router) { page, plugin, _, request, context in
            try await show(page, of: plugin, audience: .participant, request, context: context)
        }
    }

    private func show(
        _ page: PageRoutes.Page, of plugin: PluginID, audience: Audience, _ request: Request,
        context: IndabaRequestContext
    ) async throws -> Response {
        let isPublic = audience != .staff
        let organization = context.organization!
        let id = organization.id!.rawValue
        var chrome = web.chrome(for: request, context: context, organization: organization.language)
        var context = context
        context.localizer = chrome.localizer.preferring(plugin)
        var form = PageForm()
        if page.method == .post {
            form = try await PostedForm.read(request)
            do {
                // The token names the form's own address: a token served for one form (one certificate's revoke
                // button) cannot be replayed against another, and it lives shorter than a kernel form's.
                try web.forms.check(
                    form["form"], purpose: Self.purpose(request.uri.path),
                    cookieNonce: Cookies.value(Cookies.form, in: request), at: web.workspace.now(), minimumAge: 0,
                    maximumAge: web.configuration.pluginFormLifetime)
            } catch let refusal {
                let (t, back) = (chrome.localizer, chrome.localizer("Back"))
                return web.renderer.message(
                    heading: t("Nothing changed"), refusal.message(in: t),
                    link: audience == .participant ? ("/me", back) : ("/orgs/\(id)/\(plugin.rawValue)/", back),
                    chrome: chrome, status: .forbidden)
            }
        }
        let field = web.formTokenField(request, into: &chrome, purpose: Self.purpose)
        let base =
            switch audience {
            case .staff: "/orgs/\(id)/\(plugin.rawValue)"
            case .everyone: "/pages/orgs/\(id)/\(plugin.rawValue)"
            case .participant: "/me/orgs/\(id)/\(plugin.rawValue)"
            }
        let answer = try await page.handler(
            PageRequest(request: request, context: context, form: form, basePath: base + "/", formField: field))
        switch answer {
        case let .page(content, status) where audience == .participant:
            return web.renderer.participantPage(
                title: content.title, body: content.body, chrome: chrome, status: status)
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
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
    }
}

extension PluginPagePresenter {
    /// The purpose a plugin form's token is bound to: the path it posts to (without a query).
    static func purpose(_ action: String) -> String {
        "page-form:" + (action.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
    }
}

struct PluginPageModel {
    let organization: String
    let title: String
    let body: String
    let isPublic: Bool
}
