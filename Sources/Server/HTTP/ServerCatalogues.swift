import Kernel

/// The API's own wording (problem titles and details) in every shipped language, read once from the catalogues
/// compiled into the module (`Sources/Server/Locales`), and the kernel's (`Sources/Kernel/Locales`) for what its
/// field rules find wrong (``Kernel/FieldProblem/detail(_:)``).
enum ServerCatalogues {
    static let translations: Translations = {
        var translations = Translations()
        do {
            try translations.add(EmbeddedCatalogues.byLanguage, module: "Sources/Server")
            try translations.add(Translations.kernelCatalogues, module: "Sources/Kernel")
        } catch {
            // Catalogues are compiled in and checked by the tests: one that does not parse is a broken build.
            preconditionFailure("A compiled-in translation catalogue does not parse: \(error)")
        }
        return translations
    }()
}
