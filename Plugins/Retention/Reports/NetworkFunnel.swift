import Foundation
import GRDB
import Kernel

/// The funnel across many series at once (an organization, or a whole network): enrolled, then people present at
/// each session position, per stored gender. Read from the tallies kept from kernel events, so a million attendance rows
/// cost a few thousand row reads.
///
/// Counts participants only (the kernel's ``ParticipantRule``: enrolled, not a facilitator or guest speaker of the
/// series), like a series' report: the tallies count everyone recorded, so the team's figures, which the kernel
/// counts for the same sessions and series, are subtracted. ``rawRows(organizations:in:)`` keeps everyone, as the
/// benchmark kit's `funnel.sql` does.
struct NetworkFunnel: Codable, Sendable {
    /// One stage: 0 is enrolment, k the k-th session of each series.
    struct Stage: Codable, Sendable {
        let stage: Int
        let total: Int
        /// People per gender group; nil where hidden.
        let groups: [Int?]
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
        var counts: [Int: [Int]] = [:]
        for (stage, gender, people) in try Self.rawRows(organizations: organizations, participantsOnly: true, in: db) {
            let group = all.firstIndex(
                of: GenderGroup(selfDescribed: gender == "unknown" ? nil : gender, mapping: mapping))!
            counts[stage, default: Array(repeating: 0, count: all.count)][group] += people
        }
        let enrolled = counts[0] ?? Array(repeating: 0, count: all.count)
        let positions = counts.keys.filter { $0 > 0 }.sorted()
        // A person attends a position once per series they are enrolled in, so each stage is a part of the enrolled.
        let shown = Suppression(k: settings.minimumGroupSize).apply(
            enrolled: enrolled, steps: positions.map { counts[$0]! })
        stages =
            [Stage(stage: 0, total: enrolled.reduce(0, +), groups: shown.enrolled)]
            + zip(positions, shown.steps).map { Stage(stage: $0, total: counts[$0]!.reduce(0, +), groups: $1) }
    }
}
