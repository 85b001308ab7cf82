public import Kernel

extension CaseStudiesSettings {
    /// Labels and help for the settings form.
    public static let descriptions: [String: SettingDescription] = [
        "searchLimit": SettingDescription(
            "Search results at most", help: "How many studies a search shows at most, from 1 to 200."),
        "snippetWords": SettingDescription(
            "Words in a search snippet", help: "How many words of a study a search result shows, from 4 to 64."),
    ]
}
