import Foundation
import GRDB
import Kernel

/// What falls due with time, for every organization that enabled the plugin: reminders before live sessions and
/// exercise deadlines, and follow-ups after missed sessions. Run as often as anyone likes: each message has an
/// idempotency key, so nothing is queued twice.
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

    func queueDue(at now: Date) async throws {
        let context = plugin.context
        try await context.write(as: AuditActor("plugin:messages")) { transaction in
            let db = transaction.db
            let organizations = try MessageAudience.organizations(enabling: MessagesPlugin.id, in: db)
            let horizon = now.addingTimeInterval(14 * 86_400 + 3600)
            let starting = try MessageAudience.sessions(of: organizations, where: .start, in: now...horizon, in: db)
            let ending = try MessageAudience.sessions(of: organizations, where: .end, in: now...horizon, in: db)
            let ended = try MessageAudience.sessions(
                of: organizations, where: .end,
                in: now.addingTimeInterval(-Self.followUpWindow)...now.addingTimeInterval(-Self.followUpDelay),
                in: db)
            var writers: [WebinarSeries.ID: MessageWriter?] = [:]
            func writer(_ series: WebinarSeries.ID) throws -> MessageWriter? {
                if let known = writers[series] { return known }
                let made = try plugin.writer(for: series, in: db)
                writers[series] = made
                return made
            }
            for session in starting where session.kind.isLive {
                guard let writer = try writer(session.seriesId) else { continue }
                try remind(
                    session, edge: session.startsAt, hours: writer.settings.reminderHours, writer, now, transaction)
            }
            for session in ending where !session.kind.isLive {
                guard let writer = try writer(session.seriesId), writer.settings.exerciseReminderHours > 0 else {
                    continue
                }
                let handedIn = Set(
                    try SeriesParticipation.submissions(in: session.seriesId, in: db)
                        .filter { $0.sessionId == session.id }.map(\.personId))
                try remind(
                    session, edge: session.endsAt, hours: [writer.settings.exerciseReminderHours], writer, now,
                    transaction, skipping: handedIn)
            }
            for session in ended where session.kind.isLive {
                guard let writer = try writer(session.seriesId), opted(in: writer) else { continue }
                let attendance = try SeriesParticipation.attendance(at: session.id!, in: db)
                for member in try MessageAudience.participants(of: session.seriesId, in: db)
                where attendance[member.personId]?.status == .absent {
                    let recipient = try transaction.messageRecipient(member.personId)
                    try transaction.queue(
                        writer.followUp(session, to: member, unsubscribe: unsubscribe(recipient), now: now))
                }
            }
        }
    }

    private func remind(
        _ session: Session, edge: Date, hours: [Int], _ writer: MessageWriter, _ now: Date,
        _ transaction: WriteTransaction, skipping: Set<Person.ID> = []
    ) throws {
        // The nearest reminder whose moment has passed.
        guard let due = hours.sorted().first(where: { edge.addingTimeInterval(-Double($0) * 3600) <= now }) else {
            return
        }
        let moment = edge.addingTimeInterval(-Double(due) * 3600)
        for member in try MessageAudience.participants(of: session.seriesId, in: transaction.db)
        where member.enrolledAt <= moment && !skipping.contains(member.personId) {
            let recipient = try transaction.messageRecipient(member.personId)
            try transaction.queue(
                writer.reminder(session, hours: due, to: member, unsubscribe: unsubscribe(recipient), now: now))
        }
    }

    private func opted(in writer: MessageWriter) -> Bool {
        let series = writer.series
        return writer.settings.followUpSeries.contains { reference in
            reference == String(series.id!.rawValue) || reference.hasSuffix("/\(series.slug)")
        }
    }

    private func unsubscribe(_ recipient: MessageRecipient) -> String {
        "\(plugin.context.baseURL)/unsubscribe/\(recipient.unsubscribeToken)"
    }
}
