import Kernel
import PluginKit

/// The API's own wording (problem titles and details) in every shipped language, from the catalogues compiled into
/// the module (`Sources/Server/Locales`), beside the kernel's (`Sources/Kernel/Locales`: what its field rules and
/// settings checks find wrong), PluginKit's (the plugin gate's) and, for the server's problem middleware, the
/// installed plugins' (their routes' problems and their settings' refusals).
enum ServerCatalogues {
    /// The server's and the kernel's catalogues: what a problem answered outside the middleware is worded with.
    static let translations = translations(plugins: [])

    /// The server's, the kernel's and `plugins`' catalogues.
    static func translations(plugins: [any KernelPlugin.Type]) -> Translations {
        var translations = Translations()
        do {
            try translations.add(EmbeddedCatalogues.byLanguage, module: "Sources/Server")
            try translations.add(Translations.kernelCatalogues, module: Translations.kernelModule)
            try translations.add(PluginKitCatalogues.byLanguage, module: PluginKitCatalogues.module)
            for plugin in plugins {
                try translations.add(plugin.translationCatalogues, module: plugin.id.catalogueModule)
            }
        } catch {
            // Catalogues are compiled in and checked by the tests: one that does not parse is a broken build.
            preconditionFailure("A compiled-in translation catalogue does not parse: \(error)")
        }
        return translations
    }
}
