public import Kernel

/// An organization's settings for attendance import and retention reports.
public struct RetentionSettings: PluginSettings {
    /// Share of a session's planned length someone must attend to count as present, in percent.
    public var attendedPercent: Int
    /// The smallest group shown in a breakdown by gender or channel ("k"); smaller groups are suppressed.
    public var minimumGroupSize: Int
    /// The recruitment channels the organization uses, in the order reports list them.
    public var channels: [String]
    /// The channel of people who attended without enrolling; empty sends them to the review queue instead.
    public var walkInChannel: String
    /// The organization's own reading of self-descriptions: a normalised self-description (see the gender groups
    /// page) to `women`, `men`, `anotherGender` or `notStated`, before the built-in words. Changes are audited
    /// like every setting; people's own words never change.
    public var genderGroups: [String: String]
    /// How pages and reports name a channel (`partner-org` → "A partner organization"); a channel without a label
    /// is named from its code (see ``label(ofChannel:)``).
    public var channelLabels: [String: String]

    public static let defaults = RetentionSettings(
        attendedPercent: 50, minimumGroupSize: 5,
        channels: ["newsletter", "partner-org", "social-media", "word-of-mouth", "whatsapp", "website"],
        walkInChannel: "walk-in",
        channelLabels: [
            "newsletter": "Newsletter", "partner-org": "A partner organization", "social-media": "Social media",
            "word-of-mouth": "Word of mouth", "whatsapp": "WhatsApp", "website": "Our website",
            "walk-in": "Came without enrolling",
        ])

    public init(
        attendedPercent: Int, minimumGroupSize: Int, channels: [String], walkInChannel: String,
        genderGroups: [String: String] = [:], channelLabels: [String: String] = [:]
    ) {
        self.attendedPercent = attendedPercent
        self.minimumGroupSize = minimumGroupSize
        self.channels = channels
        self.walkInChannel = walkInChannel
        self.genderGroups = genderGroups
        self.channelLabels = channelLabels
    }

    /// What pages and reports call `channel`: its label, or its code as words (`radio-ad` → "Radio ad").
    public func label(ofChannel channel: String) -> String {
        if let label = channelLabels[channel], !label.isEmpty { return label }
        return RecruitmentChannel.words(fromCode: channel)
    }

    /// What pages call `channel` in `t`'s language: a label kept from the defaults (or "Not said") is translated, an
    /// organization's own words stay as written.
    func label(ofChannel channel: String, in t: Localizer) -> String {
        Self.label(ofChannel: channel, labelled: label(ofChannel: channel), in: t)
    }

    /// `label` of `channel` in `t`'s language when it is the default English label, else `label` itself.
    static func label(ofChannel channel: String, labelled label: String, in t: Localizer) -> String {
        guard defaultLabel(ofChannel: channel, .english) == label else { return label }
        return defaultLabel(ofChannel: channel, t) ?? label
    }

    /// The default label of `channel` in `t`'s language (Indaba's own words, and the walk-in channel's), or nil for
    /// a channel of the organization's own.
    static func defaultLabel(ofChannel channel: String, _ t: Localizer) -> String? {
        channel == "walk-in" ? t("Came without enrolling") : RecruitmentChannel.builtInLabel(of: channel, t)
    }

    /// ``genderGroups`` as groups, keyed by the normalised self-description.
    var genderMapping: [String: GenderGroup] {
        genderGroups.reduce(into: [:]) { mapping, entry in
            if let group = GenderGroup(rawValue: entry.value) { mapping[GenderGroup.normalize(entry.key)] = group }
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        attendedPercent = try container.decode(Int.self, forKey: .attendedPercent)
        minimumGroupSize = try container.decode(Int.self, forKey: .minimumGroupSize)
        channels = try container.decode([String].self, forKey: .channels)
        walkInChannel = try container.decode(String.self, forKey: .walkInChannel)
        genderGroups = try container.decodeIfPresent([String: String].self, forKey: .genderGroups) ?? [:]
        channelLabels = try container.decodeIfPresent([String: String].self, forKey: .channelLabels) ?? [:]
        guard (1...100).contains(attendedPercent) else {
            throw SettingRefusal("must be a percentage from 1 to 100", forKey: .attendedPercent, in: container)
        }
        guard (2...100).contains(minimumGroupSize) else {
            throw SettingRefusal(
                "must be from 2 to 100 people (5 or more is advised)", forKey: .minimumGroupSize, in: container)
        }
        if let bad = channels.first(where: { FieldRules.textProblem($0, limit: 64) != nil }) {
            throw SettingRefusal(
                "channel '{channel}' {problem}", ["channel": bad], problem: FieldRules.textProblem(bad, limit: 64),
                forKey: .channels, in: container)
        }
        if !walkInChannel.isEmpty, let problem = FieldRules.textProblem(walkInChannel, limit: 64) {
            throw SettingRefusal(field: problem, forKey: .walkInChannel, in: container)
        }
        if let bad = channelLabels.first(where: { FieldRules.textProblem($0.value, limit: 100) != nil }) {
            throw SettingRefusal(
                "the label of channel '{channel}' {problem}", ["channel": bad.key],
                problem: FieldRules.textProblem(bad.value, limit: 100), forKey: .channelLabels, in: container)
        }
        if genderGroups.values.contains(where: { GenderGroup(rawValue: $0) == nil }) {
            throw SettingRefusal(
                "each self-description must map to women, men, anotherGender or notStated", forKey: .genderGroups,
                in: container)
        }
        if genderGroups.keys.contains(where: { $0.count > 100 }) {
            throw SettingRefusal("a self-description has at most 100 characters", forKey: .genderGroups, in: container)
        }
    }

    private enum CodingKeys: String, CodingKey {
        case attendedPercent, minimumGroupSize, channels, walkInChannel, genderGroups, channelLabels
    }
}
