import Foundation
import Kernel

/// How one feed is rendered: its URL, the organization's settings, and what the audience may see.
struct FeedOptions: Sendable {
    /// The server's public URL.
    let baseURL: String
    /// The feed's folder under the base URL, such as `/public/orgs/1/feeds/series/3`.
    let feedPath: String
    let format: FeedFormat
    let settings: FeedsSettings
    let includeJoinLinks: Bool
    /// Whether the feed mixes several series (then each title names its series).
    let spansSeries: Bool
    /// The feed's own words ("Agenda:", "Join the session"): in the organization's language, as one public feed serves
    /// every subscriber and calendar apps say nothing of their reader's language when they poll; a personal calendar
    /// in its owner's, when they chose one.
    let t: Localizer
    /// The words every entry repeats, worded once a render.
    let words: FeedWords

    /// The language tag of the feed's words (`fr`), for the formats that carry one.
    var languageTag: String { t.language.code }

    /// This feed's own URL.
    var feedURL: String { Self.url(baseURL: baseURL, feedPath: feedPath, format: format) }

    /// The iCalendar feed of the same sessions: what readers' entries link to.
    var calendarURL: String { baseURL + feedPath + "/" + FeedFormat.iCalendar.fileName }

    /// The installation's identity, kept in the database: ids come from it, never from the base URL, so moving
    /// the server to another address changes no UID, guid or Atom id (RFC 4287 §4.2.6).
    let identity: InstallationIdentity

    /// A tag URI (RFC 4151) for Atom ids, in the installation's namespace.
    func tag(_ specific: String) -> String { identity.tag(specific) }

    /// A frab acronym (`[a-z0-9_-]{4,}`) naming the feed.
    var acronym: String {
        let words = feedPath.lowercased().split { !($0.isLetter && $0.isASCII || $0.isNumber) }
        return (["indaba"] + words.filter { $0 != "public" && $0 != "feeds" }).joined(separator: "-")
    }

    /// When a session takes place, in its planned zone, for people reading a feed.
    func when(_ item: FeedContent.Item, offsets: ZoneOffsets) -> String {
        let session = item.session
        let startOffset = offsets.offset(session.timeZone, at: session.startsAt)
        let endOffset = offsets.offset(session.timeZone, at: session.endsAt)
        // `2026-11-20 08:30`; the end without its day when it is the same day.
        let sameDay =
            ICalendarDate.day(session.startsAt, offset: startOffset)
            == ICalendarDate.day(session.endsAt, offset: endOffset)
        let from = ICalendarDate.format(session.startsAt, offset: startOffset, "YYYY-MM-DD hh:mm")
        let until = ICalendarDate.format(session.endsAt, offset: endOffset, sameDay ? "hh:mm" : "YYYY-MM-DD hh:mm")
        return words.span([
            "start": from + offsetNote(session.startsAt), "end": until + offsetNote(session.endsAt),
            "zone": session.timeZone,
        ])

        /// A time a clock change repeats names its offset, so a reader knows which of the two it is.
        func offsetNote(_ instant: Date) -> String {
            guard offsets.isAmbiguous(session.timeZone, at: instant) else { return "" }
            return " (UTC" + TimeZoneRules.offsetText(offsets.offset(session.timeZone, at: instant), colon: true) + ")"
        }
    }

    func title(for content: FeedContent) -> String {
        settings.title.isEmpty ? content.title : settings.title
    }

    func summary(for item: FeedContent.Item) -> String {
        let title = spansSeries ? "\(item.series.title): \(item.session.title)" : item.session.title
        return item.isCancelled ? words.cancelledTitle(["title": title]) : title
    }

    /// Series, agenda and facilitators, one fact a line.
    func description(for item: FeedContent.Item) -> String {
        var lines = [
            words.sessionOf([
                "series": item.series.title, "organization": item.organizationName,
                "position": String(item.session.position),
            ])
        ]
        if !item.session.agenda.isEmpty {
            lines.append(words.agenda(["agenda": t.semicolonList(item.session.agenda)]))
        }
        if settings.showFacilitators, !item.facilitators.isEmpty {
            lines.append(words.facilitators(["names": item.facilitators.joined(separator: ", ")]))
        }
        if item.isCancelled { lines.append(words.cancelled) }
        if let link = joinLink(for: item) { lines.append(words.joinLine(["link": link])) }
        return lines.joined(separator: "\n")
    }

