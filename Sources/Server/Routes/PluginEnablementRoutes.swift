import Foundation
import GRDB
import Hummingbird
import Kernel
import PluginKit

/// Installed plugins, and which are enabled (with what settings) for an organization.
struct PluginEnablementRoutes {
    let workspace: Workspace

    func add(to router: some RouterMethods<IndabaRequestContext>) {
        router.get("plugins", use: installed)
        router.get("organizations/:id/plugins", use: list)
        router.put("organizations/:id/plugins/:pluginId", use: change)
    }

    struct InstalledPlugin: Encodable {
        let id: String
        let version: String
        let dependencies: [String]
        let defaultSettings: [String: JSONValue]
    }

    struct Enablement: Encodable {
        let pluginId: String
        let enabled: Bool
        let settings: [String: JSONValue]
    }

    @Sendable func installed(_ request: Request, context: IndabaRequestContext) async throws -> Response {
        try context.scope.requireAuthenticated()
        let plugins = workspace.registry.plugins.map { plugin in
            InstalledPlugin(
                id: plugin.id.rawValue, version: plugin.version.description,
                dependencies: plugin.dependencies.map(\.description),
                defaultSettings: (try? SettingsCodec.merge([:], onto: nil, for: plugin.settings, plugin: plugin.id))
                    ?? [:])
        }
        return try JSONResponse.make(Page(items: plugins, next: nil))
    }

    @Sendable func list(_ request: Request, context: IndabaRequestContext) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        let scope = context.scope
        try scope.requireAuthenticated()
        let registry = workspace.registry
        let items = try await workspace.read { db in
            let organization = try scope.one(scope.organizations(), id: id, entity: "organization", in: db)
            try scope.requireAdministration(of: organization.id!)
            return try registry.plugins.map { plugin in try Self.enablement(of: plugin, for: organization.id!, in: db) }
        }
        return try JSONResponse.make(Page(items: items, next: nil))
    }

    @Sendable func change(_ request: Request, context: IndabaRequestContext) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        let pluginId = PluginID(try context.parameters.require("pluginId"))
        var fields = Fields(try await JSONInput.object(request, context: context), allowed: ["enabled", "settings"])
        let enabled = fields.boolean("enabled")
        let settings = fields.object("settings") ?? [:]
        try fields.throwIfInvalid()
        guard let plugin = workspace.registry.plugin(pluginId) else { throw KernelError.pluginNotInstalled(pluginId) }
        let (scope, registry) = (context.scope, workspace.registry)
        let state = try await workspace.write(as: context.actor) { transaction in
            let organization = try scope.one(scope.organizations(), id: id, entity: "organization", in: transaction.db)
            try scope.requireAdministration(of: organization.id!)
            switch enabled {
            case true?: try transaction.enable(pluginId, for: organization.id!, settings: settings, registry: registry)
            case false?:
                try transaction.changeSettings(of: pluginId, for: organization.id!, settings, registry: registry)
                try transaction.disable(pluginId, for: organization.id!, registry: registry)
            case nil: try transaction.changeSettings(of: pluginId, for: organization.id!, settings, registry: registry)
            }
            return try Self.enablement(of: plugin, for: organization.id!, in: transaction.db)
        }
        return try JSONResponse.make(state)
    }

    private static func enablement(of plugin: any KernelPlugin.Type, for organization: Organization.ID, in db: Database)
        throws
        -> Enablement
    {
        let stored = try PluginEnablementRecord.fetchOne(
            db, key: ["organizationId": organization, "pluginId": plugin.id.rawValue])
        return Enablement(
            pluginId: plugin.id.rawValue, enabled: stored?.enabled ?? false,
            settings: try SettingsCodec.merge(
                [:], onto: stored?.settingsObject, for: plugin.settings, plugin: plugin.id))
    }
}
