import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import Kernel
import KernelTesting
import Logging
import NIOCore
import NIOEmbedded
import PluginKit
import Synchronization
import Testing

@testable import Server

/// What the slow routes did: how many started, and how each ended ("finished", or the error type that stopped it).
private final class Tally: Sendable {
    let endings = Mutex<[String]>([])
    let started = Mutex(0)
    /// When slow reads give up by themselves (see ``GuardedRouter/letReadsEnd()``).
    let giveUp = Mutex(ContinuousClock.now + .seconds(600))
}

/// A router with the request guard in front of routes that work until they are stopped.
private struct GuardedRouter {
    let requestGuard: RequestGuard
    let responder: RouterResponder<IndabaRequestContext>
    let tally: Tally
    var endings: [String] { tally.endings.withLock { $0 } }

    init(limits: RequestGuard.Limits, store: Store) {
        let requestGuard = RequestGuard(limits: limits)
        self.requestGuard = requestGuard
        let router = Router(context: IndabaRequestContext.self)
        router.add(middleware: RequestGuardMiddleware(requestGuard: requestGuard))
        let tally = Tally()
        self.tally = tally
        // A database read that runs until it is interrupted (see `slow`).
        router.on("slow-read", method: .get) { _, _ in try await Self.slow(store: store, tally: tally) }
        // A change is never cut off at the deadline: it holds its turn until it ends or its client goes away.
        router.on("slow-read", method: .post) { _, _ in try await Self.slow(store: store, tally: tally) }
        router.get("quick") { _, _ in "quick" }
        responder = router.buildResponder()
    }

    private static func slow(store: Store, tally: Tally) async throws -> String {
        tally.started.withLock { $0 += 1 }
        // Runs until it is interrupted, or until the test lets it end: a lost cancellation makes a test fail, never
        // hang the run. The end is set by the test, not by a count of steps: in a full run, the suite's blocking tests
        // can keep this test from being scheduled for minutes, and a read that ended by itself meanwhile would look
        // like a cancellation the guard had lost.
        do {
            _ = try await store.read { db in
                db.add(
                    function: DatabaseFunction("before_giving_up", argumentCount: 0, pure: false) { _ in
                        ContinuousClock.now < tally.giveUp.withLock { $0 }
                    })
                return try Int.fetchOne(
                    db,
                    sql: """
                        WITH RECURSIVE n(i) AS (
                            SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i % 1000000 != 0 OR before_giving_up()
                        )
                        SELECT count(*) FROM n
                        """)
            }
            tally.endings.withLock { $0.append("finished") }
        } catch {
            tally.endings.withLock { $0.append("\(type(of: error))") }
            throw error
        }
        return "done"
    }

    func get(
        _ path: String, method: HTTPRequest.Method = .get, on channel: NIOAsyncTestingChannel = NIOAsyncTestingChannel()
    ) async throws -> Response {
        let request = Request(
            head: HTTPRequest(method: method, scheme: "http", authority: "localhost", path: path),
            body: .init(buffer: ByteBuffer()))
        let context = IndabaRequestContext(source: .init(channel: channel, logger: Logger(label: "test")))
        return try await responder.respond(to: request, context: context)
    }

    /// Lets the slow reads still running end by themselves a while from now (they would after ten minutes anyway):
    /// called once the test has asked for what should have stopped them.
    func letReadsEnd() {
        tally.giveUp.withLock { $0 = min($0, .now + .seconds(30)) }
    }

    /// Waits (without a time limit of its own) until `count` slow routes have started.
    func waitForStarts(_ count: Int) async throws {
        while tally.started.withLock({ $0 }) < count { try await Task.sleep(for: .milliseconds(10)) }
    }
}

@Suite("The request guard: deadlines, turns, and clients that went away")
struct RequestGuardTests {
    /// The database file and its WAL and shared-memory files.
    private static func remove(_ url: URL) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: url.path + suffix) }
    }

    private func fileStore() throws -> (Store, URL) {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("guard-\(UUID().uuidString).sqlite")
        return (try Store.open(path: url.path), url)
    }

    @Test("a read past its deadline is stopped (its database read interrupted) and answers 503 with Retry-After")
    func deadline() async throws {
        let (store, url) = try fileStore()
        defer { Self.remove(url) }
        let router = GuardedRouter(limits: .init(deadline: .milliseconds(300), retryAfterSeconds: 3), store: store)
        let response = try await router.get("/slow-read")
        #expect(response.status == .serviceUnavailable)
        #expect(response.headers[.retryAfter] == "3")
        #expect(router.endings == ["CancellationError"])
        #expect(router.requestGuard.load.running == 0)
    }

    @Test("when the client goes away, its request stops: the database read is interrupted, the log says 499")
    func clientGone() async throws {
        let (store, url) = try fileStore()
        defer { Self.remove(url) }
        let router = GuardedRouter(limits: .init(deadline: .seconds(600)), store: store)
        let channel = NIOAsyncTestingChannel()
        async let response = router.get("/slow-read", on: channel)
        try await router.waitForStarts(1)
        router.requestGuard.clientWentAway(ObjectIdentifier(channel))
        router.letReadsEnd()
        #expect(try await response.status.code == 499)
        #expect(router.endings == ["CancellationError"])
    }

    @Test("past the turns available, requests wait; past the line, 503 at once; a waiting request times out")
    func turnsAndLine() async throws {
        let (store, url) = try fileStore()
        defer { Self.remove(url) }
        // The line's deadline is far off, and its moment is brought about by calling the sweep of that moment: with
        // a real 500 ms deadline, a full run that kept this test from being scheduled for longer saw the waiting
        // request leave the line before it could look at it, and waited for a line that stayed empty (a hang).
        let router = GuardedRouter(
            limits: .init(concurrentRequests: 1, queuedRequests: 1, deadline: .seconds(600)), store: store)
        let busy = NIOAsyncTestingChannel()
        async let first = router.get("/slow-read", method: .post, on: busy)
        try await router.waitForStarts(1)
        async let waiting = router.get("/quick")
        while router.requestGuard.load.waiting < 1 { try await Task.sleep(for: .milliseconds(10)) }
        // The line is full: refused at once.
        let refused = try await router.get("/quick")
        #expect(refused.status == .serviceUnavailable)
        #expect(refused.headers[.retryAfter] != nil)
        // The waiting request is sent away at its deadline; the change keeps its turn until its client goes away.
        router.requestGuard.sweep(now: .now + .seconds(601))
        #expect(try await waiting.status == .serviceUnavailable)
        #expect(router.requestGuard.load.running == 1)
        router.requestGuard.clientWentAway(ObjectIdentifier(busy))
        router.letReadsEnd()
        #expect(try await first.status.code == 499)
        #expect(router.endings == ["CancellationError"])
        // Turns are given back: the next request goes through.
        #expect(try await router.get("/quick").status == .ok)
        #expect(router.requestGuard.load.running == 0)
        #expect(router.requestGuard.load.waiting == 0)
    }
}
