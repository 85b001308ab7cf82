import Feeds
public import Foundation
import GRDB
public import Kernel
public import PluginKit

/// Messages to participants through the kernel's outbox: an enrolment confirmation with a calendar invitation,
/// updates and cancellations when a session moves or is called off, reminders before sessions and exercise
/// deadlines, and (per series) a "we missed you" after a missed session. See the plugin's README.
///
/// Every message is queued in the transaction of the change that causes it (or, for what falls due with time,
/// by ``runScheduledWork(at:)``) with an idempotency key, so it is written once whatever runs twice.
public struct MessagesPlugin: Plugin {
    public static let id: PluginID = "messages"
    public static let name = PluginName("Messages to participants")
    public static var translationCatalogues: [String: String] { EmbeddedCatalogues.byLanguage }

    /// The messages' wording in every shipped language, read once from the compiled-in catalogues.
    static let translations = Translations.compiledIn(EmbeddedCatalogues.byLanguage, module: "Plugins/Messages")
    public static let version: SemanticVersion = "1.0.0"
    /// Invitations carry the feeds' UIDs and the confirmation the private calendar link.
    public static let dependencies = [PluginRequirement("feeds")]
    public static let settings: any PluginSettings.Type = MessagesSettings.self
    public static let confirmsEnrolmentsByMail = true
    public static let migrations = [TemplateOverrides.migration]

    let context: PluginContext

    public init(context: PluginContext) {
        self.context = context
    }

    /// Queues the confirmation of a public enrolment, in its transaction. A known address gets one too (with a
    /// further calendar link, earlier ones still working), at most once a day per series, so a form typed again
    /// and again does not flood a mailbox.
    public func didEnrol(_ enrolment: PublicEnrolment, in transaction: WriteTransaction) throws -> PageSection? {
        let series = enrolment.series.id!
        let day = Int(transaction.now.timeIntervalSince1970 / 86_400)
        let key = "messages.confirmation:\(series):p\(enrolment.person):d\(day)"
        guard try !Outbox.contains(key, in: transaction.db),
            let member = try MessageAudience.participant(enrolment.person, of: series, in: transaction.db),
            let writer = try writer(for: series, in: transaction.db)
        else { return nil }
        let link = try FeedsPlugin.personalCalendarLink(
            for: enrolment.person, organization: enrolment.organization.id!, baseURL: context.baseURL,
            in: transaction)
        try transaction.queue(writer.confirmation(to: member, calendarLink: link, key: key, now: transaction.now))
        return nil
    }

    /// A moved session sends its participants an update; a cancelled one a cancellation. Both in the
    /// transaction of the change.
    public var eventHandlers: [EventHandler] {
        [
            .beforeCommit(SessionChanged.self) { event, db in
                guard event.rescheduled else { return }
                try tell(event.seriesId, about: event.sessionId, in: db) { writer, session, member in
                    writer.update(session, to: member, now: context.now())
                }
            },
            .beforeCommit(SessionCancelled.self) { event, db in
                try tell(event.seriesId, about: event.sessionId, in: db) { writer, session, member in
                    writer.cancellation(session, to: member, now: context.now())
                }
            },
        ]
    }

    /// Queues the reminders and follow-ups due at `now` (see ``Schedule``).
    public func runScheduledWork(at now: Date) async throws {
        try await Schedule(plugin: self).queueDue(at: now)
    }

    // MARK: - Helpers

    func writer(for series: WebinarSeries.ID, in db: Database) throws -> MessageWriter? {
        guard let found = try MessageAudience.series(series, in: db), found.series.status == .published else {
            return nil
        }
        return MessageWriter(
            series: found.series, organization: found.organization, sessions: found.sessions,
            settings: try context.settings(MessagesSettings.self, for: found.organization.id!, in: db),
            baseURL: context.baseURL,
            templates: MessageTemplates(overrides: try TemplateOverrides.all(of: found.organization.id!, in: db)),
            identity: try CalendarInvitation.identity(baseURL: context.baseURL, in: db))
    }

    private func tell(
        _ series: WebinarSeries.ID, about session: Session.ID, in db: Database,
        _ message: (MessageWriter, Session, MessageAudience.Member) -> MessageDraft
    ) throws {
        guard let writer = try writer(for: series, in: db),
            let changed = writer.sessions.first(where: { $0.id == session })
        else { return }
        // Only sessions still ahead: nobody needs to hear that last month's session moved.
        let now = context.now()
        guard changed.endsAt > now else { return }
        for member in try MessageAudience.participants(of: series, in: db) {
            try Outbox.queue(message(writer, changed, member), now: now, in: db)
        }
    }
}
