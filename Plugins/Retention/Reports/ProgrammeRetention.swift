import Foundation
import GRDB
import Kernel

/// How many participants of each series of a programme came back for the next one (participants as the kernel's
/// ``ParticipantRule`` defines them: enrolled, not on the series' team).
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
        let series = try SeriesParticipation.seriesInOrder(ofProgramme: programme, in: db)
        var transitions: [Transition] = []
        for (from, to) in zip(series, series.dropFirst()) {
            let came = try SeriesParticipation.participants(of: from.id, in: db)
            let enrolled = try SeriesParticipation.participantIds(in: to.id, in: db)
            let next = try SeriesParticipation.participants(of: to.id, in: db)
            let kept = came.intersection(enrolled)
            transitions.append(
                Transition(
                    fromSeries: from.id, fromTitle: from.title, toSeries: to.id, toTitle: to.title,
                    participants: came.count, enrolledInNext: kept.count, attendedNext: came.intersection(next).count,
                    percentEnrolledInNext: percent(kept.count, of: came.count)))
        }
        self.transitions = transitions
    }
}
