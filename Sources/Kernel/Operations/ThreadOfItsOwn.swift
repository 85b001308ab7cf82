import Foundation

/// Runs work that waits or computes for long on a thread of its own, never on the pool that runs Swift's tasks.
///
/// On Linux Swift's tasks of default priority run on Dispatch's global pool, one thread for each processor, and the
/// pool adds a thread only after one has been blocked for two to three seconds: a program waited for there (sendmail)
/// or seconds of drawing (an issue run's certificates) would hold one of the threads that answer every request. Short
/// work stays on the task; a database read stays on it for at most the store's limit (``Store/read(_:)``), and page
/// renders have a queue of their own.
public enum ThreadOfItsOwn {
    /// Runs `body` on a new thread and returns what it returns, or throws what it throws. The calling task waits
    /// without holding a thread; cancelling it does not stop `body` (give it a flag of its own to look at).
    public static func run<T: Sendable, Failure: Error>(
        _ body: @escaping @Sendable () throws(Failure) -> T
    ) async throws(Failure) -> T {
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<T, Failure>, Never>) in
            Thread { continuation.resume(returning: Result(catching: body)) }.start()
        }
        return try result.get()
    }
}
