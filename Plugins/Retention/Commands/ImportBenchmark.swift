import Foundation
import GRDB
import Kernel
import PluginKit

/// `indaba attendance import … --repeat-count N` (hidden, for `scripts/bench-retention.sh`): times, in process,
/// reading the export alone and the whole import (plan and apply, in a transaction rolled back each time, so every
/// run does the full work), and prints the medians and rows per second to standard error beside the target.
struct ImportBenchmark {
    /// Issue 19, item 6: a realistic 5,000-row export imported at this rate or better (release build).
    static let targetRowsPerSecond = 10_000.0

    let data: Data
    let platform: MeetingPlatform?
    let zone: TimeZone?
    let session: String
    let organization: Organization.ID
    let importer: AttendanceImporter
    let anyDate: Bool
    let confirmAbsent: Bool

    private struct RolledBack: Error {}

    func run(times: Int, in context: PluginCommandContext) async throws {
        let target = try await context.workspace.read { db in try Lookup.session(session, in: db) }
        let planned = DateInterval(start: target.startsAt, end: max(target.startsAt, target.endsAt))
        let meetingZone = zone ?? TimeZone(identifier: target.timeZone) ?? .gmt
        var rows = 0
        let parse = try Self.medianSeconds(times: times) {
            rows = try AttendanceExport(data: data, platform: platform, zone: meetingZone, session: planned).rows.count
        }
        var importTimes: [Double] = []
        for _ in 0..<times {
            let start = ContinuousClock.now
            do {
                try await context.workspace.write(as: context.actor) { transaction in
                    let plan = try importer.plan(
                        data: data, platform: platform, zone: zone, session: target, anyDate: anyDate,
                        in: transaction.db)
                    try importer.apply(plan, session: target, confirmAbsent: confirmAbsent, in: transaction)
                    throw RolledBack()
                }
            } catch is RolledBack {}
            importTimes.append(Self.seconds(ContinuousClock.now - start))
        }
        let whole = importTimes.sorted()[times / 2]
        let rate = Double(rows) / whole
        let lines = [
            String(
                format: "parse alone: median %.1f ms, %.0f rows/s (%d rows, %d runs)", parse * 1000,
                Double(rows) / parse, rows, times),
            String(format: "whole import (plan + apply, rolled back): median %.1f ms, %.0f rows/s", whole * 1000, rate),
            String(
                format: "target: %.0f rows/s: %@ (%.2fx the target)", Self.targetRowsPerSecond,
                rate >= Self.targetRowsPerSecond ? "met" : "NOT met", rate / Self.targetRowsPerSecond),
        ]
        FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }

    private static func medianSeconds(times: Int, _ body: () throws -> Void) throws -> Double {
        var durations: [Double] = []
        for _ in 0..<times {
            let start = ContinuousClock.now
            try body()
            durations.append(seconds(ContinuousClock.now - start))
        }
        return durations.sorted()[times / 2]
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
