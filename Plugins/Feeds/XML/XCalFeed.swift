import Foundation
import Kernel

/// Renders a feed as xCal (RFC 6321): the iCalendar feed's content, property for property, in XML.
enum XCalFeed {
    static func render(_ content: FeedContent, options: FeedOptions) -> String {
        var xml = XMLWriter(capacity: 4096 + 1600 * content.items.count)
        xml.start("icalendar", namespace: "urn:ietf:params:xml:ns:icalendar-2.0")
        xml.start("vcalendar")
        xml.start("properties")
        property(&xml, "prodid", "text", "-//Indaba//Feeds \(FeedsPlugin.version)//EN")
        property(&xml, "version", "text", "2.0")
        property(&xml, "calscale", "text", "GREGORIAN")
        let name = options.title(for: content)
        property(&xml, "name", "text", name)
        if !content.summary.isEmpty { property(&xml, "description", "text", content.summary) }
        property(&xml, "url", "uri", options.feedURL)
        property(&xml, "refresh-interval", "duration", "PT\(options.settings.refreshMinutes)M")
        if !options.settings.color.isEmpty { property(&xml, "color", "text", options.settings.color.lowercased()) }
        property(&xml, "x-wr-calname", "unknown", name)
        if !content.summary.isEmpty { property(&xml, "x-wr-caldesc", "unknown", content.summary) }
        property(&xml, "x-wr-timezone", "unknown", options.zoneName(content.timeZone))
        xml.end()
        xml.start("components")
        for rules in TimeZoneRules.covering(content) { timeZone(rules, into: &xml) }
        let offsets = ZoneOffsets(from: content.earliestInstant, until: content.latestInstant)
        for item in content.items { event(item, options: options, offsets: offsets, into: &xml) }
        xml.end()
        xml.end()
        xml.end()
        return xml.finish()
    }

    private static func timeZone(_ rules: TimeZoneRules, into xml: inout XMLWriter) {
        xml.start("vtimezone")
        xml.start("properties")
        property(&xml, "tzid", "text", rules.zone.identifier)
        xml.end()
        xml.start("components")
        for observance in rules.observances {
            xml.start(observance.isDaylight ? "daylight" : "standard")
            xml.start("properties")
            property(
                &xml, "dtstart", "date-time",
                ICalendarDate.local(observance.onset, offset: observance.offsetFrom, extended: true))
            property(&xml, "tzoffsetfrom", "utc-offset", TimeZoneRules.offsetText(observance.offsetFrom, colon: true))
            property(&xml, "tzoffsetto", "utc-offset", TimeZoneRules.offsetText(observance.offsetTo, colon: true))
            xml.end()
            xml.end()
        }
        xml.end()
        xml.end()
    }

    private static func event(
        _ item: FeedContent.Item, options: FeedOptions, offsets: ZoneOffsets, into xml: inout XMLWriter
    ) {
        let session = item.session
        xml.start("vevent")
        xml.start("properties")
        property(&xml, "uid", "text", options.uid(for: session))
        property(&xml, "dtstamp", "date-time", ICalendarDate.utc(item.lastChange.wholeSeconds, extended: true))
        property(&xml, "created", "date-time", ICalendarDate.utc(session.createdAt.wholeSeconds, extended: true))
        property(&xml, "last-modified", "date-time", ICalendarDate.utc(item.lastChange.wholeSeconds, extended: true))
        property(&xml, "sequence", "integer", String(session.revision))
        let zone = offsets.zone(session.timeZone)
        if session.kind.isLive {
            // As in iCalendar: UTC when a clock change makes either end's local time ambiguous.
            let inUTC =
                offsets.isAmbiguous(session.timeZone, at: session.startsAt)
                || offsets.isAmbiguous(session.timeZone, at: session.endsAt)
            for (name, instant) in [("dtstart", session.startsAt), ("dtend", session.endsAt)] {
                if inUTC {
                    property(&xml, name, "date-time", ICalendarDate.utc(instant, extended: true))
                    continue
                }
                xml.start(name)
                xml.start("parameters")
                xml.start("tzid")
                xml.element("text", zone.identifier)
                xml.end()
                xml.end()
                xml.element(
                    "date-time",
                    ICalendarDate.local(instant, offset: offsets.offset(session.timeZone, at: instant), extended: true)
                )
                xml.end()
            }
            property(&xml, "transp", "text", item.isCancelled ? "TRANSPARENT" : "OPAQUE")
        } else {
            let (first, afterLast) = options.allDaySpan(of: session, offsets: offsets)
            property(&xml, "dtstart", "date", first)
            property(&xml, "dtend", "date", afterLast)
            property(&xml, "transp", "text", "TRANSPARENT")
        }
        property(&xml, "summary", "text", options.summary(for: item))
        property(&xml, "description", "text", options.description(for: item))
        property(&xml, "categories", "text", options.categoryName(session.kind))
        property(&xml, "status", "text", item.isCancelled ? "CANCELLED" : "CONFIRMED")
        if let link = options.joinLink(for: item) {
            xml.start("conference")
            xml.start("parameters")
            xml.start("feature")
            xml.element("text", "AUDIO")
            xml.element("text", "VIDEO")
            xml.end()
            xml.start("label")
            xml.element("text", options.joinLabel)
            xml.end()
            xml.end()
            xml.element("uri", link)
            xml.end()
            property(&xml, "location", "text", link)
            property(&xml, "url", "uri", link)
        }
        xml.end()
        xml.end()
    }

    /// `<name><type>value</type></name>`.
    private static func property(_ xml: inout XMLWriter, _ name: String, _ type: String, _ value: String) {
        xml.start(name)
        xml.element(type, value)
        xml.end()
    }
}
