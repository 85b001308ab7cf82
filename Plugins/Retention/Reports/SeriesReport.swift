import Foundation
import Kernel

/// A series' retention report: the funnel, breakdowns with small groups hidden, targets and drop-out points.
///
/// Only counts: no names, and never anyone's gender. The follow-up list (``FollowUpList``) is the one place with
/// names, for staff who contact people.
struct SeriesReport: Codable, Sendable {
    struct Step: Codable, Sendable {
        /// `enrolled`, `session-<position>`, or `completed`.
        let key: String
        let label: String
        let kind: String
        let sessionId: Session.ID?
        let startsAt: Date?
        /// Whether the step has taken place; counts of steps ahead are zero.
        let happened: Bool
        let people: Int
        /// Share of the enrolled, in percent (one decimal).
        let percentOfEnrolled: Double?
        /// Share of the previous step's people, in percent.
        let percentOfPrevious: Double?
        /// People whose last step this was before they stopped coming (drop-out point).
        let droppedOutHere: Int
    }

    /// Counts per group at each step; nil where hidden (fewer than ``minimumGroupSize``, or derivable).
    struct Breakdown: Codable, Sendable {
        let dimension: String
        let groups: [String]
        let stepKeys: [String]
        let totals: [Int]
        let cells: [[Int?]]
    }

    struct TargetResult: Codable, Sendable {
        let metric: String
        let label: String
        let minimumPercent: Int
        /// nil when the figure rests on a hidden group.
        let actualPercent: Double?
        /// `met`, `not met`, `not yet` (the series has not ended) or `hidden`.
        let status: String
    }

    let seriesId: WebinarSeries.ID
    let title: String
    let status: String
    let minimumGroupSize: Int
    let enrolled: Int
    let steps: [Step]
    let gender: Breakdown
    let channels: Breakdown
    let targets: [TargetResult]

    init(progress: SeriesProgress, settings: RetentionSettings, targets: [SeriesTarget]) {
        let people = progress.participants
        let enrolled = people.count
        var steps: [Step] = []
        var reached: [[Bool]] = []
        let dropOuts = people.map(progress.dropOut)
        steps.append(
            Step(
                key: "enrolled", label: "Enrolled", kind: "enrolment", sessionId: nil, startsAt: nil, happened: true,
                people: enrolled, percentOfEnrolled: enrolled == 0 ? nil : 100, percentOfPrevious: nil,
                droppedOutHere: 0))
        reached.append(people.map { _ in true })
        for (index, session) in progress.sessions.enumerated() {
            let flags = people.map { $0.completed[index] }
            let count = flags.filter { $0 }.count
            let verb = session.kind == .offlineExercise ? "Submitted" : "Attended"
            steps.append(
                Step(
                    key: "session-\(session.position)", label: "\(verb) \(session.position). \(session.title)",
                    kind: session.kind.rawValue, sessionId: session.id, startsAt: session.startsAt,
                    happened: progress.happened[index], people: count, percentOfEnrolled: percent(count, of: enrolled),
                    percentOfPrevious: percent(count, of: steps.last!.people),
                    droppedOutHere: dropOuts.filter { $0 == index }.count))
            reached.append(flags)
        }
        let completedFlags = people.map(progress.completedAll)
        let completed = completedFlags.filter { $0 }.count
        steps.append(
            Step(
                key: "completed", label: "Completed every session", kind: "completion", sessionId: nil,
                startsAt: nil, happened: progress.happened.last ?? false, people: completed,
                percentOfEnrolled: percent(completed, of: enrolled),
                percentOfPrevious: percent(completed, of: steps.last!.people),
                droppedOutHere: 0))
        reached.append(completedFlags)

        let suppression = Suppression(k: settings.minimumGroupSize)
        let genderGroups = GenderGroup.allCases
        gender = Self.breakdown(
            "gender", groups: genderGroups.map(\.label), of: people.map { genderGroups.firstIndex(of: $0.gender)! },
            steps: steps.map(\.key), reached: reached, suppression: suppression)
        // Channels nobody came through are left out: they hold no one.
        let used = Set(people.map(\.channel))
        let channelNames = settings.channels.filter(used.contains) + used.subtracting(settings.channels).sorted()
        let attendedAny = people.map { $0.completed.contains(true) }
        channels = Self.breakdown(
            "channel", groups: channelNames, of: people.map { channelNames.firstIndex(of: $0.channel)! },
            steps: ["enrolled", "attended-any", "completed"], reached: [reached[0], attendedAny, completedFlags],
            suppression: suppression)

        seriesId = progress.series.id!
        title = progress.series.title
        status = progress.series.status.rawValue
        minimumGroupSize = settings.minimumGroupSize
        self.enrolled = enrolled
        self.steps = steps
        let ended = progress.happened.allSatisfy { $0 }
        let genderBreakdown = gender
        self.targets = targets.map { target in
            target.evaluate(steps: steps, gender: genderBreakdown, ended: ended)
        }
    }

    private static func breakdown(
        _ dimension: String, groups: [String], of membership: [Int], steps: [String], reached: [[Bool]],
        suppression: Suppression
    ) -> Breakdown {
        let counts = reached.map { flags in
            var perGroup = Array(repeating: 0, count: groups.count)
            for (group, reached) in zip(membership, flags) where reached { perGroup[group] += 1 }
            return perGroup
        }
        let shown = suppression.apply(enrolled: counts[0], steps: Array(counts.dropFirst()))
        return Breakdown(
            dimension: dimension, groups: groups, stepKeys: steps,
            totals: reached.map { $0.filter { $0 }.count }, cells: [shown.enrolled] + shown.steps)
    }
}
