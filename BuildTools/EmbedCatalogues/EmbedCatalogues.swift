import PackagePlugin

/// Compiles a module's translation catalogues (`Locales/*.po`) into it, so that the deployed binary needs no
/// resources folder: SwiftPM's resource bundles are found through the absolute build path, which a copied binary
/// does not have.
@main
struct EmbedCatalogues: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        guard let target = target as? any SourceModuleTarget else { return [] }
        let catalogues = target.sourceFiles(withSuffix: "po").map(\.url)
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedCatalogues.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(catalogues.count) translation catalogues in \(target.name)",
                executable: try context.tool(named: "CatalogueEmbedder").url,
                arguments: [output.path] + catalogues.map(\.path),
                inputFiles: catalogues, outputFiles: [output])
        ]
    }
}
