import Foundation
import Kernel
import Synchronization

/// Draws an issue run's certificates on a thread of its own (``ThreadOfItsOwn``).
///
/// Drawing takes some 7 ms a certificate, seconds for a large series, with nothing to wait for in between: drawn on
/// the task, a run would hold one of the threads that answer every request for all that time. The run stops at the
/// next certificate when its task is cancelled (a client that went away), before anything is stored.
enum CertificateDrawing {
    /// The certificates drawn, and those that could not be (a name or title no font covers).
    struct Outcome: Sendable {
        var drawn: [(certificate: Certificate, pdf: Data)] = []
        var notIssued: [IssueOutcome.NotIssued] = []
    }

    /// Draws `certificates` in order, calling `progress` (done, total) after each.
    /// - Throws: `CancellationError` when the task is cancelled; ``CertificatesError/rendering(personId:reason:)``
    ///   for a failure other than text no font covers, which stops the run.
    static func draw(
        _ certificates: [Certificate], with renderer: CertificateRenderer,
        progress: @escaping @Sendable (Int, Int) -> Void
    ) async throws -> Outcome {
        let cancelled = CancellationFlag()
        return try await withTaskCancellationHandler {
            try await ThreadOfItsOwn.run {
                try drawAll(certificates, with: renderer, progress: progress, unless: cancelled)
            }
        } onCancel: {
            cancelled.set()
        }
    }

    private static func drawAll(
        _ certificates: [Certificate], with renderer: CertificateRenderer,
        progress: (Int, Int) -> Void, unless cancelled: CancellationFlag
    ) throws -> Outcome {
        var outcome = Outcome()
        for (index, certificate) in certificates.enumerated() {
            if cancelled.isSet { throw CancellationError() }
            do {
                outcome.drawn.append((certificate, try renderer.pdf(certificate.content)))
            } catch let error as RenderingError {
                // A name or title no font covers concerns one person; anything else stops the run.
                guard case .uncoveredText = error else {
                    throw CertificatesError.rendering(personId: certificate.personId, reason: error)
                }
                outcome.notIssued.append(.init(personId: certificate.personId, reason: error.description))
            }
            progress(index + 1, certificates.count)
        }
        return outcome
    }
}

/// Set by a task's cancellation handler, read by the drawing thread, which runs outside any task.
private final class CancellationFlag: Sendable {
    private let flag = Atomic<Bool>(false)
    var isSet: Bool { flag.load(ordering: .relaxed) }
    func set() { flag.store(true, ordering: .relaxed) }
}
