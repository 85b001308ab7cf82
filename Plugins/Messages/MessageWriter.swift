import Feeds
import Foundation
import Kernel

/// Writes the drafts of one organization's messages about one series: the wording from ``MessageTemplates``,
/// times in each reader's zone, and the iMIP part where a calendar should change.
struct MessageWriter {
    let series: WebinarSeries
    let organization: Organization
    let sessions: [Session]
    let settings: MessagesSettings
    let baseURL: String
    /// The organization's wording.
    let templates: MessageTemplates
    /// The installation's identity, which invitation UIDs take (as the feeds' do).
    let identity: InstallationIdentity

    var sender: MailAddress { settings.sender(organization: organization, baseURL: baseURL) }

    /// The enrolment confirmation, with every upcoming live session as an invitation.
    func confirmation(to member: MessageAudience.Member, calendarLink: String?, key: String, now: Date)
        -> MessageDraft
    {
        let upcoming = sessions.filter { $0.status == .scheduled && $0.endsAt > now }
        var model = base(member, sessions: upcoming)
        model.calendarLink = calendarLink
        let live = upcoming.filter(\.kind.isLive)
        return draft(
            "confirmation", model, to: member, category: .transactional, key: key,
            calendar: live.isEmpty ? nil : invitation(.request, live, to: member, now: now))
    }

    /// An update of a moved session, as a new version of its invitation.
    func update(_ session: Session, to member: MessageAudience.Member, now: Date) -> MessageDraft {
        var model = base(member, sessions: [session])
        model.session = wording(for: member).isolated(session.title)
        return draft(
            "update", model, to: member, category: .transactional,
            key: "messages.update:\(session.id!):r\(session.revision):p\(member.personId)",
            calendar: session.kind.isLive ? invitation(.request, [session], to: member, now: now) : nil)
    }

    /// The cancellation of a session.
    func cancellation(_ session: Session, to member: MessageAudience.Member, now: Date) -> MessageDraft {
        var model = base(member, sessions: [])
        model.session = wording(for: member).isolated(session.title)
        model.when = times(for: member, session).when(session)
        return draft(
            "cancellation", model, to: member, category: .transactional,
            key: "messages.cancel:\(session.id!):p\(member.personId)",
            calendar: session.kind.isLive ? invitation(.cancel, [session], to: member, now: now) : nil)
    }

    /// A reminder `hours` before a live session, or before an exercise's deadline.
    func reminder(
        _ session: Session, hours: Int, to member: MessageAudience.Member, unsubscribe: String, now: Date
    ) -> MessageDraft {
        var model = base(member, sessions: [session])
        model.session = wording(for: member).isolated(session.title)
        model.when = times(for: member, session).when(session)
        model.inHours = SessionTimes.distance(
            from: now, to: session.kind.isLive ? session.startsAt : session.endsAt, localizer: wording(for: member))
        model.unsubscribe = unsubscribe
        return draft(
            session.kind.isLive ? "reminder" : "exercise", model, to: member, category: .reminder,
            key: Self.reminderKey(session, hours: hours, to: member), calendar: nil)
    }

    /// A reminder's idempotency key: a reschedule gives a new start (or deadline), hence a new reminder.
    static func reminderKey(_ session: Session, hours: Int, to member: MessageAudience.Member) -> String {
        let edge = Int((session.kind.isLive ? session.startsAt : session.endsAt).timeIntervalSince1970)
        return reminderPrefix(session) + "p\(member.personId):\(hours)h:at\(edge)"
    }

    /// What every reminder key of `session` starts with.
    static func reminderPrefix(_ session: Session) -> String { "messages.reminder:\(session.id!):" }

    /// A follow-up's idempotency key: once per person and session.
    static func followUpKey(_ session: Session, to member: MessageAudience.Member) -> String {
        followUpPrefix(session) + "p\(member.personId)"
    }

    /// What every follow-up key of `session` starts with.
    static func followUpPrefix(_ session: Session) -> String { "messages.missed:\(session.id!):" }

