import Foundation
import Kernel

/// Renders a feed as iCalendar (RFC 5545 with the RFC 7986 additions calendar apps read).
///
/// Nothing in the output depends on the clock: DTSTAMP and LAST-MODIFIED are the session's last change, so the
/// same data always gives the same bytes (and the same ETag).
enum ICalendarFeed {
    static func render(_ content: FeedContent, options: FeedOptions) -> String {
        var lines = ContentLines()
        lines.raw("BEGIN", "VCALENDAR")
        lines.raw("VERSION", "2.0")
        lines.text("PRODID", "-//Indaba//Feeds \(FeedsPlugin.version)//EN")
        lines.raw("CALSCALE", "GREGORIAN")
        // No METHOD: a subscription is not an iTIP message, and METHOD:PUBLISH would demand an ORGANIZER
        // (RFC 5546), which a network's public calendar does not have.
        let name = options.title(for: content)
        lines.line("NAME", name)
        lines.line("X-WR-CALNAME", name)
        if !content.summary.isEmpty {
            lines.text("DESCRIPTION", content.summary)
            lines.text("X-WR-CALDESC", content.summary)
        }
        // Google Calendar and Outlook show a subscribed calendar in this zone (every time below is exact anyway).
        lines.raw("X-WR-TIMEZONE", options.zoneName(content.timeZone))
        lines.raw("URL", ICalendarValue.uri(options.feedURL))
        lines.raw("SOURCE", ICalendarValue.uri(options.feedURL), parameters: [("VALUE", "URI")])
        lines.raw("REFRESH-INTERVAL", "PT\(options.settings.refreshMinutes)M", parameters: [("VALUE", "DURATION")])
        lines.raw("X-PUBLISHED-TTL", "PT\(options.settings.refreshMinutes)M")
        if !options.settings.color.isEmpty { lines.raw("COLOR", options.settings.color.lowercased()) }
        writeTimeZones(of: content, into: &lines)
        let offsets = ZoneOffsets(from: content.earliestInstant, until: content.latestInstant)
        for item in content.items { event(item, options: options, offsets: offsets, into: &lines) }
        lines.raw("END", "VCALENDAR")
        return lines.text
    }

    private static func writeTimeZones(of content: FeedContent, into lines: inout ContentLines) {
        for rules in TimeZoneRules.covering(content) { rules.write(into: &lines) }
    }

    private static func event(
        _ item: FeedContent.Item, options: FeedOptions, offsets: ZoneOffsets, into lines: inout ContentLines
    ) {
        let session = item.session
        lines.raw("BEGIN", "VEVENT")
        lines.text("UID", options.uid(for: session))
        // The event's last change: its own, or its series' (a title or a cancellation there changes the event).
        let changed = ICalendarDate.utc(item.lastChange.wholeSeconds)
        lines.raw("DTSTAMP", changed)
        lines.raw("CREATED", ICalendarDate.utc(session.createdAt.wholeSeconds))
        lines.raw("LAST-MODIFIED", changed)
        lines.raw("SEQUENCE", String(session.revision))
        let zone = offsets.zone(session.timeZone)
        if session.kind.isLive {
            // Local time with TZID, unless a clock change makes either end ambiguous: then both ends in UTC, which
            // every engine reads as the same instant (RFC 5545 §3.3.5 would read the local time as its first
            // occurrence, and engines disagree with it and among themselves).
            if offsets.isAmbiguous(session.timeZone, at: session.startsAt)
                || offsets.isAmbiguous(session.timeZone, at: session.endsAt)
            {
                lines.raw("DTSTART", ICalendarDate.utc(session.startsAt))
                lines.raw("DTEND", ICalendarDate.utc(session.endsAt))
            } else {
                let tzid = [("TZID", zone.identifier)]
                lines.raw(
                    "DTSTART",
                    ICalendarDate.local(
                        session.startsAt, offset: offsets.offset(session.timeZone, at: session.startsAt)),
                    parameters: tzid)
                lines.raw(
                    "DTEND",
                    ICalendarDate.local(session.endsAt, offset: offsets.offset(session.timeZone, at: session.endsAt)),
                    parameters: tzid)
            }
            lines.raw("TRANSP", item.isCancelled ? "TRANSPARENT" : "OPAQUE")
        } else {
            // The offline exercise spans whole days: from its first local day to the day after its last (exclusive).
            let (first, afterLast) = options.allDaySpan(of: session, offsets: offsets, extended: false)
            lines.raw("DTSTART", first, parameters: [("VALUE", "DATE")])
            lines.raw("DTEND", afterLast, parameters: [("VALUE", "DATE")])
            lines.raw("TRANSP", "TRANSPARENT")
        }
        lines.line("SUMMARY", options.summary(for: item))
        lines.text("DESCRIPTION", options.description(for: item))
        lines.text("CATEGORIES", options.categoryName(session.kind))
        lines.raw("STATUS", item.isCancelled ? "CANCELLED" : "CONFIRMED")
        if let link = options.joinLink(for: item) {
            lines.raw(
                "CONFERENCE", ICalendarValue.uri(link),
                parameters: [
                    ("VALUE", "URI"), ("FEATURE", "AUDIO"), ("FEATURE", "VIDEO"), ("LABEL", options.joinLabel),
                ])
            // Google Calendar and Outlook ignore CONFERENCE (RFC 7986): they show LOCATION and URL, and the link
            // is in DESCRIPTION too (see FeedOptions.description(for:)).
            lines.text("LOCATION", link)
            lines.raw("URL", ICalendarValue.uri(link), parameters: [("VALUE", "URI")])
        }
        lines.raw("END", "VEVENT")
    }
}

/// Property values that are not TEXT.
enum ICalendarValue {
    /// A URI value: kept as is, minus characters a content line may not carry.
    static func uri(_ value: String) -> String {
        String(value.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F })
    }
}
