import Kernel

/// What each audit action and area reads as in a page's language: the kernel's names
/// (``Kernel/AuditWording/kernelActions``) and the installed plugins' (``Kernel/KernelPlugin/auditActions``), each
/// worded from its own module's catalogues. An action nobody names reads as ``Kernel/AuditWording/action(_:)``
/// made it, in English.
struct AuditActionLabels: Sendable {
    private let labels: [String: (label: String, module: String)]

    init(plugins: [any KernelPlugin.Type]) {
        var labels: [String: (label: String, module: String)] = [:]
        for name in AuditWording.kernelActions { labels[name.action] = (name.label, Translations.kernelModule) }
        for plugin in plugins {
            for name in plugin.auditActions { labels[name.action] = (name.label, plugin.id.catalogueModule) }
        }
        self.labels = labels
    }

    /// `action` (`series.created`) in `t`'s language.
    func action(_ action: String, _ t: Localizer) -> String {
        guard let (label, module) = labels[action] else { return AuditWording.action(action) }
        // The label is a message of its module's catalogues, read by the catalogue check where it is written.
        return t.preferring(module: module).callAsFunction(label)
    }

    /// "Any change to …" for an area of actions (`series`), in `t`'s language.
    func area(_ area: String, _ t: Localizer) -> String {
        guard let (label, module) = labels[area] else { return "\(t("Any")) \(AuditWording.area(area))" }
        return t.preferring(module: module).callAsFunction(label)
    }
}
