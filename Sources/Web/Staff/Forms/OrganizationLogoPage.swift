import Foundation
import HTTPTypes
import Hummingbird
import Kernel
import NIOCore
import PluginKit

/// `/manage/orgs/{id}/logo`: an organization's administrators upload its logo (a PNG, kept in the database) for its
/// series reports, or remove it; `/manage/orgs/{id}/logo.png` serves it to them. Audited by the kernel.
struct OrganizationLogoPage {
    let web: WebInterface

    func add(to router: RouterGroup<IndabaRequestContext>) {
        router.get("manage/orgs/:org/logo") { request, context in
            let organization = try await web.administeredOrganization(context)
            return try await page(organization, request, context, notice: request.uri.queryParameters.get("saved"))
        }
        router.get("manage/orgs/:org/logo.png") { _, context in
            let organization = try await web.administeredOrganization(context)
            let png = try await web.workspace.read { db in try OrganizationLogo.png(of: organization.id!, in: db) }
            guard let png else { throw AccessError.notFound(entity: "logo", id: organization.id!.rawValue) }
            return Self.image(png)
        }
        router.post("manage/orgs/:org/logo") { request, context in
            let organization = try await web.administeredOrganization(context)
            let form = try await PostedForm.read(request)
            let action = "/manage/orgs/\(organization.id!.rawValue)/logo"
            do {
                try web.forms.check(
                    form["form"], purpose: WebInterface.formPurpose(action),
                    cookieNonce: Cookies.value(Cookies.form, in: request), at: web.workspace.now(), minimumAge: 0,
                    maximumAge: web.configuration.formLifetime)
            } catch let refusal as FormTokens.Refusal {
                return try await page(
                    organization, request, context, error: refusal.message(in: web.localizer(request, context)),
                    status: .forbidden)
            }
            let t = web.localizer(request, context)
            let remove = form["action"] == "remove"
            guard remove || form.file("logo") != nil else {
                return try await page(
                    organization, request, context, error: t("Choose a PNG file to upload."),
                    status: .unprocessableContent)
            }
            do {
                let png = remove ? nil : form.file("logo")?.data
                try await web.workspace.write(as: web.actor(context)) { try $0.setLogo(png, for: organization.id!) }
            } catch KernelError.invalidField(_, let reason) {
                // The kernel words why a file is refused in English; other languages get what a logo must be.
                let message =
                    t.language == .english
                    ? "This file \(reason)."
                    : t("This file cannot be the logo: it must be a PNG of at most 1 MB and 4,000 pixels a side.")
                return try await page(organization, request, context, error: message, status: .unprocessableContent)
            }
            return web.redirect(to: action + "?saved=" + (remove ? "removed" : "uploaded"))
        }
    }

    static func image(_ png: Data) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "image/png"
        headers[.cacheControl] = "private, no-cache"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: png)))
    }

    private func page(
        _ organization: Organization, _ request: Request, _ context: IndabaRequestContext, notice: String? = nil,
        error: String? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let id = organization.id!.rawValue
        let hasLogo = try await web.workspace.read { db in try OrganizationLogo.png(of: organization.id!, in: db) != nil
        }
        var chrome = web.chrome(for: request, context: context)
        let t = chrome.localizer
        let action = "/manage/orgs/\(id)/logo"
        let field = web.formTokenField(request, into: &chrome, purpose: WebInterface.formPurpose)(action)
        let alert: HTML = error.map { "<div class=\"alert\" role=\"alert\"><p>\($0)</p></div>" } ?? .empty
        let saved: HTML =
            notice.map {
                "<p class=\"notice\" role=\"status\">\($0 == "removed" ? t("Logo removed.") : t("Logo saved."))</p>"
            }
            ?? .empty
        let named = ["organization": organization.name]
        let current: HTML =
            hasLogo
            ? """
            <p><img src="\(action).png" alt="\(t("The current logo of {organization}", named))" height="64"></p>
            <form method="post" action="\(action)" enctype="multipart/form-data">\
            \(field)<input type="hidden" name="action" value="remove">\
            <button type="submit" class="secondary">\(t("Remove the logo"))</button></form>
            """
            : "<p>\(t("No logo yet."))</p>"
        let heading = t("Logo of {organization}", named)
        let lead = t("Series reports carry it at the top. A PNG of at most 1 MB and 4,000 pixels a side.")
        let body: HTML = """
            <nav aria-label="\(t("Breadcrumb"))" class="crumbs"><a href="/workspace">\(t("Workspace"))</a> · \
            <a href="/manage/orgs/\(id)/edit"><bdi>\(organization.name)</bdi></a></nav>
            <h1>\(heading)</h1>
            \(saved)\(alert)<p>\(lead)</p>
            \(current)
            <form method="post" action="\(action)" enctype="multipart/form-data">\(field)
            <div class="field"><label for="logo">\(t("A new logo (PNG)"))</label>
            <input id="logo" name="logo" type="file" accept="image/png"></div>
            <button type="submit">\(t("Upload"))</button></form>
            """
        return web.renderer.html(content: body.markup, title: heading, chrome: chrome, status: status)
    }
}
