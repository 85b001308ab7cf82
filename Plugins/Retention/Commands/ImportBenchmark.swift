import Foundation
import GRDB
import Kernel
import PluginKit

/// `indaba attendance import … --repeat-count N` (hidden, for `scripts/bench-retention.sh`): times, in process,
/// reading the export alone and the whole import (plan and apply, in a transaction rolled back each time, so every
/// run does the full work), and prints the medians and rows per second to standard error beside the target. The
/// processor time of each is printed too: on a machine busy with other work it says what the import itself costs.
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
        let (parse, parseProcessor) = try Self.medianSeconds(times: times) {
            rows = try AttendanceExport(data: data, platform: platform, zone: meetingZone, session: planned).rows.count
        }
        var importTimes: [Double] = []
        var importProcessorTimes: [Double] = []
        for _ in 0..<times {
            let start = ContinuousClock.now
            let processorStart = Self.processorSeconds()
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
            importProcessorTimes.append(Self.processorSeconds() - processorStart)
        }
        let whole = importTimes.sorted()[times / 2]
        let wholeProcessor = importProcessorTimes.sorted()[times / 2]
        let rate = Double(rows) / whole
        let lines = [
            String(
                format: "parse alone: median %.1f ms, %.0f rows/s (%d rows, %d runs; processor time %.1f ms)",
                parse * 1000, Double(rows) / parse, rows, times, parseProcessor * 1000),
            String(
                format:
                    "whole import (plan + apply, rolled back): median %.1f ms, %.0f rows/s (processor time %.1f ms)",
                whole * 1000, rate, wholeProcessor * 1000),
            String(
                format: "target: %.0f rows/s: %@ (%.2fx the target)", Self.targetRowsPerSecond,
                rate >= Self.targetRowsPerSecond ? "met" : "NOT met", rate / Self.targetRowsPerSecond),
        ]
        FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }

    /// The median wall-clock time of `body` and the median processor time of the process during it.
    private static func medianSeconds(times: Int, _ body: () throws -> Void) throws -> (Double, Double) {
        var durations: [Double] = []
        var processor: [Double] = []
        for _ in 0..<times {
            let start = ContinuousClock.now
            let processorStart = processorSeconds()
            try body()
            durations.append(seconds(ContinuousClock.now - start))
            processor.append(processorSeconds() - processorStart)
        }
        return (durations.sorted()[times / 2], processor.sorted()[times / 2])
    }

    /// The processor time the process has used so far (every thread).
    private static func processorSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
