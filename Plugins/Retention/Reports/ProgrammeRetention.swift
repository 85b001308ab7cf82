import Foundation
import GRDB
import Kernel

/// How many participants of each series of a programme came back for the next one.
struct ProgrammeRetention: Codable, Sendable {
    struct Transition: Codable, Sendable {
        let fromSeries: WebinarSeries.ID
        let fromTitle: String
        let toSeries: WebinarSeries.ID
        let toTitle: String
        /// People who attended at least one session of the first series.
        let participants: Int
        /// Of those, people enrolled in the next series.
        let enrolledInNext: Int
        /// Of those, people who attended at least one session of the next series.
        let attendedNext: Int
        let percentEnrolledInNext: Double?
    }

    let programmeId: Programme.ID
    let transitions: [Transition]

    init(programme: Programme.ID, in db: Database) throws {
        programmeId = programme
        let series = try Row.fetchAll(
            db,
            sql: """
                SELECT r.id, r.title FROM webinarSeries r LEFT JOIN session s ON s.seriesId = r.id
                WHERE r.programmeId = ? GROUP BY r.id ORDER BY min(s.startsAt), r.id
                """, arguments: [programme])
        func attendees(_ series: Int64) throws -> Set<Int64> {
            Set(
                try Int64.fetchAll(
                    db,
                    sql: """
                        SELECT DISTINCT a.personId FROM attendance a JOIN session s ON s.id = a.sessionId
                        WHERE s.seriesId = ? AND a.status = 'present'
                        UNION SELECT x.personId FROM exerciseSubmission x JOIN session s ON s.id = x.sessionId
                        WHERE s.seriesId = ?
                        """, arguments: [series, series]))
        }
        var transitions: [Transition] = []
        for (from, to) in zip(series, series.dropFirst()) {
            let came = try attendees(from["id"])
            let enrolled = Set(
                try Int64.fetchAll(db, sql: "SELECT personId FROM enrolment WHERE seriesId = ?", arguments: [to["id"]]))
            let next = try attendees(to["id"])
            let kept = came.intersection(enrolled)
            transitions.append(
                Transition(
                    fromSeries: from["id"], fromTitle: from["title"], toSeries: to["id"], toTitle: to["title"],
                    participants: came.count, enrolledInNext: kept.count, attendedNext: came.intersection(next).count,
                    percentEnrolledInNext: percent(kept.count, of: came.count)))
        }
        self.transitions = transitions
    }
}
