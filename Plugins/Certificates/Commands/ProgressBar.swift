import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A progress bar on standard error for bulk work, drawn only when standard error is a terminal (never into a log
/// file or a pipe). Updated from the thread that does the work.
final class ProgressBar: Sendable {
    private let label: String
    private let enabled: Bool
    private let lastDrawn = Mutex(-1)

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
        let changed = lastDrawn.withLock { lastDrawn in
            defer { lastDrawn = percent }
            return percent != lastDrawn
        }
        guard changed || done == total else { return }
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        FileHandle.standardError.write(Data("\r\(label) [\(bar)] \(done)/\(total) \(percent)%".utf8))
        if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
