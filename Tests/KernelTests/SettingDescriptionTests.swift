import Kernel
import Testing

/// Settings a plugin did not describe are labelled from their keys, acronyms kept whole.
@Suite struct SettingDescriptionTests {
    @Test("a key reads as words: acronyms stay in capitals, other words in lower case after the first")
    func labelFromKey() {
        #expect(SettingDescription.label(forKey: "verificationBaseURL") == "Verification base URL")
        #expect(SettingDescription.label(forKey: "minimumGroupSize") == "Minimum group size")
        #expect(SettingDescription.label(forKey: "publicJoinLinks") == "Public join links")
        #expect(SettingDescription.label(forKey: "smtpURLTimeout") == "Smtp URL timeout")
        #expect(SettingDescription.label(forKey: "title") == "Title")
    }

    struct Described: PluginSettings {
        var limit = 3
        var url = ""
        static let defaults = Described()
        static let descriptions = ["limit": SettingDescription("Results at most", help: "From 1 to 9.")]
    }

    @Test("the plugin's description wins; a setting it left out gets the label made from its key")
    func pluginDescriptionFirst() {
        #expect(Described.description(of: "limit") == SettingDescription("Results at most", help: "From 1 to 9."))
        #expect(Described.description(of: "url") == SettingDescription("Url"))
        #expect(NoSettings.descriptions.isEmpty)
    }
}
