import Foundation
import GRDB
import Hummingbird
import Kernel

/// `GET /workspace`: the organizations the signed-in user looks after, each with its enabled plugins and the
/// navigation entries they contribute.
struct WorkspacePage {
    let web: WebInterface

    struct Entry {
        let title: String
        let href: String
    }

    struct PluginModel {
        let id: String
        let version: String
        let hasEntries: Bool
        let entries: [Entry]
    }

    struct SeriesLink {
        let title: String
        let href: String
        let status: String
    }

    struct OrganizationModel {
        let id: Int64
        let hasSeries: Bool
        let series: [SeriesLink]
        let name: String
        let kind: String
        let timeZone: String
        let hasPlugins: Bool
        let plugins: [PluginModel]
    }

    struct Model {
        let role: String
        let organizations: [OrganizationModel]
    }

    func add(to router: RouterGroup<IndabaRequestContext>) {
        router.get("workspace") { request, context in
            try context.scope.requireAuthenticated()
            let scope = context.scope
            let rows = try await web.workspace.read { db in
                try scope.organizations().order(Column("parentId") != nil, Column("name")).fetchAll(db).map {
                    organization in
                    (
                        organization,
                        try String.fetchAll(
                            db, sql: "SELECT pluginId FROM pluginEnablement WHERE organizationId = ? AND enabled",
                            arguments: [organization.id]),
                        try scope.ownSeries()
                            .filter(
                                sql: "programmeId IN (SELECT id FROM programme WHERE organizationId = ?)",
                                arguments: [organization.id]
                            )
                            .order(Column("id")).fetchAll(db)
                    )
                }
            }
            let model = Model(
                role: Self.roleName(context.access.role),
                organizations: rows.map { organizationModel($0.0, enabled: Set($0.1), series: $0.2) })
            return web.renderer.page(
                "workspace", title: "Workspace", model: model, chrome: web.chrome(for: request, context: context))
        }
    }

    /// The organization with its enabled plugins in the registry's order; disabled plugins are left out.
    private func organizationModel(_ organization: Organization, enabled: Set<String>, series: [WebinarSeries])
        -> OrganizationModel
    {
        let links = series.map {
            SeriesLink(title: $0.title, href: "/reports/series/\($0.id!.rawValue)", status: $0.status.rawValue)
        }
        let org = organization.id!.rawValue
        let plugins = web.workspace.plugins.map { type(of: $0) }.filter { enabled.contains($0.id.rawValue) }.map {
            plugin in
            let entries = plugin.navigation.map {
                Entry(title: $0.title, href: "/orgs/\(org)/\(plugin.id.rawValue)/\($0.path)")
            }
            return PluginModel(
                id: plugin.id.rawValue, version: plugin.version.description, hasEntries: !entries.isEmpty,
                entries: entries)
        }
        return OrganizationModel(
            id: org, hasSeries: !links.isEmpty, series: links, name: organization.name,
            kind: organization.isNetwork ? "Network" : "Member organization", timeZone: organization.timeZone,
            hasPlugins: !plugins.isEmpty, plugins: plugins)
    }

    static func roleName(_ role: AccessRole?) -> String {
        switch role {
        case .networkCoordinator: "network coordinator"
        case .organizationAdmin: "organization administrator"
        case .facilitator: "facilitator"
        case nil: "guest"
        }
    }
}
