/// What people call a plugin on the staff pages ("Case-study library"), in English; pages show it in the reader's
/// language from the plugin's own catalogues (the catalogue check reads `PluginName("…")`). The id stays what
/// commands and addresses use.
public struct PluginName: Sendable, Equatable {
    public let english: String

    public init(_ english: String) {
        self.english = english
    }
}
