import Foundation
import GRDB
import Kernel

/// The funnel across many series at once (an organization, or a whole network): enrolled, then people present at
/// each session position, with the gender groups. Read from the tallies kept from kernel events, so a million
/// attendance rows cost a few thousand row reads.
///
/// Counts participants only (the kernel's ``ParticipantRule``: enrolled, not a facilitator or guest speaker of the
/// series), like a series' report: the tallies count everyone recorded, so the team's figures, which the kernel
/// counts for the same sessions and series, are subtracted. ``rawRows(organizations:in:)`` keeps everyone, as the
/// benchmark kit's `funnel.sql` does.
///
/// A group's figure at a stage is the sum of that group's figures the series' own reports show at that stage
/// (``GenderCells``, the same rule, on the same counts): a series whose report hides the group there adds nothing
/// to it, and its people are counted in ``Stage/notBrokenDown``. So the funnel tells a reader nothing that the
/// series' reports do not already show one by one, whatever answers they combine; without this, subtracting a
/// series' report from the funnel gave back the figures the report hides.
struct NetworkFunnel: Codable, Sendable {
    /// One stage: 0 is enrolment, k the k-th session of each series.
    struct Stage: Codable, Sendable {
        let stage: Int
        let total: Int
        /// People per gender group, summed over the series whose report shows that group at this stage; nil where
        /// no series' report does.
        let groups: [Int?]
        /// People at this stage whose group no figure of ``groups`` counts (their series' report hides it).
        let notBrokenDown: Int
    }

    let organizations: [Organization.ID]
    let groups: [String]
    let stages: [Stage]

    /// The raw figures: (stage, stored gender or `unknown`, people), as `funnel.sql` Q1 of the benchmark kit gives.
    /// The tallies are read whole (a few thousand rows) and summed by each session's position, which the kernel
    /// gives for the organizations' sessions.
    static func rawRows(
        organizations: [Organization.ID]?, participantsOnly: Bool = false, in db: Database
    ) throws -> [(Int, String, Int)] {
        let positions = try SeriesOwnership.sessionPositions(ownedBy: organizations, in: db)
        let series = try organizations.map { Set(try SeriesOwnership.seriesIds(ownedBy: $0, in: db).map(\.rawValue)) }
        var sums: [Int: [String: Int]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT seriesId, gender, people FROM retention_enrolledTally") {
            let id: Int64 = row[0]
            if series?.contains(id) ?? true { sums[0, default: [:]][row[1], default: 0] += row[2] as Int }
        }
        for row in try Row.fetchAll(db, sql: "SELECT sessionId, gender, people FROM retention_attendedTally") {
            if let position = positions[row[0]] { sums[position, default: [:]][row[1], default: 0] += row[2] as Int }
        }
        if participantsOnly {
            for (id, gender, people) in try ParticipationQueries.teamEnrolmentCounts(in: db)
            where series?.contains(id.rawValue) ?? true {
                sums[0, default: [:]][gender ?? "unknown", default: 0] -= people
            }
            for (session, gender, people) in try ParticipationQueries.teamPresentCounts(in: db) {
                if let position = positions[session.rawValue] {
                    sums[position, default: [:]][gender ?? "unknown", default: 0] -= people
                }
            }
        }
        return sums.keys.sorted().flatMap { stage in
            sums[stage]!.filter { $0.value > 0 }.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
                .map { (stage, $0.key, $0.value) }
        }
    }

    init(organizations: [Organization.ID], settings: RetentionSettings, in db: Database) throws {
        let mapping = settings.genderMapping
        self.organizations = organizations
        let all = GenderGroup.allCases
        groups = all.map(\.label)
        var totals: [Int: Int] = [:]
        for (stage, _, people) in try Self.rawRows(organizations: organizations, participantsOnly: true, in: db) {
            totals[stage, default: 0] += people
        }
        let shown = Self.compose(
            series: try Self.seriesCounts(organizations: organizations, mapping: mapping, in: db),
            k: settings.minimumGroupSize)
        stages = ([0] + totals.keys.filter { $0 > 0 }.sorted()).map { stage in
            let total = totals[stage] ?? 0
            let cells = shown[stage] ?? all.map { _ in nil }
            return Stage(
                stage: stage, total: total, groups: cells, notBrokenDown: total - cells.compactMap { $0 }.reduce(0, +))
        }
    }

    /// Per stage, each group's figure summed over the series whose ``GenderCells`` show it there (nil where none
    /// does).
    /// - Parameter series: Per series, people per ``GenderGroup`` at each of its stages (0: enrolled; the position of
    ///   each held session whose completion is attendance), as that series' report counts them.
    static func compose(series: [[Int: [Int]]], k: Int) -> [Int: [Int?]] {
        var sums: [Int: [Int?]] = [:]
        for stages in series {
            guard let enrolled = stages[0] else { continue }
            let positions = stages.keys.filter { $0 > 0 }.sorted()
            let shown = GenderCells(counts: [enrolled] + positions.map { stages[$0]! }, k: k)
            for (stage, cells) in zip([0] + positions, shown.cells) {
                var row = sums[stage] ?? cells.map { _ in nil }
                for (group, cell) in cells.enumerated() {
                    if let cell { row[group] = (row[group] ?? 0) + cell }
                }
                sums[stage] = row
            }
        }
        return sums
    }

    /// Per series of `organizations`, its participants per ``GenderGroup`` enrolled and present at each held session
    /// whose completion is attendance, by position: the figures its report counts, from the tallies less the team.
    static func seriesCounts(
        organizations: [Organization.ID], mapping: [String: GenderGroup], in db: Database
    ) throws -> [[Int: [Int]]] {
        let all = GenderGroup.allCases
        var groupOf: [String: Int] = [:]
        func group(_ gender: String?) -> Int {
            let key = gender ?? "unknown"
            if let known = groupOf[key] { return known }
            let found = all.firstIndex(of: GenderGroup(selfDescribed: key == "unknown" ? nil : key, mapping: mapping))!
            groupOf[key] = found
            return found
        }
        let owned = Set(try SeriesOwnership.seriesIds(ownedBy: organizations, in: db).map(\.rawValue))
        let sessions = try SeriesOwnership.heldAttendedSessions(ownedBy: organizations, in: db)
        var counts: [Int64: [Int: [Int]]] = [:]
        func add(series: Int64, stage: Int, gender: String?, people: Int) {
            counts[series, default: [:]][stage, default: all.map { _ in 0 }][group(gender)] += people
        }
        for row in try Row.fetchAll(db, sql: "SELECT seriesId, gender, people FROM retention_enrolledTally") {
            let id: Int64 = row[0]
            if owned.contains(id) { add(series: id, stage: 0, gender: row[1], people: row[2]) }
        }
        for (id, gender, people) in try ParticipationQueries.teamEnrolmentCounts(in: db)
        where owned.contains(id.rawValue) {
            add(series: id.rawValue, stage: 0, gender: gender, people: -people)
        }
        for row in try Row.fetchAll(db, sql: "SELECT sessionId, gender, people FROM retention_attendedTally") {
            if let place = sessions[row[0]] {
                add(series: place.seriesId.rawValue, stage: place.position, gender: row[1], people: row[2])
            }
        }
        for (session, gender, people) in try ParticipationQueries.teamPresentCounts(in: db) {
            if let place = sessions[session.rawValue] {
                add(series: place.seriesId.rawValue, stage: place.position, gender: gender, people: -people)
            }
        }
        return counts.keys.sorted().map { counts[$0]! }
    }
}
