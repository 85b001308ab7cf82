/// PluginKit's own messages (the plugin gate's refusals, JSON bodies' problems) in every shipped language, compiled
/// in from `Sources/PluginKit/Locales`: the surfaces add them beside their own.
public enum PluginKitCatalogues {
    /// The name PluginKit's catalogues go by (``Kernel/Localizer/preferring(module:)``).
    public static let module = "Sources/PluginKit"

    /// The catalogues as the build embedded them, by language code.
    public static var byLanguage: [String: String] { EmbeddedCatalogues.byLanguage }
}
