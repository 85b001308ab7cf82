import Foundation
import GRDB
import Kernel

/// Participants who missed the last session held so far, with what staff need to contact them. No gender.
struct FollowUpList: Codable, Sendable {
    struct Person: Codable, Sendable {
        let personId: Kernel.Person.ID
        let name: String
        let email: String
        let channel: String
        let sessionsCompleted: Int
        let sessionsHeld: Int
        let lastCompleted: String?
        let stoppedAfter: String?
    }

    let seriesId: WebinarSeries.ID
    /// The session they missed: the last one held so far.
    let missedSession: String?
    let people: [Person]

    init(progress: SeriesProgress, in db: Database) throws {
        seriesId = progress.series.id!
        guard let last = progress.happened.lastIndex(of: true) else {
            missedSession = nil
            people = []
            return
        }
        missedSession = progress.sessions[last].title
        let missing = progress.participants.filter { !$0.completed[last] }
        let contacts = try SeriesParticipation.contacts(ofEnrolledIn: progress.series.id!, in: db)
        people = missing.map { participant in
            let done = participant.completed[...last]
            let lastDone = done.lastIndex(of: true)
            let dropped = progress.dropOut(participant)
            return Person(
                personId: participant.personId, name: contacts[participant.personId]?.name ?? "",
                email: contacts[participant.personId]?.email ?? "", channel: participant.channel,
                sessionsCompleted: done.filter { $0 }.count, sessionsHeld: last + 1,
                lastCompleted: lastDone.map { progress.sessions[$0].title },
                stoppedAfter: dropped.map { $0 == 0 ? "never came" : progress.sessions[$0 - 1].title })
        }.sorted { $0.name.localizedCaseInsensitiveCompare($1.name) == .orderedAscending }
    }

    var csv: String {
        SpreadsheetCSV.document(
            [["name", "email", "channel", "sessions_completed", "sessions_held", "last_completed", "stopped_after"]]
                + people.map {
                    [
                        $0.name, $0.email, $0.channel, "\($0.sessionsCompleted)", "\($0.sessionsHeld)",
                        $0.lastCompleted ?? "", $0.stoppedAfter ?? "",
                    ]
                })
    }
}
