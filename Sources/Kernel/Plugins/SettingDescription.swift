/// How a plugin setting is presented to the people who change it: a label, help, and the kind of field.
///
/// Plugins describe their settings in ``PluginSettings/descriptions``; a setting without a description gets
/// ``automatic(key:)``: a label made from its key and a field decided from its default value.
public struct SettingDescription: Sendable, Equatable {
    /// The kind of field a setting is edited in.
    public enum Kind: Sendable, Equatable {
        /// Decided from the default value: text, a number, a checkbox, a list one item per line, or JSON.
        case automatic
        /// One of fixed values, each with its label, chosen from a list (text settings).
        case choice([Choice])
    }

    /// One value of a ``Kind/choice(_:)`` and the label it is shown with.
    public struct Choice: Sendable, Equatable {
        public let value: String
        public let label: String

        public init(_ value: String, label: String) {
            self.value = value
            self.label = label
        }
    }

    /// What the field is called, in a few words ("Verification address").
    public let label: String
    /// A sentence or two on what the setting does and what it takes; `nil` for none.
    public let help: String?
    public let kind: Kind

    public init(_ label: String, help: String? = nil, kind: Kind = .automatic) {
        self.label = label
        self.help = help
        self.kind = kind
    }

    /// The description of a setting its plugin did not describe: a label made from the key.
    public static func automatic(key: String) -> SettingDescription {
        SettingDescription(label(forKey: key))
    }

    /// A key as words: `minimumGroupSize` → `Minimum group size`, `verificationBaseURL` → `Verification base URL`
    /// (a run of capitals is one word, an acronym).
    public static func label(forKey key: String) -> String {
        var words: [String] = []
        var current = ""
        let characters = Array(key)
        for (index, character) in characters.enumerated() {
            let previous = index > 0 ? characters[index - 1] : nil
            let next = index + 1 < characters.count ? characters[index + 1] : nil
            let startsWord =
                character.isUppercase
                && (previous.map { !$0.isUppercase } ?? false
                    || (previous?.isUppercase == true && next.map { $0.isLowercase } == true))
            if startsWord, !current.isEmpty {
                words.append(current)
                current = ""
            }
            current.append(character)
        }
        if !current.isEmpty { words.append(current) }
        let shown = words.enumerated().map { index, word in
            // Acronyms keep their capitals; other words are lower case after the first.
            word.count > 1 && word.allSatisfy(\.isUppercase) ? word : index == 0 ? word : word.lowercased()
        }
        let sentence = shown.joined(separator: " ")
        return sentence.prefix(1).uppercased() + sentence.dropFirst()
    }
}

extension PluginSettings {
    /// No descriptions: every setting is labelled from its key.
    public static var descriptions: [String: SettingDescription] { [:] }

    /// How the setting `key` is presented: the plugin's description, or one made from the key.
    public static func description(of key: String) -> SettingDescription {
        descriptions[key] ?? .automatic(key: key)
    }
}
