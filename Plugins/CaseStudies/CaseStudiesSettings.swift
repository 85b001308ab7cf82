public import Kernel

/// An organization's settings for its case-study library.
public struct CaseStudiesSettings: PluginSettings {
    /// How many results a search returns at most (the API's `limit` may ask for fewer).
    public var searchLimit: Int
    /// How many words a search snippet shows around the matches.
    public var snippetWords: Int

    public static let defaults = CaseStudiesSettings(searchLimit: 20, snippetWords: 16)

    public init(searchLimit: Int, snippetWords: Int) {
        self.searchLimit = searchLimit
        self.snippetWords = snippetWords
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        searchLimit = try container.decode(Int.self, forKey: .searchLimit)
        snippetWords = try container.decode(Int.self, forKey: .snippetWords)
        guard (1...200).contains(searchLimit) else {
            throw SettingRefusal("must be from 1 to 200", forKey: .searchLimit, in: container)
        }
        guard (4...64).contains(snippetWords) else {
            throw SettingRefusal("must be from 4 to 64", forKey: .snippetWords, in: container)
        }
    }

    private enum CodingKeys: String, CodingKey {
        case searchLimit, snippetWords
    }
}
