import Foundation
import Kernel

/// Renders a feed for feed readers: RSS 2.0 and Atom (RFC 4287), one entry per session.
///
/// An entry changes (and so shows as updated in a reader) whenever its session does; its link is the calendar
/// feed, as sessions have no web page of their own yet.
enum SyndicationFeeds {
    static func rss(_ content: FeedContent, options: FeedOptions) -> String {
        var xml = XMLWriter(capacity: 4096 + 600 * content.items.count)
        xml.start("rss")
        xml.attribute("version", "2.0")
        xml.attribute("xmlns:atom", "http://www.w3.org/2005/Atom")
        xml.start("channel")
        // Titles and descriptions are HTML to feed readers: the text goes in escaped for HTML (see HTMLText).
        let calendarURL = options.calendarURL
        xml.element("title", HTMLText.title(options.title(for: content)))
        xml.element("link", calendarURL)
        xml.element(
            "description",
            HTMLText.escape(
                content.summary.isEmpty
                    ? options.t("Sessions of {calendar}", ["calendar": options.title(for: content)]) : content.summary))
        xml.element("language", options.languageTag)
        xml.start(prefix: "atom", "link")
        xml.attribute("href", options.feedURL)
        xml.attribute("rel", "self")
        xml.attribute("type", "application/rss+xml")
        xml.end()
        xml.element("lastBuildDate", rfc822(content.lastModified))
        xml.element("ttl", String(options.settings.refreshMinutes))
        let offsets = ZoneOffsets(from: content.earliestInstant, until: content.latestInstant)
        for item in content.items {
            xml.start("item")
            xml.element("title", HTMLText.title(options.summary(for: item)))
            xml.element("link", calendarURL)
            xml.element(
                "description",
                HTMLText.escape(options.when(item, offsets: offsets) + "\n" + options.description(for: item)))
            xml.element("category", options.categoryName(item.session.kind))
            xml.start("guid")
            xml.attribute("isPermaLink", "false")
            xml.text(options.uid(for: item.session))
            xml.end()
            xml.element("pubDate", rfc822(item.lastChange))
            xml.end()
        }
        xml.end()
        xml.end()
        return xml.finish()
    }

    static func atom(_ content: FeedContent, options: FeedOptions) -> String {
        var xml = XMLWriter(capacity: 4096 + 600 * content.items.count)
        xml.start("feed", namespace: "http://www.w3.org/2005/Atom")
        xml.attribute("xml:lang", options.languageTag)
        xml.element("id", options.tag("feed:" + options.feedPath))
        xml.element("title", options.title(for: content))
        if !content.summary.isEmpty { xml.element("subtitle", content.summary) }
        xml.element("updated", rfc3339(content.lastModified))
        let calendarURL = options.calendarURL
        link(&xml, rel: "self", type: "application/atom+xml", href: options.feedURL)
        link(&xml, rel: "alternate", type: "text/calendar", href: calendarURL)
        xml.start("author")
        xml.element("name", content.publisher)
        xml.end()
        xml.element("generator", "Indaba")
        let offsets = ZoneOffsets(from: content.earliestInstant, until: content.latestInstant)
        for item in content.items {
            xml.start("entry")
            xml.element("id", options.tag("session-\(item.session.id!.rawValue)"))
            xml.element("title", options.summary(for: item))
            xml.element("updated", rfc3339(item.lastChange))
            xml.element("published", rfc3339(item.session.createdAt))
            link(&xml, rel: "alternate", type: "text/calendar", href: calendarURL)
            xml.start("category")
            xml.attribute("term", item.session.kind.rawValue)
            xml.attribute("label", options.categoryName(item.session.kind))
            xml.end()
            xml.start("summary")
            xml.attribute("type", "text")
            xml.text(options.when(item, offsets: offsets) + "\n" + options.description(for: item))
            xml.end()
            xml.end()
        }
        xml.end()
        return xml.finish()
    }

    private static func link(_ xml: inout XMLWriter, rel: String, type: String, href: String) {
        xml.start("link")
        xml.attribute("rel", rel)
        xml.attribute("type", type)
        xml.attribute("href", href)
        xml.end()
    }

    /// `Fri, 20 Nov 2026 08:30:00 +0000` (RFC 822 with a four-digit year, as RSS wants).
    static func rfc822(_ date: Date) -> String {
        ICalendarDate.format(date, "EEE, DD NNN YYYY hh:mm:ss +0000")
    }

    /// `2026-11-20T08:30:00Z`.
    static func rfc3339(_ date: Date) -> String {
        ICalendarDate.utc(date.wholeSeconds, extended: true)
    }
}