    /// The one room of a frab schedule: every session is held online.
    var roomName: String { words.room }

    /// The label calendar apps show on a session's join link.
    var joinLabel: String { words.join }

    /// A stable, globally unique id of a session: the same in every format, every feed and at every address.
    func uid(for session: Session) -> String {
        SessionUID.of(session, identity: identity)
    }

    /// The join link a feed may show: only for live sessions still on, and only where the audience may see it.
    func joinLink(for item: FeedContent.Item) -> String? {
        guard includeJoinLinks, item.session.kind.isLive, !item.isCancelled else { return nil }
        return item.session.joinURL
    }

    /// A zone name as the tz database knows it (UTC for one it does not), for X-WR-TIMEZONE.
    func zoneName(_ identifier: String) -> String {
        TimeZone(identifier: identifier)?.identifier ?? "UTC"
    }

    func categoryName(_ kind: Session.Kind) -> String {
        switch kind {
        case .live: words.live
        case .offlineExercise: words.offlineExercise
        case .feedback: words.feedback
        }
    }

    /// The days an offline exercise spans, as DATE values: its first local day and the day after its last
    /// (exclusive, as iCalendar wants it). Extended form (`2023-06-22`) for XML.
    func allDaySpan(of session: Session, offsets: ZoneOffsets, extended: Bool = true) -> (String, String) {
        let zone = session.timeZone
        let first = ICalendarDate.day(
            session.startsAt, offset: offsets.offset(zone, at: session.startsAt), extended: extended)
        let lastInstant = session.endsAt.addingTimeInterval(-1)
        let afterLast = ICalendarDate.day(
            lastInstant.addingTimeInterval(86_400), offset: offsets.offset(zone, at: lastInstant), extended: extended)
        return (first, afterLast)
    }
}

extension FeedOptions {
    /// The options of a feed of `scope`: public feeds live in the scope's folder and show join links only when the
    /// organization allows it; a personal feed lives in its token's folder and always shows them.
    init(
        scope: FeedScope, organization: Organization, format: FeedFormat, settings: FeedsSettings, baseURL: String,
        identity: InstallationIdentity, personalFolder: String? = nil, language: Language
    ) {
        let t = FeedsPlugin.wording(in: language)
        self.init(
            baseURL: baseURL,
            feedPath: Self.feedPath(scope: scope, organization: organization, personalFolder: personalFolder),
            format: format, settings: settings, includeJoinLinks: personalFolder != nil || settings.publicJoinLinks,
            spansSeries: !scope.isSeries, t: t, words: FeedWords(t), identity: identity)
    }

    /// The URL of the feed these options would render, without building them (a cached feed is found by it).
    static func feedURL(
        baseURL: String, scope: FeedScope, organization: Organization, format: FeedFormat, personalFolder: String?
    ) -> String {
        url(
            baseURL: baseURL,
            feedPath: feedPath(scope: scope, organization: organization, personalFolder: personalFolder),
            format: format)
    }

    private static func url(baseURL: String, feedPath: String, format: FeedFormat) -> String {
        baseURL + feedPath + "/" + format.fileName
    }

    private static func feedPath(scope: FeedScope, organization: Organization, personalFolder: String?) -> String {
        personalFolder ?? FeedLinks.folder(of: scope, in: organization)
    }
}

/// The feed's fixed words in its language, and the messages every entry repeats, translated once a render.
struct FeedWords: Sendable {
    let live, offlineExercise, feedback, cancelled, room, join: String
    let span, cancelledTitle, sessionOf, agenda, facilitators, joinLine: PreparedMessage

    init(_ t: Localizer) {
        span = t.prepared("{start} to {end} ({zone})")
        cancelledTitle = t.prepared("Cancelled: {title}")
        sessionOf = t.prepared("{series} ({organization}), session {position}.")
        agenda = t.prepared("Agenda: {agenda}")
        facilitators = t.prepared("Facilitators: {names}")
        joinLine = t.prepared("Join: {link}")
        live = t("Live session")
        offlineExercise = t("Offline exercise")
        feedback = t("Feedback session")
        cancelled = t("This session is cancelled.")
        // Translators: the name of the only "room" in a conference app's schedule: sessions are held online.
        room = t("Online")
        // Translators: the label calendar apps show on the link that joins a session's online meeting.
        join = t("Join the session")
    }
}
