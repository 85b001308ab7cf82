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
            throw SettingRefusal("must be from 5 minutes to one week (10080)", forKey: .refreshMinutes, in: container)
        }
        guard color.isEmpty || Self.cssColourNames.contains(color.lowercased()) else {
            throw SettingRefusal(
                "must be one of the 147 CSS colour names (RFC 7986), such as teal or darkorange, or empty",
                forKey: .color, in: container)
        }
    }

    private enum CodingKeys: String, CodingKey {
        case title, color, refreshMinutes, showFacilitators, publicJoinLinks
    }

    /// The CSS3 colour names RFC 7986 COLOR takes (CSS Color Module Level 3, §4.3).
    static let cssColourNames: Set<String> = [
        "aliceblue", "antiquewhite", "aqua", "aquamarine", "azure", "beige", "bisque", "black", "blanchedalmond",
        "blue", "blueviolet", "brown", "burlywood", "cadetblue", "chartreuse", "chocolate", "coral", "cornflowerblue",
        "cornsilk", "crimson", "cyan", "darkblue", "darkcyan", "darkgoldenrod", "darkgray", "darkgreen", "darkgrey",
        "darkkhaki", "darkmagenta", "darkolivegreen", "darkorange", "darkorchid", "darkred", "darksalmon",
        "darkseagreen", "darkslateblue", "darkslategray", "darkslategrey", "darkturquoise", "darkviolet", "deeppink",
        "deepskyblue", "dimgray", "dimgrey", "dodgerblue", "firebrick", "floralwhite", "forestgreen", "fuchsia",
        "gainsboro", "ghostwhite", "gold", "goldenrod", "gray", "green", "greenyellow", "grey", "honeydew", "hotpink",
        "indianred", "indigo", "ivory", "khaki", "lavender", "lavenderblush", "lawngreen", "lemonchiffon", "lightblue",
        "lightcoral", "lightcyan", "lightgoldenrodyellow", "lightgray", "lightgreen", "lightgrey", "lightpink",
        "lightsalmon", "lightseagreen", "lightskyblue", "lightslategray", "lightslategrey", "lightsteelblue",
        "lightyellow", "lime", "limegreen", "linen", "magenta", "maroon", "mediumaquamarine", "mediumblue",
        "mediumorchid", "mediumpurple", "mediumseagreen", "mediumslateblue", "mediumspringgreen", "mediumturquoise",
        "mediumvioletred", "midnightblue", "mintcream", "mistyrose", "moccasin", "navajowhite", "navy", "oldlace",
        "olive", "olivedrab", "orange", "orangered", "orchid", "palegoldenrod", "palegreen", "paleturquoise",
        "palevioletred", "papayawhip", "peachpuff", "peru", "pink", "plum", "powderblue", "purple", "red",
        "rosybrown", "royalblue", "saddlebrown", "salmon", "sandybrown", "seagreen", "seashell", "sienna", "silver",
        "skyblue", "slateblue", "slategray", "slategrey", "snow", "springgreen", "steelblue", "tan", "teal", "thistle",
        "tomato", "turquoise", "violet", "wheat", "white", "whitesmoke", "yellow", "yellowgreen",
    ]
}
