/// Every module's catalogues, by language: the interface's own and those of the installed plugins.
///
/// Catalogues are compiled into the binary (each module's `Locales/*.po`, embedded at build time by the
/// `EmbedCatalogues` build tool plugin), so a deployed `indaba` needs no resources folder beside it.
public struct Translations: Sendable {
    private var catalogues: [Language: [Catalogue]] = [:]

    /// No catalogues: every message stays English.
    public init() {}

    /// Adds one module's catalogues, named by language code (`fr` for `fr.po`), as the build embedded them.
    public mutating func add(_ embedded: [String: String], module: String) throws(CatalogueError) {
        for (code, text) in embedded.sorted(by: { $0.key < $1.key }) {
            let name = "\(module)/Locales/\(code).po"
            guard let language = Language(tag: code), language != .english else {
                throw CatalogueError(file: name, line: 1, message: "'\(code)' is not a language Indaba ships")
            }
            catalogues[language, default: []].append(try Catalogue(po: text, name: name))
        }
    }

    /// What speaks `language`: its catalogues, looked up in the order they were added.
    public func localizer(for language: Language) -> Localizer {
        Localizer(language: language, catalogues: catalogues[language] ?? [])
    }

    /// The kernel's own catalogues (the series report's messages), as the build embedded them: the web interface
    /// and the command line add them beside their own and the plugins'.
    public static var kernelCatalogues: [String: String] { EmbeddedCatalogues.byLanguage }

    /// The name the kernel's catalogues go by (``Localizer/preferring(module:)``).
    public static let kernelModule = "Sources/Kernel"

    /// The kernel's catalogues and those of `plugins`, in that order: what speaks a series report with the
    /// sections of the plugins (`indaba report --language`).
    public static func kernelAndPlugins(_ plugins: [any KernelPlugin]) throws(CatalogueError) -> Translations {
        var translations = Translations()
        try translations.add(kernelCatalogues, module: kernelModule)
        for plugin in plugins {
            let type = type(of: plugin)
            try translations.add(type.translationCatalogues, module: type.id.catalogueModule)
        }
        return translations
    }

    /// One module's catalogues as the build compiled them in. They are checked by the test suite, so a catalogue
    /// that does not parse here is a broken build, not bad input: it stops the program.
    public static func compiledIn(_ embedded: [String: String], module: String) -> Translations {
        var translations = Translations()
        do {
            try translations.add(embedded, module: module)
        } catch {
            preconditionFailure("A compiled-in translation catalogue does not parse: \(error)")
        }
        return translations
    }

    /// The catalogues of `language`, for checks.
    public func catalogues(of language: Language) -> [Catalogue] {
        catalogues[language] ?? []
    }
}
