import Foundation
import GRDB
import Kernel

/// The funnel across many series at once (an organization, or a whole network): enrolled, then people present at
/// each session position, per stored gender. Read from the tallies the triggers keep, so a million attendance rows
/// cost a few thousand row reads.
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
    static func rawRows(organizations: [Organization.ID]?, in db: Database) throws -> [(Int, String, Int)] {
        let filter =
            organizations.map { ids in
                "WHERE s.seriesId IN (SELECT r.id FROM webinarSeries r JOIN programme p ON p.id = r.programmeId "
                    + "WHERE p.organizationId IN (\(ids.map { "\($0.rawValue)" }.joined(separator: ","))))"
            } ?? ""
        let enrolledFilter = filter.replacingOccurrences(of: "s.seriesId", with: "t.seriesId")
        return try Row.fetchAll(
            db,
            sql: """
                SELECT 0 AS stage, t.gender, sum(t.people) AS n FROM retention_enrolledTally t \(enrolledFilter)
                GROUP BY t.gender HAVING n > 0
                UNION ALL
                SELECT s.position, t.gender, sum(t.people) AS n FROM retention_attendedTally t
                JOIN session s ON s.id = t.sessionId \(filter)
                GROUP BY s.position, t.gender HAVING n > 0
                ORDER BY 1, 2
                """
        ).map { ($0["stage"], $0["gender"], $0["n"]) }
    }

    init(organizations: [Organization.ID], minimumGroupSize: Int, in db: Database) throws {
        self.organizations = organizations
        let all = GenderGroup.allCases
        groups = all.map(\.label)
        var counts: [Int: [Int]] = [:]
        for (stage, gender, people) in try Self.rawRows(organizations: organizations, in: db) {
            let group = all.firstIndex(of: GenderGroup(selfDescribed: gender == "unknown" ? nil : gender))!
            counts[stage, default: Array(repeating: 0, count: all.count)][group] += people
        }
        let enrolled = counts[0] ?? Array(repeating: 0, count: all.count)
        let positions = counts.keys.filter { $0 > 0 }.sorted()
        // A person attends a position once per series they are enrolled in, so each stage is a part of the enrolled.
        let shown = Suppression(k: minimumGroupSize).apply(enrolled: enrolled, steps: positions.map { counts[$0]! })
        stages =
            [Stage(stage: 0, total: enrolled.reduce(0, +), groups: shown.enrolled)]
            + zip(positions, shown.steps).map { Stage(stage: $0, total: counts[$0]!.reduce(0, +), groups: $1) }
    }
}
