import Foundation
import Kernel

#if canImport(Glibc)
    import Glibc
#endif

/// Writes command results to standard output, and who runs the command.
enum Terminal {
    static func lines(_ lines: [String]) {
        FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }

    static func json(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        FileHandle.standardOutput.write(try encoder.encode(value) + Data("\n".utf8))
    }

    /// The audit log's name for whoever runs the command.
    static var actor: AuditActor { .commandLine(user: ProcessInfo.processInfo.environment["USER"] ?? "unknown") }

    /// Writes `data` to `file`, creating the folder; the file is readable by its owner only (certificates carry names).
    static func write(_ data: Data, to file: URL) throws {
        try FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: file.path, contents: data, attributes: [.posixPermissions: 0o600])
        else { throw CertificatesError.output(file.path) }
    }
}

/// A progress bar on standard error for bulk work, drawn only when standard error is a terminal (never into a log
/// file or a pipe).
final class ProgressBar {
    private let label: String
    private let enabled: Bool
    private var lastDrawn = -1

    init(label: String) {
        self.label = label
        enabled = isatty(STDERR_FILENO) == 1
    }

    /// Shows `done` of `total`; redraws only when the bar changes.
    func update(_ done: Int, of total: Int) {
        guard enabled, total > 0 else { return }
        let width = 30
        let filled = done * width / total
        let percent = done * 100 / total
        guard percent != lastDrawn || done == total else { return }
        lastDrawn = percent
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        FileHandle.standardError.write(Data("\r\(label) [\(bar)] \(done)/\(total) \(percent)%".utf8))
        if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
