public import Kernel

/// An organization's settings for the messages it sends.
public struct MessagesSettings: PluginSettings {
    /// The sender's address (and the ORGANIZER of invitations); empty means `indaba@` the server's host.
    public var senderAddress: String
    /// The sender's name; empty means the organization's name.
    public var senderName: String
    /// Hours before each live session that participants are reminded (each at most once).
    public var reminderHours: [Int]
    /// Hours before an offline exercise's deadline that those who have not handed in are reminded; 0 for never.
    public var exerciseReminderHours: Int
    /// Series (`org/programme/series` references or ids) whose participants get a "we missed you" message after a
    /// live session they were recorded absent from (never after an excused absence).
    public var followUpSeries: [String]

    public static let defaults = MessagesSettings(
        senderAddress: "", senderName: "", reminderHours: [24, 1], exerciseReminderHours: 24, followUpSeries: [])

    public init(
        senderAddress: String, senderName: String, reminderHours: [Int], exerciseReminderHours: Int,
        followUpSeries: [String]
    ) {
        self.senderAddress = senderAddress
        self.senderName = senderName
        self.reminderHours = reminderHours
        self.exerciseReminderHours = exerciseReminderHours
        self.followUpSeries = followUpSeries
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        senderAddress = try container.decode(String.self, forKey: .senderAddress)
        senderName = try container.decode(String.self, forKey: .senderName)
        reminderHours = try container.decode([Int].self, forKey: .reminderHours)
        exerciseReminderHours = try container.decode(Int.self, forKey: .exerciseReminderHours)
        followUpSeries = try container.decode([String].self, forKey: .followUpSeries)
        if !senderAddress.isEmpty, FieldRules.emailProblem(senderAddress) != nil {
            throw SettingRefusal("must be an e-mail address, or empty", forKey: .senderAddress, in: container)
        }
        guard reminderHours.count <= 5, reminderHours.allSatisfy({ (1...336).contains($0) }) else {
            throw SettingRefusal(
                "must list at most 5 numbers of hours, each from 1 to 336 (two weeks)", forKey: .reminderHours,
                in: container)
        }
        guard (0...336).contains(exerciseReminderHours) else {
            throw SettingRefusal("must be from 0 to 336 hours", forKey: .exerciseReminderHours, in: container)
        }
    }

    private enum CodingKeys: String, CodingKey {
        case senderAddress, senderName, reminderHours, exerciseReminderHours, followUpSeries
    }

    /// The sender for `organization`, `indaba@` the server's host when no address is set.
    func sender(organization: Organization, baseURL: String) -> MailAddress {
        let name = senderName.isEmpty ? organization.name : senderName
        return senderAddress.isEmpty ? .indaba(at: baseURL, name: name) : MailAddress(senderAddress, name: name)
    }
}
