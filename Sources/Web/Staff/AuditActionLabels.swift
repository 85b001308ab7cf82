import Kernel
import PluginKit

/// What each audit action and area reads as in a page's language: the kernel's names
/// (``Kernel/AuditWording/kernelActions``) and the installed plugins' (``Kernel/KernelPlugin/auditActions``), each
/// worded from its own module's catalogues. An action nobody names reads as ``Kernel/AuditWording/action(_:)``
/// made it, in English. Plugins are named by their ``PluginKit/PluginName``.
struct AuditActionLabels: Sendable {
    private var labels = CodeLabels()
    private var plugins = CodeLabels()

    init(plugins: [any KernelPlugin.Type]) {
        for name in AuditWording.kernelActions {
            labels.name(name.action, name.label, module: Translations.kernelModule)
        }
        for plugin in plugins {
            for name in plugin.auditActions { labels.name(name.action, name.label, module: plugin.id.catalogueModule) }
            if let named = plugin as? any Plugin.Type {
                self.plugins.name(plugin.id.rawValue, named.name.english, module: plugin.id.catalogueModule)
            }
        }
    }

    /// `action` (`series.created`) in `t`'s language.
    func action(_ action: String, _ t: Localizer) -> String {
        labels.label(action, t) ?? AuditWording.action(action)
    }

    /// "Any change to …" for an area of actions (`series`), in `t`'s language.
    func area(_ area: String, _ t: Localizer) -> String {
        // Translators: put before the name of an area of changes ("Any" + "session"), in a filter of the audit log.
        labels.label(area, t) ?? "\(t("Any")) \(AuditWording.area(area))"
    }

    /// The plugin with id `id`, by its name in `t`'s language (its id when it is not installed any more).
    func plugin(_ id: String, _ t: Localizer) -> String {
        plugins.label(id, t) ?? id
    }
}
