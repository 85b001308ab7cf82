import Foundation
import GRDB
import Hummingbird
import Kernel
import PluginKit

/// `/workspace/orgs/{org}/plugins/{plugin}/settings`: an organization's administrators change a plugin's settings in
/// a form generated from the settings' defaults (see ``SettingsField``). The kernel checks every value
/// (``SettingsCodec``) and audits the change; a refused value comes back next to its field with the kernel's message.
struct PluginSettingsForm {
    let web: WebInterface

    func add(to router: RouterGroup<IndabaRequestContext>) {
        router.get("workspace/orgs/:org/plugins/:plugin/settings") { request, context in
            let (organization, plugin) = try await target(context)
            let current = try await settings(of: plugin, for: organization)
            return page(organization, plugin, values: current, errors: [:], request, context)
        }
        router.post("workspace/orgs/:org/plugins/:plugin/settings") { request, context in
            let (organization, plugin) = try await target(context)
            return try await change(organization, plugin, request, context)
        }
    }

    private func target(_ context: IndabaRequestContext) async throws -> (Organization, any KernelPlugin.Type) {
        let organization = try await web.administeredOrganization(context)
        guard let id = context.parameters.get("plugin"), let plugin = web.workspace.registry.plugin(PluginID(id))
        else { throw AccessError.notFound(entity: "plugin", id: 0) }
        return (organization, plugin)
    }

    /// The stored settings (defaults where never changed), and the defaults, as JSON objects.
    private func settings(of plugin: any KernelPlugin.Type, for organization: Organization) async throws -> [String:
        JSONValue]
    {
        let stored = try await web.workspace.read { db in
            try PluginEnablementRecord.fetchOne(
                db, key: ["organizationId": organization.id!, "pluginId": plugin.id.rawValue])
        }
        return try SettingsCodec.merge([:], onto: stored?.settingsObject, for: plugin.settings, plugin: plugin.id)
    }

    private func defaults(of plugin: any KernelPlugin.Type) -> [String: JSONValue] {
        (try? SettingsCodec.merge([:], onto: nil, for: plugin.settings, plugin: plugin.id)) ?? [:]
    }

    private func change(
        _ organization: Organization, _ plugin: any KernelPlugin.Type, _ request: Request,
        _ context: IndabaRequestContext
    ) async throws -> Response {
        let form = try await FormData.read(request, context: context)
        let t = web.localizer(request, context)
        // The plugin's own catalogues word its refusals (and the kernel's, for the kernel's own reasons).
        let words = t.preferring(plugin.id)
        let stored = try await settings(of: plugin, for: organization)
        var changes: [String: JSONValue] = [:]
        var errors: [String: String] = [:]
        var shown = stored
        for (key, value) in defaults(of: plugin) {
            let kind = SettingsField(default: value, current: stored[key])
            guard let posted = kind.value(key, in: form) else {
                errors[key] = Self.sentence(FieldReason("it is not valid JSON").worded(words))
                shown[key] = .string(form[key])
                continue
            }
            changes[key] = posted
            shown[key] = posted
        }
        // A value chosen from a list must be one of the list's: a forged or stale form cannot store another.
        for (key, value) in changes where errors[key] == nil {
            guard let options = Self.options(for: plugin.settings.description(of: key)) else { continue }
            if case .string(let chosen) = value, !options.contains(where: { $0.value == chosen }) {
                let setting = plugin.settings.description(of: key).translated(words).label
                errors[key] = t("Choose one of the listed values for ‘{setting}’.", ["setting": setting])
            }
        }
        if let refusal = web.staffFormRefusal(form, request: request, in: t) {
            return page(
                organization, plugin, values: shown, errors: [:], refusal: refusal, request, context, status: .forbidden
            )
        }
        // Each value on its own first, so that every refused one is shown next to its field.
        for (key, value) in changes where errors[key] == nil {
            do {
                _ = try SettingsCodec.merge([key: value], onto: stored, for: plugin.settings, plugin: plugin.id)
            } catch let error as SettingsError {
                errors[key] = Self.fieldError(error, words)
            }
        }
        var refusal: String?
        if errors.isEmpty {
            let (registry, id, plugin, changes) = (web.workspace.registry, organization.id!, plugin.id, changes)
            do {
                try await web.workspace.write(as: web.actor(context)) {
                    try $0.changeSettings(of: plugin, for: id, changes, registry: registry)
                }
                return web.redirect(to: "/workspace/orgs/\(id.rawValue)/plugins/\(plugin.rawValue)/settings?saved=1")
            } catch let error as SettingsError {
                refusal = error.worded(words)
            }
        }
        return page(
            organization, plugin, values: shown, errors: errors, refusal: refusal, request, context,
            status: .unprocessableContent)
    }

    /// A refusal shown next to its field: the reason alone, as a sentence (the field's label says which setting).
    private static func fieldError(_ error: SettingsError, _ words: Localizer) -> String {
        guard case let .invalidValue(_, _, reason) = error else { return error.worded(words) }
        return sentence(reason.worded(words))
    }

    /// `must be from 1 to 200` as `Must be from 1 to 200.`
    private static func sentence(_ reason: String) -> String {
        var text = reason.prefix(1).uppercased() + reason.dropFirst()
        if !text.hasSuffix(".") { text += "." }
        return text
    }

    /// The values a setting chosen from a list may take, with their labels; `nil` for other settings.
    static func options(for description: SettingDescription) -> [SettingDescription.Choice]? {
        guard case let .choice(choices) = description.kind else { return nil }
        return choices
    }

    private func page(
        _ organization: Organization, _ plugin: any KernelPlugin.Type, values: [String: JSONValue],
        errors: [String: String], refusal: String? = nil, _ request: Request, _ context: IndabaRequestContext,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        let t = web.localizer(request, context)
        let defaults = defaults(of: plugin)
        let words = t.preferring(plugin.id)
        let fields = defaults.keys.sorted().map { key in
            let description = plugin.settings.description(of: key).translated(words)
            let value = values[key] ?? defaults[key]!
            if let options = Self.options(for: description) {
                let current = SettingsField.text(value)
                return FormField(
                    key, label: description.label,
                    kind: .select(
                        options.map {
                            FormField.Option(value: $0.value, label: $0.label, selected: $0.value == current)
                        }
                    ), value: current, error: errors[key], hint: description.help)
            }
            return SettingsField(default: defaults[key]!, current: values[key])
                .field(key, description: description, value: value, error: errors[key], t)
        }
        let saved = request.uri.queryParameters["saved"] != nil && status == .ok
        let heading = t(
            "Settings of {plugin} for {organization}",
            [
                "plugin": (plugin as? any Plugin.Type).map { t.preferring(plugin.id)($0.name.english) }
                    ?? plugin.id.rawValue,
                "organization": organization.name,
            ])
        let lead =
            fields.isEmpty
            ? t("This plugin has no settings.")
            : t("Changes apply to {organization} only and are audited.", ["organization": organization.name])
        let model = FormPageModel(
            crumbs: [("/workspace", t("Workspace"))], heading: heading, lead: lead,
            notice: saved ? t("Saved. The change is in the audit log.") : nil, formError: refusal,
            action: "/workspace/orgs/\(organization.id!.rawValue)/plugins/\(plugin.id.rawValue)/settings",
            fields: fields, submit: t("Save the settings"))
        return web.formPage(model, title: heading, request: request, context: context, status: status)
    }
}
