import Kernel

/// The API's own wording (problem titles and details) in every shipped language, read once from the catalogues
/// compiled into the module (`Sources/Server/Locales`).
enum ServerCatalogues {
    static let translations: Translations = {
        var translations = Translations()
        do {
            try translations.add(EmbeddedCatalogues.byLanguage, module: "Sources/Server")
        } catch {
            preconditionFailure("A compiled-in translation catalogue does not parse: \(error)")
        }
        return translations
    }()
}
