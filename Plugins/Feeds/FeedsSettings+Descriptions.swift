public import Kernel

extension FeedsSettings {
    /// Labels and help for the settings form.
    public static let descriptions: [String: SettingDescription] = [
        "title": SettingDescription(
            "Calendar name", help: "Leave it empty to use the organization's (or the series') own name."),
        "color": SettingDescription(
            "Calendar colour", help: "A CSS colour name such as teal, for calendar apps; leave it empty for none."),
        "refreshMinutes": SettingDescription(
            "Refresh every (minutes)", help: "How often calendar apps should check the feed for changes."),
        "showFacilitators": SettingDescription(
            "Show facilitators' names", help: "In the description of each event."),
        "publicJoinLinks": SettingDescription(
            "Join links in public feeds",
            help: "Off by default: anyone can read a public feed, so it would share the link with everyone."),
    ]
}
