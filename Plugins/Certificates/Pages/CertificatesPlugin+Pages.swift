import Foundation
import Kernel
public import PluginKit

/// The staff pages, through the kernel's page protocol: `/orgs/{org}/certificates/series` lists the series, and
/// `/orgs/{org}/certificates/series/{id}` previews the rule's outcome, issues, lists, revokes and downloads.
extension CertificatesPlugin {
    public static let navigation = [
        NavigationEntry("Certificates", path: "series"), NavigationEntry("Certificate settings", path: "settings"),
    ]

    public func addPages(to pages: PageRoutes) {
        let page = CertificatesPage(plugin: self)
        let settings = CertificatesSettingsPage(plugin: self)
        pages.page("settings") { request in try await settings.show(request) }
        pages.post("settings/rules/:series") { request in try await settings.saveRule(request) }
        pages.post("settings/logo") { request in try await settings.saveLogo(request) }
        pages.page("series") { request in try await page.overview(request) }
        pages.page("series/:series") { request in try await page.show(request) }
        pages.post("series/:series/issue") { request in try await page.issue(request) }
        pages.post("certificates/:certificate/revoke") { request in try await page.revoke(request) }
        pages.post("certificates/:certificate/reissue") { request in try await page.reissue(request) }
        pages.page("certificates/:certificate/certificate.pdf") { request in try await page.pdf(request) }
        pages.page("certificates/:certificate/credential.jwt") { request in try await page.credential(request) }
    }
}
