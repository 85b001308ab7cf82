import Foundation
import GRDB

/// Per-organization plugin enablement and settings, each change written to the audit log.
extension WriteTransaction {
    /// Enables `plugin` for `organization`, optionally changing settings in the same step.
    ///
    /// - Throws: ``KernelError/pluginNotInstalled(_:)``, ``KernelError/pluginDependencyNotEnabled(_:missing:organization:)``
    ///   naming every dependency that is not enabled yet, or ``SettingsError``.
    public func enable(
        _ plugin: PluginID, for organization: Organization.ID, settings changes: [String: JSONValue] = [:],
        registry: PluginRegistry
    ) throws {
        guard let type = registry.plugin(plugin) else { throw KernelError.pluginNotInstalled(plugin) }
        let enabled = try enabledPlugins(for: organization)
        let missing = type.dependencies.map(\.id).filter { !enabled.contains($0) }
        if !missing.isEmpty {
            throw KernelError.pluginDependencyNotEnabled(plugin, missing: missing, organization: organization)
        }
        let existing = try enablement(of: plugin, for: organization)
        let settings = try SettingsCodec.merge(
            changes, onto: existing?.settingsObject, for: type.settings, plugin: plugin)
        try SettingsCodec.check(
            settings, replacing: existing?.settingsObject, as: type.settings, plugin: plugin, for: organization, in: db)
        if existing?.enabled != true {
            try audit("plugin.enabled", organization: organization, plugin: plugin, detail: changes)
        }
        try store(plugin, for: organization, enabled: true, settings: settings, existing: existing)
        if existing?.enabled != true {
            try events.emit(PluginEnabled(organizationId: organization, pluginId: plugin))
        }
    }

    /// Disables `plugin` for `organization`; its settings are kept for a later re-enable.
    /// - Throws: ``KernelError/pluginRequiredBy(_:dependents:organization:)`` while an enabled plugin depends on it.
    public func disable(_ plugin: PluginID, for organization: Organization.ID, registry: PluginRegistry) throws {
        let enabled = try enabledPlugins(for: organization)
        let dependents = registry.dependents(of: plugin).map { $0.id }.filter(enabled.contains)
        if !dependents.isEmpty {
            throw KernelError.pluginRequiredBy(plugin, dependents: dependents, organization: organization)
        }
        guard let existing = try enablement(of: plugin, for: organization), existing.enabled else { return }
        try audit("plugin.disabled", organization: organization, plugin: plugin, detail: [:])
        try store(plugin, for: organization, enabled: false, settings: existing.settingsObject, existing: existing)
    }

    /// Changes some settings of `plugin` for `organization` (enabled or not); other settings keep their values.
    /// - Throws: ``SettingsError`` for an unknown key or a value of the wrong type; nothing is changed then.
    public func changeSettings(
        of plugin: PluginID, for organization: Organization.ID, _ changes: [String: JSONValue],
        registry: PluginRegistry
    ) throws {
        guard let type = registry.plugin(plugin) else { throw KernelError.pluginNotInstalled(plugin) }
        try changeSettings(of: plugin, typed: type.settings, for: organization, changes)
    }

    /// Changes some settings of `plugin`, whose settings are of `type`, for `organization`: what a plugin's own
    /// pages use to save its settings (a plugin knows its settings type, not the registry).
    /// - Throws: ``SettingsError`` for an unknown key or a value of the wrong type; nothing is changed then.
    public func changeSettings(
        of plugin: PluginID, typed type: any PluginSettings.Type, for organization: Organization.ID,
        _ changes: [String: JSONValue]
    ) throws {
        let existing = try enablement(of: plugin, for: organization)
        let settings = try SettingsCodec.merge(
            changes, onto: existing?.settingsObject, for: type, plugin: plugin)
        try SettingsCodec.check(
            settings, replacing: existing?.settingsObject, as: type, plugin: plugin, for: organization, in: db)
        if existing == nil {
            // `store` audits changes to a stored record; the first change of a never-enabled plugin is one too.
            let defaults = try SettingsCodec.merge([:], onto: nil, for: type, plugin: plugin)
            let changed = settings.filter { defaults[$0.key] != $0.value }
            if !changed.isEmpty {
                try audit("plugin.settingsChanged", organization: organization, plugin: plugin, detail: changed)
            }
        }
        try store(
            plugin, for: organization, enabled: existing?.enabled ?? false, settings: settings, existing: existing)
    }

    /// The ids of the plugins enabled for `organization`.
    public func enabledPlugins(for organization: Organization.ID) throws -> Set<PluginID> {
        try PluginEnablementRecord.enabledPlugins(of: organization, in: db)
    }

    private func enablement(of plugin: PluginID, for organization: Organization.ID) throws -> PluginEnablementRecord? {
        try PluginEnablementRecord.fetchOne(db, key: ["organizationId": organization, "pluginId": plugin.rawValue])
    }

    private func store(
        _ plugin: PluginID, for organization: Organization.ID, enabled: Bool, settings: [String: JSONValue],
        existing: PluginEnablementRecord?
    ) throws {
        let json = JSONValue.object(settings).canonicalJSON
        if let existing, existing.enabled == enabled, existing.settings == json { return }
        if let existing, existing.settings != json {
            let changed = settings.filter { existing.settingsObject[$0.key] != $0.value }
            try audit("plugin.settingsChanged", organization: organization, plugin: plugin, detail: changed)
        }
        let record = PluginEnablementRecord(
            organizationId: organization, pluginId: plugin.rawValue, enabled: enabled, settings: json,
            createdAt: existing?.createdAt ?? now, updatedAt: now)
        try record.save(db)
        events.enablementChanged(for: organization)
    }
}
