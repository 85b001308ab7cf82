import Foundation
import GRDB
import Kernel

/// Every participant of a series and which of its sessions each completed: what funnels, breakdowns, follow-up
/// lists and targets are computed from. Loaded with a handful of queries, whatever the series' size.
struct SeriesProgress {
    struct Participant {
        let personId: Person.ID
        let channel: String
        /// The stored self-description (with consent), never shown; reports group it (``GenderGroup``) under the
        /// reading organization's mapping.
        let storedGender: String?
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
        // Participants as the kernel defines them (ParticipantRule): enrolled, not on the series' team.
        participants = try SeriesParticipation.enrolled(in: series.id!, in: db).map { enrolled in
            let done = present[enrolled.personId] ?? []
            return Participant(
                personId: enrolled.personId, channel: enrolled.channel, storedGender: enrolled.gender,
                completed: sessions.indices.map { done.contains($0) })
        }
    }

    /// Each participant's gender group under `mapping` (the organization's ``RetentionSettings/genderMapping``),
    /// in the order of ``participants``.
    func genderGroups(mapping: [String: GenderGroup]) -> [GenderGroup] {
        var groups: [String: GenderGroup] = [:]
        return participants.map { participant in
            guard let text = participant.storedGender else { return .notStated }
            if let known = groups[text] { return known }
            let group = GenderGroup(selfDescribed: text, mapping: mapping)
            groups[text] = group
            return group
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
