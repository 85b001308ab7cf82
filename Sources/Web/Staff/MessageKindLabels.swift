import Kernel

/// What each kind of outgoing message reads as in a page's language: the kernel's names
/// (``Kernel/OutboxWording/kernelKinds``) and the installed plugins' (``Kernel/KernelPlugin/messageKinds``). A kind
/// nobody names (its plugin was removed) shows its code.
struct MessageKindLabels: Sendable {
    private var labels = CodeLabels()

    init(plugins: [any KernelPlugin.Type]) {
        for name in OutboxWording.kernelKinds { labels.name(name.kind, name.label, module: Translations.kernelModule) }
        for plugin in plugins {
            for name in plugin.messageKinds { labels.name(name.kind, name.label, module: plugin.id.catalogueModule) }
        }
    }

    /// `kind` (`messages.reminder`) in `t`'s language.
    func kind(_ kind: String, _ t: Localizer) -> String {
        labels.label(kind, t) ?? kind
    }
}
