import Foundation

/// Tests that measure whether other tasks keep running while work waits or computes: in a process running six
/// hundred tests at once, whose tasks (some waiting on programs they started) fill Swift's pool for seconds, they
/// would fail for reasons of their own. `make test` runs them after the others, in a process of their own, with
/// `INDABA_TESTS_ALONE=1` (`swift test --filter AloneTests`); everywhere else they are skipped.
public enum TestsAlone {
    /// Whether this process runs the tests that need it to themselves.
    public static let enabled = ProcessInfo.processInfo.environment["INDABA_TESTS_ALONE"] == "1"
}