    /// "We missed you" after a live session the person was recorded absent from.
    func followUp(
        _ session: Session, to member: MessageAudience.Member, unsubscribe: String, now: Date
    ) -> MessageDraft {
        var model = base(member, sessions: [])
        model.session = wording(for: member).isolated(session.title)
        model.covered = session.agenda.isEmpty ? nil : wording(for: member).semicolonList(session.agenda)
        if let next = sessions.first(where: { $0.status == .scheduled && $0.startsAt > now }) {
            model.next = self.next(member, next)
        }
        model.unsubscribe = unsubscribe
        return draft(
            "followUp", model, to: member, category: .followUp, key: Self.followUpKey(session, to: member),
            calendar: nil)
    }

    // MARK: - Parts

    /// What every template may use.
    struct Model {
        var name: String
        var series: String
        var organization: String
        /// The organization's website, where people can reach it (an `indaba@` sender may not read replies).
        var website: String?
        /// Whom to contact: the organization, with its website when it has one.
        var contact: String
        var zone: String
        var sessions: [SessionLine]
        var calendarLink: String?
        var session: String?
        var when: String?
        var inHours: String?
        var covered: String?
        var unsubscribe: String?
        var next: NextModel?
    }

    /// The next session, for a follow-up (a template section of its own).
    struct NextModel {
        var sessions: [SessionLine]
    }

    struct SessionLine {
        let when: String
        let title: String
        let note: String?
        let join: String?
    }

    private func base(_ member: MessageAudience.Member, sessions: [Session]) -> Model {
        let t = wording(for: member)
        // Names and titles keep their own direction inside Arabic sentences (`#ASKnet` stays `#ASKnet`).
        let organizationName = t.isolated(organization.name)
        return Model(
            name: t.isolated(member.name), series: t.isolated(series.title), organization: organizationName,
            website: organization.website,
            contact: organization.website.map { "\(organizationName) (\($0))" } ?? organizationName,
            zone: times(for: member, sessions.first ?? self.sessions.first).zoneLabel,
            sessions: sessions.map { session in
                SessionLine(
                    when: times(for: member, session).when(session), title: t.isolated(session.title),
                    note: session.kind.isLive ? nil : t("offline exercise"),
                    join: session.kind.isLive ? session.joinURL : nil)
            })
    }

    /// The language a member reads: the one they asked for, else the organization's, else English.
    func language(_ member: MessageAudience.Member) -> Language {
        member.language ?? organization.language ?? .english
    }

    private func wording(for member: MessageAudience.Member) -> Localizer {
        templates.localizer(for: language(member))
    }

    private func next(_ member: MessageAudience.Member, _ session: Session) -> NextModel {
        NextModel(sessions: base(member, sessions: [session]).sessions)
    }

    private func times(for member: MessageAudience.Member, _ session: Session?) -> SessionTimes {
        SessionTimes(
            recipientZone: member.timeZone, sessionZone: session?.timeZone ?? "UTC", localizer: wording(for: member))
    }

    private func invitation(
        _ method: CalendarInvitation.Method, _ sessions: [Session], to member: MessageAudience.Member, now: Date
    ) -> (method: String, object: String) {
        (
            method.rawValue,
            CalendarInvitation.object(
                method: method, sessions: sessions, series: series, organizer: sender, attendee: member.address,
                joinLinks: true, identity: identity, now: now, language: language(member))
        )
    }

    private func draft(
        _ template: String, _ model: Model, to member: MessageAudience.Member, category: MessageCategory,
        key: String, calendar: (method: String, object: String)?
    ) -> MessageDraft {
        let language = language(member)
        return MessageDraft(
            organizationId: organization.id!, personId: member.personId, recipient: member.address, sender: sender,
            category: category, kind: "messages.\(template)", idempotencyKey: key,
            subject: templates.render("\(template).subject", model, in: language),
            textBody: language.directingLines(of: templates.render("\(template).text", model, in: language)),
            htmlBody: templates.renderHTML("\(template).html", model, in: language), calendar: calendar)
    }
}
