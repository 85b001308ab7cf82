public import Kernel

/// An organization's settings for its feeds.
public struct FeedsSettings: PluginSettings {
    /// The calendar's name; empty means the organization's (or the series') own name.
    public var title: String
    /// An RFC 7986 / CSS3 colour name for calendar apps, such as `teal`; empty for none.
    public var color: String
    /// How often calendar apps should poll, in minutes (REFRESH-INTERVAL, Cache-Control max-age).
    public var refreshMinutes: Int
    /// Whether facilitators' names appear in event descriptions.
    public var showFacilitators: Bool
    /// Whether public feeds carry join links (CONFERENCE); off by default, as the public API hides them too.
    public var publicJoinLinks: Bool

    public static let defaults = FeedsSettings(
        title: "", color: "", refreshMinutes: 60, showFacilitators: true, publicJoinLinks: false)

    public init(title: String, color: String, refreshMinutes: Int, showFacilitators: Bool, publicJoinLinks: Bool) {
        self.title = title
        self.color = color
        self.refreshMinutes = refreshMinutes
        self.showFacilitators = showFacilitators
        self.publicJoinLinks = publicJoinLinks
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        title = try container.decode(String.self, forKey: .title)
        color = try container.decode(String.self, forKey: .color)
        refreshMinutes = try container.decode(Int.self, forKey: .refreshMinutes)
        showFacilitators = try container.decode(Bool.self, forKey: .showFacilitators)
        publicJoinLinks = try container.decode(Bool.self, forKey: .publicJoinLinks)
        guard (5...10_080).contains(refreshMinutes) else {
            throw DecodingError.dataCorruptedError(
                forKey: .refreshMinutes, in: container, debugDescription: "must be from 5 minutes to one week (10080)")
        }
        guard color.isEmpty || color.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            throw DecodingError.dataCorruptedError(
                forKey: .color, in: container, debugDescription: "must be a CSS colour name such as teal, or empty")
        }
    }

    private enum CodingKeys: String, CodingKey {
        case title, color, refreshMinutes, showFacilitators, publicJoinLinks
    }
}
