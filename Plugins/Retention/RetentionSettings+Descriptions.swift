public import Kernel

extension RetentionSettings {
    /// Labels and help for the settings form.
    public static let descriptions: [String: SettingDescription] = [
        "attendedPercent": SettingDescription(
            "Attendance that counts as present (%)",
            help: "The share of a session's planned length someone must attend, from 1 to 100."),
        "minimumGroupSize": SettingDescription(
            "Smallest group shown",
            help: "Breakdowns by gender or channel hide smaller groups, so nobody can be singled out (5 or more "
                + "is advised)."),
        "channels": SettingDescription(
            "Recruitment channels",
            help: "How people hear about a series, as short codes in the order reports list them; enrolment forms "
                + "offer them to choose from."),
        "walkInChannel": SettingDescription(
            "Channel of walk-ins",
            help: "Recorded for people who attended without enrolling; leave it empty to send them to the review "
                + "queue instead."),
        "genderGroups": SettingDescription(
            "Gender groups", help: "Your reading of self-descriptions; easier to change on the Gender groups page."),
        "channelLabels": SettingDescription(
            "Channel labels",
            help: "How pages and reports name each channel, as {\"code\": \"label\"}; a channel without a label is "
                + "named from its code."),
    ]
}
