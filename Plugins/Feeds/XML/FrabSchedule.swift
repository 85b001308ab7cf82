import Crypto
import Foundation
import Kernel

/// Renders a feed as a frab/Pentabarf `schedule.xml` for conference apps (Giggity, ConfClerk).
///
/// The schedule has one time zone (the series', or the organization's for wider feeds): every session is shown
/// in it and grouped into days by its local date there. A frab event lasts at most 99:59: offline exercises (a
/// week) and any live session longer than that are left out rather than shown with a wrong end; the iCalendar,
/// xCal, RSS and Atom feeds have them. Cancelled sessions stay, titled as cancelled.
enum FrabSchedule {
    static func render(_ content: FeedContent, options: FeedOptions) -> String {
        let offsets = ZoneOffsets(
            from: content.earliestInstant, until: content.latestInstant.addingTimeInterval(2 * 86_400))
        let zone = offsets.zone(content.timeZone)
        let events = content.items.filter(fits)
        let days = Dictionary(grouping: events) { localDay($0.session.startsAt, zone, offsets) }
        let dates = days.keys.sorted()
        let fallback = localDay(content.lastModified, zone, offsets)
        var xml = XMLWriter(capacity: 4096 + 700 * events.count)
        xml.start("schedule")
        xml.start("generator")
        xml.attribute("name", "indaba")
        xml.attribute("version", FeedsPlugin.version.description)
        xml.end()
        xml.element("url", options.feedURL)
        xml.element("version", "indaba-" + SyndicationFeeds.rfc3339(content.lastModified))
        xml.start("conference")
        xml.element("title", options.title(for: content))
        xml.element("acronym", options.acronym)
        xml.element("start", dates.first ?? fallback)
        xml.element("end", dates.last ?? fallback)
        xml.element("days", String(max(dates.count, 1)))
        xml.element("time_zone_name", zone.identifier)
        xml.element("base_url", options.baseURL + "/")
        for title in Set(events.map(\.series.title)).sorted() {
            xml.start("track")
            xml.attribute("name", title)
            xml.end()
        }
        xml.end()
        for (index, date) in (dates.isEmpty ? [fallback] : dates).enumerated() {
            day(
                index: index + 1, date: date, events: days[date] ?? [], zone: zone, offsets: offsets, options: options,
                into: &xml)
        }
        xml.end()
        return xml.finish()
    }

    private static func day(
        index: Int, date: String, events: [FeedContent.Item], zone: TimeZone, offsets: ZoneOffsets,
        options: FeedOptions, into xml: inout XMLWriter
    ) {
        let start = startOfDay(date, zone)
        let end = startOfDay(localDay(start.addingTimeInterval(36 * 3600), zone, offsets), zone)
        xml.start("day")
        xml.attribute("index", String(index))
        xml.attribute("date", date)
        xml.attribute("start", dateTime(start, zone, offsets))
        xml.attribute("end", dateTime(end, zone, offsets))
        xml.start("room")
        xml.attribute("name", options.roomName)
        for item in events.sorted(by: { ($0.session.startsAt, $0.session.id!) < ($1.session.startsAt, $1.session.id!) })
        {
            event(item, zone: zone, offsets: offsets, options: options, into: &xml)
        }
        xml.end()
        xml.end()
    }

    private static func event(
        _ item: FeedContent.Item, zone: TimeZone, offsets: ZoneOffsets, options: FeedOptions, into xml: inout XMLWriter
    ) {
        let session = item.session
        let local = dateTime(session.startsAt, zone, offsets)
        let minutes = session.plannedMinutes
        xml.start("event")
        xml.attribute("id", String(session.id!.rawValue))
        xml.attribute("guid", guid(options.uid(for: session)))
        xml.element("room", options.roomName)
        xml.element("title", options.summary(for: item))
        xml.element("subtitle", item.series.title)
        xml.element("type", options.categoryName(session.kind))
        xml.element("date", local)
        xml.element("start", String(local.dropFirst(11).prefix(5)))
        xml.element("duration", twoDigits(minutes / 60) + ":" + twoDigits(minutes % 60))
        xml.element("abstract", options.description(for: item))
        xml.element("slug", "indaba-session-\(session.id!.rawValue)")
        xml.element("track", item.series.title)
        if options.settings.showFacilitators, !item.facilitators.isEmpty {
            xml.start("persons")
            for name in item.facilitators { xml.element("person", name) }
            xml.end()
        }
        xml.element("language", options.languageTag)
        if let link = options.joinLink(for: item) { xml.element("url", link) }
        xml.end()
    }

    /// The longest duration frab's `HH:MM` can say.
    static let longestMinutes = 99 * 60 + 59

    /// Whether a session can be a frab event: a live (or feedback) session of at most 99:59.
    static func fits(_ item: FeedContent.Item) -> Bool {
        item.session.kind.isLive && item.session.plannedMinutes <= longestMinutes
    }

    /// A name-based UUID (version 5 layout) of the session's UID: stable across renders and servers.
    static func guid(_ name: String) -> String {
        var bytes = Array(Insecure.SHA1.hash(data: Data(name.utf8)).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = Digest.hex(bytes)
        let parts = [
            hex.prefix(8), hex.dropFirst(8).prefix(4), hex.dropFirst(12).prefix(4), hex.dropFirst(16).prefix(4),
            hex.dropFirst(20),
        ]
        return parts.joined(separator: "-")
    }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// `2023-06-21`, the local date of an instant.
    private static func localDay(_ date: Date, _ zone: TimeZone, _ offsets: ZoneOffsets) -> String {
        ICalendarDate.day(date, offset: offsets.offset(zone.identifier, at: date), extended: true)
    }

    /// `2023-06-21T14:00:00+02:00`.
    private static func dateTime(_ date: Date, _ zone: TimeZone, _ offsets: ZoneOffsets) -> String {
        let offset = offsets.offset(zone.identifier, at: date)
        return ICalendarDate.local(date, offset: offset, extended: true) + TimeZoneRules.offsetText(offset, colon: true)
    }

    /// Local midnight of `day` in `zone` (the first instant of the day, even where midnight is skipped).
    private static func startOfDay(_ day: String, _ zone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = day.split(separator: "-").compactMap { Int($0) }
        let noon = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: 12))!
        return calendar.startOfDay(for: noon)
    }
}
