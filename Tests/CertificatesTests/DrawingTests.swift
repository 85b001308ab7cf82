import Foundation
import Kernel
import KernelTesting
import Synchronization
import Testing

@testable import Certificates

/// An issue run draws its certificates on a thread of its own, and stops when its task is cancelled.
@Suite("Drawing an issue run's certificates")
struct DrawingTests {
    /// Cancelled after the first of two certificates, the drawing thread sees it before the second; after the
    /// second, nothing is left to draw, and nothing is stored either.
    @Test(
        "a run whose task is cancelled stops before its next certificate and stores nothing",
        arguments: [(1, ["1"]), (2, ["1", "2"])])
    func cancelledRun(cancelledAfter: Int, drawn: [String]) async throws {
        let fixture = try await CertificatesFixture()
        let run = RunHolder()
        let progressed = EventLog()
        run.start {
            try await fixture.plugin.issue(
                series: "certnet/webinars/inclusive", organization: fixture.organization, actor: AuditActor("test"),
                dryRun: false,
                progress: { done, _ in
                    progressed.append("\(done)")
                    if done == cancelledAfter { run.cancel() }
                })
        }
        await #expect(throws: CancellationError.self) { try await run.value() }
        #expect(progressed.entries == drawn)
        #expect(try await fixture.certificates().isEmpty)
        // Nothing half done: the next run issues both.
        #expect(try await fixture.issue().issued.count == 2)
    }
}

/// The issue run's task, which its own progress callback cancels.
private final class RunHolder: Sendable {
    private let task = Mutex<Task<IssueOutcome, any Error>?>(nil)

    func start(_ body: @escaping @Sendable () async throws -> IssueOutcome) {
        task.withLock { $0 = Task { try await body() } }
    }

    /// The task is stored under the lock it is started in, so a callback from it always finds it here.
    func cancel() {
        task.withLock { $0 }?.cancel()
    }

    func value() async throws -> IssueOutcome {
        try await task.withLock { $0 }!.value
    }
}

private final class EventLog: Sendable {
    private let list = Mutex<[String]>([])
    func append(_ event: String) { list.withLock { $0.append(event) } }
    var entries: [String] { list.withLock { $0 } }
}

/// Drawing beside other tasks: run by `make test` in a process of its own (``TestsAlone``).
@Suite("Drawing certificates, in a process of its own")
struct DrawingAloneTests {
    /// Drawing is processor work with nothing to wait for: on the pool that runs Swift's tasks (one thread for each
    /// processor on Linux), more runs than processors would leave no thread for any other task until one ended. The
    /// runs here would take seconds; the first task to end must be the other one, which then cancels them.
    @Test(
        "runs drawing at once leave other tasks running, and stop when cancelled",
        .enabled(if: TestsAlone.enabled, "needs a process of its own: make test runs it with INDABA_TESTS_ALONE=1"))
    func tasksRunWhileDrawing() async throws {
        let fixture = try await CertificatesFixture()
        _ = try await fixture.issue()
        let certificate = try await fixture.certificates()[0]
        let renderer = CertificateRenderer(branding: try await fixture.plugin.branding(for: fixture.organization))
        let many = Array(repeating: certificate, count: 1_000)
        let runs = ProcessInfo.processInfo.activeProcessorCount + 1
        let (first, rest) = await withTaskGroup(of: String.self) { group in
            for _ in 0..<runs {
                group.addTask {
                    do {
                        let drawing = try await CertificateDrawing.draw(many, with: renderer, progress: { _, _ in })
                        return "drew \(drawing.drawn.count)"
                    } catch {
                        return "stopped: \(type(of: error))"
                    }
                }
            }
            group.addTask {
                try? await Task.sleep(for: .milliseconds(20))
                return "other task"
            }
            let first = await group.next()
            group.cancelAll()
            return (first, await group.reduce(into: []) { $0.append($1) })
        }
        #expect(first == "other task")
        #expect(rest == Array(repeating: "stopped: CancellationError", count: runs))
    }
}
