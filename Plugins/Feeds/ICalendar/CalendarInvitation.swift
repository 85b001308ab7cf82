public import Foundation
public import GRDB
public import Kernel

/// Calendar invitations sent by mail (iMIP, RFC 6047): each live session as a VEVENT of an iTIP `REQUEST` or
/// `CANCEL` (RFC 5546), with the same UID as in every feed, so a calendar that subscribed to a feed and accepted
/// an invitation holds one event, and an update or a cancellation finds it.
///
/// Times are written in UTC: an invitation has no VTIMEZONE to get wrong, and an instant in a repeated or skipped
/// local hour stays exact; calendar apps show it in the reader's own zone.
public enum CalendarInvitation {
    /// What the invitation asks of the attendee's calendar.
    public enum Method: String, Sendable {
        /// Add or update the events.
        case request = "REQUEST"
        /// Remove the events.
        case cancel = "CANCEL"
    }

    /// An iCalendar object for `sessions` of `series`, from `organizer` to `attendee`.
    /// - Parameters:
    ///   - joinLinks: Whether the attendee may see the sessions' join links.
    ///   - identity: The installation's identity (``identity(baseURL:in:)``), which UIDs take, as the feeds' do.
    ///   - language: The attendee's language, which the event's words (summary, description, the join label)
    ///     are written in.
    public static func object(
        method: Method, sessions: [Session], series: WebinarSeries, organizer: MailAddress, attendee: MailAddress,
        joinLinks: Bool, identity: InstallationIdentity, now: Date, language: Language = .english
    ) -> String {
        let t = FeedsPlugin.wording(in: language)
        var lines = ContentLines()
        lines.raw("BEGIN", "VCALENDAR")
        lines.raw("VERSION", "2.0")
        lines.text("PRODID", "-//Indaba//Feeds \(FeedsPlugin.version)//EN")
        lines.raw("CALSCALE", "GREGORIAN")
        lines.raw("METHOD", method.rawValue)
        for session in sessions where session.kind.isLive {
            let cancelled = method == .cancel || session.status == .cancelled
            lines.raw("BEGIN", "VEVENT")
            lines.text("UID", SessionUID.of(session, identity: identity))
            lines.raw("DTSTAMP", ICalendarDate.utc(now.wholeSeconds))
            lines.raw("SEQUENCE", String(session.revision))
            lines.raw("DTSTART", ICalendarDate.utc(session.startsAt))
            lines.raw("DTEND", ICalendarDate.utc(session.endsAt))
            let title = "\(series.title): \(session.title)"
            lines.text("SUMMARY", cancelled ? t("Cancelled: {title}", ["title": title]) : title)
            var description = [
                t("{series}, session {position}.", ["series": series.title, "position": String(session.position)])
            ]
            if !session.agenda.isEmpty {
                description.append(t("Agenda: {agenda}", ["agenda": t.semicolonList(session.agenda)]))
            }
            let join = joinLinks && !cancelled ? session.joinURL : nil
            if let join {
                description.append(t("Join: {link}", ["link": join]))
                // Google Calendar and Outlook show neither CONFERENCE nor most URLs: LOCATION is what they show.
                lines.text("LOCATION", join)
                lines.raw("URL", ICalendarValue.uri(join), parameters: [("VALUE", "URI")])
                lines.raw(
                    "CONFERENCE", ICalendarValue.uri(join),
                    // Translators: the label calendar apps show on the link that joins the online meeting.
                    parameters: [("VALUE", "URI"), ("FEATURE", "VIDEO"), ("LABEL", t("Join"))])
            }
            lines.text("DESCRIPTION", description.joined(separator: "\n"))
            lines.raw(
                "ORGANIZER", "mailto:\(organizer.address)",
                parameters: organizer.name.isEmpty ? [] : [("CN", organizer.name)])
            var attendeeParameters = [
                ("ROLE", "REQ-PARTICIPANT"), ("PARTSTAT", "NEEDS-ACTION"), ("RSVP", "FALSE"),
            ]
            if !attendee.name.isEmpty { attendeeParameters.insert(("CN", attendee.name), at: 0) }
            lines.raw("ATTENDEE", "mailto:\(attendee.address)", parameters: attendeeParameters)
            lines.raw("STATUS", cancelled ? "CANCELLED" : "CONFIRMED")
            lines.raw("TRANSP", cancelled ? "TRANSPARENT" : "OPAQUE")
            lines.raw("END", "VEVENT")
        }
        lines.raw("END", "VCALENDAR")
        return lines.text
    }
}

extension CalendarInvitation {
    /// The identity UIDs take, read in a transaction: the one kept in the database; before any is kept, the one
    /// the first feed rendered at `baseURL` will claim (its domain name); else the stand-in feeds use too.
    public static func identity(baseURL: String, in db: Database) throws -> InstallationIdentity {
        if let known = try InstallationIdentity.read(in: db) { return known }
        return InstallationIdentity.authority(of: baseURL).map { InstallationIdentity(authority: $0, since: "") }
            ?? .provisional
    }
}

/// The UID of a session: the same in every feed format and in mailed invitations (only the identity's authority
/// takes part, so it is the same before and after the identity is kept).
enum SessionUID {
    static func of(_ session: Session, identity: InstallationIdentity) -> String {
        "indaba-session-\(session.id!.rawValue)@\(identity.authority)"
    }
}
