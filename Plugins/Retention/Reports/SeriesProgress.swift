import Foundation
import GRDB
import Kernel

/// Every participant of a series and which of its sessions each completed: what funnels, breakdowns, follow-up
/// lists and targets are computed from. Loaded with a handful of queries, whatever the series' size.
struct SeriesProgress {
    struct Participant {
        let personId: Person.ID
        let channel: String
        let gender: GenderGroup
        /// Per step session (same order as ``SeriesProgress/sessions``), whether the person completed it.
        let completed: [Bool]
    }

    let series: WebinarSeries
    /// The series' sessions that were not cancelled, in order.
    let sessions: [Session]
    /// Whether each session has taken place (an exercise: its deadline has passed).
    let happened: [Bool]
    let participants: [Participant]

    init(series: WebinarSeries, now: Date, in db: Database) throws {
        self.series = series
        sessions = try SeriesParticipation.heldSessions(of: series.id!, in: db)
        happened = sessions.map { $0.kind == .offlineExercise ? $0.endsAt <= now : $0.startsAt <= now }
        let index = Dictionary(uniqueKeysWithValues: sessions.enumerated().map { ($1.id!, $0) })
        var present: [Person.ID: Set<Int>] = [:]
        for (person, session) in try SeriesParticipation.presence(in: series.id!, in: db) {
            if let position = index[session] { present[person, default: []].insert(position) }
        }
        let sessions = sessions
        for submission in try SeriesParticipation.submissions(in: series.id!, in: db) {
            if let position = index[submission.sessionId],
                Completion.isCompleted(sessions[position], attendance: nil, submission: submission)
            {
                present[submission.personId, default: []].insert(position)
            }
        }
        var groups: [String: GenderGroup] = [:]
        participants = try SeriesParticipation.enrolled(in: series.id!, in: db).map { enrolled in
            let person = enrolled.personId
            let done = present[person] ?? []
            let stored = enrolled.gender
            let gender =
                stored.map { text in
                    groups[text]
                        ?? {
                            let group = GenderGroup(selfDescribed: text)
                            groups[text] = group
                            return group
                        }()
                } ?? .notStated
            return Participant(
                personId: person, channel: enrolled.channel, gender: gender,
                completed: sessions.indices.map { done.contains($0) })
        }
    }

    /// Whether the person completed every session of the series.
    func completedAll(_ participant: Participant) -> Bool {
        !sessions.isEmpty && participant.completed.allSatisfy { $0 }
    }

    /// The session after which the person stopped coming: the first one missed after their last completed one
    /// among those that took place; nil for someone who completed the last session held so far.
    func dropOut(_ participant: Participant) -> Int? {
        guard let lastHeld = happened.lastIndex(of: true) else { return nil }
        let lastDone = participant.completed[...lastHeld].lastIndex(of: true)
        if lastDone == lastHeld { return nil }
        return (lastDone ?? -1) + 1
    }
}
