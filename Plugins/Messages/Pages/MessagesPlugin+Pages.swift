public import PluginKit

/// The staff pages: the wording of each kind of message (`/orgs/{org}/messages/templates`).
extension MessagesPlugin {
    public static let navigation = [NavigationEntry("Message wording", path: "templates")]

    public func addPages(to pages: PageRoutes) {
        let page = TemplatesPage(plugin: self)
        pages.page("templates") { request in try await page.list(request) }
        pages.page("templates/:kind") { request in try await page.edit(request) }
        pages.post("templates/:kind") { request in try await page.save(request) }
    }
}
