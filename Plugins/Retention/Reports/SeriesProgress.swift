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
        sessions = try Session.filter(Column("seriesId") == series.id && Column("status") == "scheduled")
            .order(Column("position")).fetchAll(db)
        happened = sessions.map { $0.kind == .offlineExercise ? $0.endsAt <= now : $0.startsAt <= now }
        let index = Dictionary(uniqueKeysWithValues: sessions.enumerated().map { ($1.id!, $0) })
        var present: [Person.ID: Set<Int>] = [:]
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT a.personId, a.sessionId FROM attendance a JOIN session s ON s.id = a.sessionId
                WHERE s.seriesId = ? AND a.status = 'present'
                """, arguments: [series.id])
        {
            if let position = index[row["sessionId"]] { present[row["personId"], default: []].insert(position) }
        }
        let sessions = sessions
        for submission in try ExerciseSubmission.filter(
            sql: "sessionId IN (SELECT id FROM session WHERE seriesId = ?)", arguments: [series.id]
        ).fetchAll(db) {
            if let position = index[submission.sessionId],
                Completion.isCompleted(sessions[position], attendance: nil, submission: submission)
            {
                present[submission.personId, default: []].insert(position)
            }
        }
        var groups: [String: GenderGroup] = [:]
        participants = try Row.fetchAll(
            db,
            sql: """
                SELECT e.personId, e.channel, p.gender FROM enrolment e JOIN person p ON p.id = e.personId
                WHERE e.seriesId = ? ORDER BY e.personId
                """, arguments: [series.id]
        ).map { row in
            let person: Person.ID = row["personId"]
            let done = present[person] ?? []
            let stored: String? = row["gender"]
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
                personId: person, channel: row["channel"], gender: gender,
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
