import ArgumentParser
import Foundation
import Kernel
import PluginKit

/// `indaba certificates bench --input certs_1000.tsv --out DIR` (hidden): renders the shared benchmark kit's
/// certificates (B4) as separate PDFs and as one multi-page PDF, timed inside the process.
/// `scripts/bench-certificates.sh` runs it beside the kit's ReportLab and C programs.
struct BenchCommand: PluginCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Time certificate rendering on the benchmark kit's input.",
        shouldDisplay: false)

    @OptionGroup var pluginOptions: PluginCommandOptions

    @Option(help: "certs_1000.tsv from the kit's peers/prep_inputs.py.")
    var input: String

    @Option(help: "How many certificates to render.")
    var count = 1000

    @Option(help: "The folder for the PDFs.")
    var out: String

    init() {}

    struct Timing: Encodable {
        let certificates: Int
        let separateSeconds: Double
        let combinedSeconds: Double
        var separatePerSecond: Double { Double(certificates) / separateSeconds }
        var combinedPerSecond: Double { Double(certificates) / combinedSeconds }

        enum CodingKeys: String, CodingKey { case certificates, separateSeconds, combinedSeconds }
    }

    func run(in context: PluginCommandContext) async throws {
        let pages = try Self.contents(from: input, count: count)
        let folder = URL(fileURLWithPath: out)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let renderer = CertificateRenderer()
        let clock = ContinuousClock()
        let separate = try clock.measure {
            for (index, page) in pages.enumerated() {
                try renderer.pdf(page).write(to: folder.appendingPathComponent("cert-\(index).pdf"))
            }
        }
        let combined = try clock.measure {
            try renderer.pdf(pages: pages, date: pages[0].issuedAt).write(to: folder.appendingPathComponent("all.pdf"))
        }
        let timing = Timing(
            certificates: pages.count, separateSeconds: separate.seconds, combinedSeconds: combined.seconds)
        if context.json { return try context.output.printJSON(timing) }
        context.output.print(lines: [
            String(
                format: "separate: %d PDFs in %.3f s (%.1f certificates/s)", pages.count, timing.separateSeconds,
                timing.separatePerSecond),
            String(
                format: "combined: %d pages in %.3f s (%.1f certificates/s)", pages.count, timing.combinedSeconds,
                timing.combinedPerSecond),
        ])
    }

    /// The kit's rows (person_id, name, series_id, series_title, org_name, completed_at, sessions) as certificates.
    static func contents(from path: String, count: Int) throws -> [CertificateContent] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let rows = text.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
        let formatter = ISO8601DateFormatter()
        let pages = rows.filter { $0.count >= 7 }.prefix(count).map { fields in
            let code = String(format: "C-%05d-%06d", Int(fields[2]) ?? 0, Int(fields[0]) ?? 0)
            let completed = formatter.date(from: String(fields[5])) ?? Date(timeIntervalSince1970: 0)
            return CertificateContent(
                organizationName: String(fields[4]), seriesTitle: String(fields[3]), recipientName: String(fields[1]),
                datesLine: "Attended all \(fields[6]) sessions · Completed on \(fields[5].prefix(10))",
                issuedAt: completed, signatories: [], code: code,
                verificationURL: "https://bench.example.org/verify/\(code)")
        }
        guard pages.count == count else {
            throw ValidationError("\(path) has \(pages.count) certificate rows, not \(count).")
        }
        return Array(pages)
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
