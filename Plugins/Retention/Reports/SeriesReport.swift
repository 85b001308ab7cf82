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
        var cells: [[Int?]]
        /// Per step, where the full breakdown would hide women's figure only because the other groups are small:
        /// everyone who is not a woman, together (the coarser breakdown women / everyone else, under the same rule).
        /// The other groups' own cells are hidden at that step. nil elsewhere.
        var everyoneElse: [Int?] = []
        /// Per step, in plain words, why figures are hidden there; nil where nothing is.
        var notes: [String?] = []
        /// The groups as pages and reports name them (a channel's label, not its code), in the order of `groups`.
        var groupLabels: [String] = []

        /// The label of group `index`: from ``groupLabels``, or the group itself.
        func label(_ index: Int) -> String { index < groupLabels.count ? groupLabels[index] : groups[index] }
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
        gender = Self.genderBreakdown(
            of: progress.genderGroups(mapping: settings.genderMapping).map { genderGroups.firstIndex(of: $0)! },
            steps: steps.map(\.key), reached: reached, k: settings.minimumGroupSize)
        // Channels nobody came through are left out: they hold no one.
        let used = Set(people.map(\.channel))
        let channelNames = settings.channels.filter(used.contains) + used.subtracting(settings.channels).sorted()
        let attendedAny = people.map { $0.completed.contains(true) }
        var channels = Self.breakdown(
            "channel", groups: channelNames, of: people.map { channelNames.firstIndex(of: $0.channel)! },
            steps: ["enrolled", "attended-any", "completed"], reached: [reached[0], attendedAny, completedFlags],
            suppression: suppression)
        channels.groupLabels = channelNames.map(settings.label(ofChannel:))
        self.channels = channels

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
        let counts = reached.map { Self.counts(of: membership, groups: groups.count, reached: $0) }
        let shown = suppression.apply(enrolled: counts[0], steps: Array(counts.dropFirst()))
        let cells = [shown.enrolled] + shown.steps
        return Breakdown(
            dimension: dimension, groups: groups, stepKeys: steps,
            totals: reached.map { $0.filter { $0 }.count }, cells: cells, everyoneElse: cells.map { _ in nil },
            notes: cells.map { Self.note(for: $0, k: suppression.k) })
    }

    /// The gender breakdown under ``GenderCells``, the rule every gender figure of the plugin follows.
    private static func genderBreakdown(of membership: [Int], steps: [String], reached: [[Bool]], k: Int) -> Breakdown {
        let groups = GenderGroup.allCases
        let counts = reached.map { Self.counts(of: membership, groups: groups.count, reached: $0) }
        let shown = GenderCells(counts: counts, k: k)
        return Breakdown(
            dimension: "gender", groups: groups.map(\.label), stepKeys: steps,
            totals: reached.map { $0.filter { $0 }.count }, cells: shown.cells, everyoneElse: shown.everyoneElse,
            notes: zip(shown.cells, shown.everyoneElse).map { cells, others in
                guard let others else { return Self.note(for: cells, k: k) }
                return "Men, another gender and not stated are shown together as everyone else (\(others)): on "
                    + "their own, one of them has fewer than \(k) people here, or could be worked out from the others."
            })
    }

    /// People per group who reached a step.
    private static func counts(of membership: [Int], groups: Int, reached: [Bool]) -> [Int] {
        var perGroup = Array(repeating: 0, count: groups)
        for (group, reached) in zip(membership, reached) where reached { perGroup[group] += 1 }
        return perGroup
    }

    /// Why a step's figures are hidden, in plain words; nil when every group is shown.
    private static func note(for cells: [Int?], k: Int) -> String? {
        let hidden = cells.filter { $0 == nil }.count
        if hidden == 0 { return nil }
        if hidden == cells.count {
            return "All hidden: a group here has fewer than \(k) people who reached this step, or fewer than \(k) "
                + "who did not, and any figure shown would let someone work it out."
        }
        return "Hidden groups have fewer than \(k) people who reached this step, or fewer than \(k) who did not, "
            + "or could be worked out from the totals."
    }
}
