/// How people heard of a series (an enrolment's `channel`): the codes Indaba offers itself and the words it gives
/// them, shared by the enrolment forms and the plugins that let an organization choose its own.
public enum RecruitmentChannel {
    /// Stored when someone does not say how they heard of the series.
    public static let unsaid = "not-said"

    /// The channels offered when no enabled plugin has its own list.
    public static let defaults = ["newsletter", "partner-org", "social-media", "word-of-mouth", "website"]

    /// What Indaba calls one of its own channels in `t`'s language; nil for a channel an organization made up.
    public static func builtInLabel(of channel: String, _ t: Localizer) -> String? {
        switch channel {
        case "newsletter": t("Newsletter")
        case "partner-org": t("A partner organization")
        case "social-media": t("Social media")
        case "word-of-mouth": t("Word of mouth")
        case "website": t("Our website")
        case unsaid: t("Not said")
        default: nil
        }
    }

    /// A channel's code as words, for one without a label: `radio-ad` → "Radio ad".
    public static func words(fromCode channel: String) -> String {
        let words = channel.replacing("-", with: " ").replacing("_", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }
}
