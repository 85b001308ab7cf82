public import HTTPTypes
public import Kernel

/// What a plugin's route throws to answer with a problem whose detail is in the client's language: the server
/// words it from the plugin's own catalogues first (``Kernel/Localizer/preferring(_:)``).
///
/// ```swift
/// throw PluginProblem(.notFound, of: Self.id) { t in t("There is no such feed here.") }
/// ```
public struct PluginProblem: Error, Sendable {
    public let status: HTTPResponse.Status
    /// The module whose catalogues word it first (``Kernel/Localizer/preferring(module:)``).
    public let module: String
    /// The detail in the language of the localizer it is given.
    public let wording: @Sendable (Localizer) -> String

    public init(
        _ status: HTTPResponse.Status, of plugin: PluginID, wording: @escaping @Sendable (Localizer) -> String
    ) {
        self.init(status, module: plugin.catalogueModule, wording: wording)
    }

    /// A problem of PluginKit's own (the plugin gate's, a JSON body's), worded from PluginKit's catalogues.
    init(_ status: HTTPResponse.Status, wording: @escaping @Sendable (Localizer) -> String) {
        self.init(status, module: PluginKitCatalogues.module, wording: wording)
    }

    private init(
        _ status: HTTPResponse.Status, module: String, wording: @escaping @Sendable (Localizer) -> String
    ) {
        self.status = status
        self.module = module
        self.wording = wording
    }
}
