import Foundation
import GRDB
import Kernel

/// What falls due with time, for every organization that enabled the plugin: reminders before live sessions and
/// exercise deadlines, and follow-ups after missed sessions. Run as often as anyone likes: each message has an
/// idempotency key, so nothing is queued twice, and a pass that finds nothing new writes nothing (a write would
/// make every cache of the process look again).
///
/// - A reminder `h` hours before a session is queued once `now` passes that moment and before the session starts,
///   only for the nearest such `h` (a server that was down does not send the 24-hour reminder ten minutes before
///   the start beside the one-hour one), and only to people who enrolled before that moment.
/// - An exercise reminder goes to participants who have not handed in.
/// - A follow-up goes once, from two hours after a live session ends until three days later, to participants of
///   an opted-in series recorded absent (not excused, not unrecorded).
struct Schedule {
    let plugin: MessagesPlugin

    static let followUpDelay: TimeInterval = 2 * 3600
    static let followUpWindow: TimeInterval = 3 * 86_400

    /// One message found due.
    struct Due {
        enum Kind {
            case reminder(hours: Int)
            case followUp
        }

        let session: Session
        let member: MessageAudience.Member
        let kind: Kind
        let writer: MessageWriter
    }

    func queueDue(at now: Date) async throws {
        let found = try await plugin.context.store.read { db in try due(at: now, in: db) }
        guard !found.isEmpty else { return }
        try await plugin.context.write(as: AuditActor("plugin:messages")) { transaction in
            for item in found {
                let recipient = try transaction.messageRecipient(item.member.personId)
                let unsubscribe = "\(plugin.context.baseURL)/unsubscribe/\(recipient.unsubscribeToken)"
                switch item.kind {
                case .reminder(let hours):
                    try transaction.queue(
                        item.writer.reminder(
                            item.session, hours: hours, to: item.member, unsubscribe: unsubscribe, now: now))
                case .followUp:
                    try transaction.queue(
                        item.writer.followUp(item.session, to: item.member, unsubscribe: unsubscribe, now: now))
                }
            }
        }
    }

    /// Every message due at `now` and not queued yet.
    func due(at now: Date, in db: Database) throws -> [Due] {
        let organizations = try MessageAudience.organizations(enabling: MessagesPlugin.id, in: db)
        let horizon = now.addingTimeInterval(14 * 86_400 + 3600)
        var writers: [WebinarSeries.ID: MessageWriter?] = [:]
        func writer(_ series: WebinarSeries.ID) throws -> MessageWriter? {
            if let known = writers[series] { return known }
            let made = try plugin.writer(for: series, in: db)
            writers[series] = made
            return made
        }
        var participants: [WebinarSeries.ID: [MessageAudience.Member]] = [:]
        func participantsOf(_ series: WebinarSeries.ID) throws -> [MessageAudience.Member] {
            if let known = participants[series] { return known }
            let read = try MessageAudience.participants(of: series, in: db)
            participants[series] = read
            return read
        }
        var found: [Due] = []
        /// Adds what is not queued yet of `kind` for `members`, reading the session's queued keys once.
        func add(
            _ session: Session, _ members: some Sequence<MessageAudience.Member>, _ kind: Due.Kind,
            _ writer: MessageWriter
        ) throws {
            let prefix: String
            let key: (MessageAudience.Member) -> String
            switch kind {
            case .reminder(let hours):
                prefix = MessageWriter.reminderPrefix(session)
                key = { MessageWriter.reminderKey(session, hours: hours, to: $0) }
            case .followUp:
                prefix = MessageWriter.followUpPrefix(session)
                key = { MessageWriter.followUpKey(session, to: $0) }
            }
            let queued = try Outbox.keys(startingWith: prefix, in: db)
            for member in members where !queued.contains(key(member)) {
                found.append(Due(session: session, member: member, kind: kind, writer: writer))
            }
        }
        for session in try MessageAudience.sessions(of: organizations, where: .start, in: now...horizon, in: db)
        where session.kind.isLive {
            guard let writer = try writer(session.seriesId),
                let (hours, moment) = Self.nearest(writer.settings.reminderHours, before: session.startsAt, now: now)
            else { continue }
            let members = try participantsOf(session.seriesId).filter { $0.enrolledAt <= moment }
            try add(session, members, .reminder(hours: hours), writer)
        }
        for session in try MessageAudience.sessions(of: organizations, where: .end, in: now...horizon, in: db)
        where !session.kind.isLive {
            guard let writer = try writer(session.seriesId), writer.settings.exerciseReminderHours > 0,
                let (hours, moment) = Self.nearest(
                    [writer.settings.exerciseReminderHours], before: session.endsAt, now: now)
            else { continue }
            let handedIn = Set(
                try SeriesParticipation.submissions(in: session.seriesId, in: db)
                    .filter { $0.sessionId == session.id }.map(\.personId))
            let members = try participantsOf(session.seriesId).filter {
                $0.enrolledAt <= moment && !handedIn.contains($0.personId)
            }
            try add(session, members, .reminder(hours: hours), writer)
        }
        let ended = now.addingTimeInterval(-Self.followUpWindow)...now.addingTimeInterval(-Self.followUpDelay)
        for session in try MessageAudience.sessions(of: organizations, where: .end, in: ended, in: db)
        where session.kind.isLive {
            guard let writer = try writer(session.seriesId), Self.optedIn(writer) else { continue }
            let attendance = try SeriesParticipation.attendance(at: session.id!, in: db)
            let members = try participantsOf(session.seriesId).filter {
                attendance[$0.personId]?.status == .absent
            }
            try add(session, members, .followUp, writer)
        }
        return found
    }

    /// The nearest reminder (fewest hours before `edge`) whose moment has passed, and that moment.
    static func nearest(_ hours: [Int], before edge: Date, now: Date) -> (Int, Date)? {
        guard let due = hours.sorted().first(where: { edge.addingTimeInterval(-Double($0) * 3600) <= now }) else {
            return nil
        }
        return (due, edge.addingTimeInterval(-Double(due) * 3600))
    }

    private static func optedIn(_ writer: MessageWriter) -> Bool {
        let series = writer.series
        return writer.settings.followUpSeries.contains { reference in
            reference == String(series.id!.rawValue) || reference.hasSuffix("/\(series.slug)")
        }
    }
}
