public import Kernel

extension MessagesSettings {
    /// Labels and help for the settings form.
    public static let descriptions: [String: SettingDescription] = [
        "senderAddress": SettingDescription(
            "Sender address",
            help: "The address messages and invitations come from; leave it empty for indaba@ this server's host."),
        "senderName": SettingDescription("Sender name", help: "Leave it empty to use the organization's name."),
        "reminderHours": SettingDescription(
            "Reminders before a live session (hours)",
            help: "Each number is a reminder that many hours before every live session, such as [24, 1]."),
        "exerciseReminderHours": SettingDescription(
            "Reminder before an exercise's deadline (hours)",
            help: "For those who have not handed in yet; 0 for no reminder."),
        "followUpSeries": SettingDescription(
            "Series that send “we missed you”",
            help: "Series (org/programme/series, or ids) whose participants get a message after a live session "
                + "they were recorded absent from; never after an excused absence."),
    ]
}
