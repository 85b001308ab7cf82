import Foundation
import GRDB
import Hummingbird
import Kernel
import PluginKit

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
        /// What the page calls the plugin, in the reader's language.
        let title: String
        let version: String
        let state: String
        let hasEntries: Bool
        let entries: [Entry]
        /// The switch (for administrators): where it posts, its token, the state it asks for, and its label.
        let canSwitch: Bool
        let action: String
        let token: String
        let next: String
        let button: String
        let buttonLabel: String
        /// The settings form (for administrators, when the plugin has settings).
        let settings: String?
    }

    struct ProgrammeLink {
        let title: String
        let edit: String
        let newSeries: String
    }

    struct SeriesLink {
        let title: String
        let href: String
        let status: String
        /// The session management page, for administrators.
        let manage: String?
        /// The edit form, for administrators.
        let edit: String?
        /// The enrolments (administrators and facilitators).
        let enrolments: String
        /// The quotes recorded for the series (administrators).
        let quotes: String
        /// Its facilitators and guest speakers (administrators).
        let leaders: String
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
        /// For administrators: the programmes and the links that create programmes and people.
        let administers: Bool
        let programmes: [ProgrammeLink]
        let newProgramme: String
        let newPerson: String
        let outbox: String
        /// The people it registered, the form editing it, and (for a network) the one adding a member.
        let people: String
        let editOrganization: String
        let newMember: String?
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
                        try PluginEnablementRecord.enabledPlugins(of: organization.id!, in: db).map(\.rawValue)
                            .sorted(),
                        try scope.ownSeries().filter(ownedBy: [organization.id!]).order(Column("id")).fetchAll(db),
                        try scope.programmes().filter(Column("organizationId") == organization.id)
                            .order(Column("title")).fetchAll(db)
                    )
                }
            }
            var chrome = web.chrome(for: request, context: context)
            let t = chrome.localizer
            let nonce = web.formNonce(request, into: &chrome)
            let token = web.forms.issue(purpose: PluginSwitch.purpose, nonce: nonce, at: web.workspace.now())
            let administered = context.access.administered
            let model = Model(
                role: Self.roleName(context.access.role, t),
                organizations: rows.map {
                    organizationModel(
                        $0.0, enabled: Set($0.1), series: $0.2, programmes: $0.3,
                        switchToken: administered.contains($0.0.id!) ? token : nil, t)
                })
            return web.renderer.page("workspace", title: t("Workspace"), model: model, chrome: chrome)
        }
    }

    /// The organization with every installed plugin in the registry's order: the navigation of those enabled, and
    /// a switch when the user administers the organization (`switchToken`).
    private func organizationModel(
        _ organization: Organization, enabled: Set<String>, series: [WebinarSeries], programmes: [Programme],
        switchToken: String?, _ t: Localizer
    ) -> OrganizationModel {
        let administers = switchToken != nil
        let links = series.map {
            SeriesLink(
                title: $0.title, href: "/reports/series/\($0.id!.rawValue)",
                status: SeriesForms.statusLabel($0.status, t),
                manage: administers ? "/manage/series/\($0.id!.rawValue)" : nil,
                edit: administers ? "/manage/series/\($0.id!.rawValue)/edit" : nil,
                enrolments: "/manage/series/\($0.id!.rawValue)/enrolments",
                quotes: "/manage/series/\($0.id!.rawValue)/quotes",
                leaders: "/manage/series/\($0.id!.rawValue)/leaders")
        }
        let org = organization.id!.rawValue
        let programmeLinks = programmes.map {
            ProgrammeLink(
                title: $0.title, edit: "/manage/programmes/\($0.id!.rawValue)",
                newSeries: "/manage/programmes/\($0.id!.rawValue)/series/new")
        }
        let plugins = web.workspace.installedPlugins.map { type(of: $0) }.map { plugin in
            let isOn = enabled.contains(plugin.id.rawValue)
            // The menu's words are the plugin's messages (the catalogue check reads `NavigationEntry(`).
            let words = t.preferring(plugin.id)
            let entries =
                isOn
                ? plugin.navigation.map {
                    Entry(title: words($0.title), href: "/orgs/\(org)/\(plugin.id.rawValue)/\($0.path)")
                }
                : []
            let name = words(plugin.name.english)
            let values = ["plugin": name, "organization": organization.name]
            return PluginModel(
                id: plugin.id.rawValue, title: name, version: plugin.version.description,
                state: isOn ? t("enabled") : t("not enabled"),
                hasEntries: !entries.isEmpty, entries: entries, canSwitch: switchToken != nil,
                action: "/workspace/orgs/\(org)/plugins/\(plugin.id.rawValue)", token: switchToken ?? "",
                next: isOn ? "no" : "yes", button: isOn ? t("Disable") : t("Enable"),
                buttonLabel: isOn
                    ? t("Disable {plugin} for {organization}", values)
                    : t("Enable {plugin} for {organization}", values),
                settings: administers && Self.hasSettings(plugin)
                    ? "/workspace/orgs/\(org)/plugins/\(plugin.id.rawValue)/settings" : nil)
        }
        return OrganizationModel(
            id: org, hasSeries: !links.isEmpty, series: links, name: organization.name,
            kind: organization.isNetwork ? t("Network") : t("Member organization"), timeZone: organization.timeZone,
            hasPlugins: !plugins.isEmpty, plugins: plugins, administers: administers,
            programmes: administers ? programmeLinks : [], newProgramme: "/workspace/orgs/\(org)/programmes/new",
            newPerson: "/workspace/orgs/\(org)/people/new", outbox: "/workspace/orgs/\(org)/outbox",
            people: "/workspace/orgs/\(org)/people", editOrganization: "/manage/orgs/\(org)/edit",
            newMember: organization.isNetwork ? "/workspace/orgs/\(org)/members/new" : nil)
    }

    /// Whether `plugin` has any setting an organization can change.
    static func hasSettings(_ plugin: any Plugin.Type) -> Bool {
        let defaults = try? SettingsCodec.merge([:], onto: nil, for: plugin.settings, plugin: plugin.id)
        return defaults?.isEmpty == false
    }

    static func roleName(_ role: AccessRole?, _ t: Localizer = .english) -> String {
        switch role {
        case .networkCoordinator: t("network coordinator")
        case .organizationAdmin: t("organization administrator")
        // Translators: a role: someone who runs a series' sessions and records attendance.
        case .facilitator: t("facilitator")
        case nil: t("guest")
        }
    }
}
