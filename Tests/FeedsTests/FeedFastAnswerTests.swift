import Foundation
import GRDB
import Kernel
import KernelTesting
import Server
import ServerTesting
import Testing

@testable import Feeds

/// The server answers cached feed polls on the connection itself (`AnswerReplay`): these tests read the bytes a
/// client receives from the real server and compare each replayed answer with the normal path's.
@Suite("Feeds answered from the connection: the normal path's bytes, only while the cache holds them")
struct FeedFastAnswerTests {
    /// An answer with the values that differ per request (`Date`, `X-Request-Id`) blanked out.
    static func masked(_ bytes: [UInt8]) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let end = text.range(of: "\r\n\r\n") else { return text }
        let head = text[..<end.lowerBound].components(separatedBy: "\r\n").map { line in
            let name = line.prefix { $0 != ":" }.lowercased()
            return name == "date" || name == "x-request-id" ? name + ": …" : line
        }
        return head.joined(separator: "\r\n") + String(text[end.lowerBound...])
    }

    static func status(_ bytes: [UInt8]) -> Int {
        Int(String(decoding: bytes.prefix(12), as: UTF8.self).dropFirst(9)) ?? 0
    }

    static func header(_ name: String, in bytes: [UInt8]) -> String? {
        let text = String(decoding: bytes, as: UTF8.self)
        let head = text.components(separatedBy: "\r\n\r\n")[0]
        return head.components(separatedBy: "\r\n").first { $0.lowercased().hasPrefix(name.lowercased() + ":") }
            .map { String($0.dropFirst(name.count + 1)).trimmingCharacters(in: .whitespaces) }
    }

    /// The fixture's network with its feeds served by the real application.
    struct Served {
        let fixture: FeedsFixture
        let server: LiveServer
        let logs: CapturedLogs

        /// Replayed bodies from `fileBodies` bytes are sent from the server's file (`sendfile`).
        init(fileBodies: Int? = 16_384) async throws {
            fixture = try await FeedsFixture()
            logs = CapturedLogs()
            server = try await LiveServer.start(
                workspace: fixture.harness.workspace, baseURL: "https://indaba.example.org", fileBodies: fileBodies,
                logger: logs.logger(label: "indaba"))
            // The first feed served at a domain name keeps the installation's identity: a write, after which
            // answers are recorded.
            _ = try await server.exchange(fixture.seriesFeed(fixture.seriesOne))
        }

        /// The normal path's answer to a request (nothing recorded before it), then the same request again, and
        /// how many of the second were replayed (1 or 0).
        ///
        /// The gate's and the feed state's remembered answers last a second, and a replay needs them current: a
        /// pair of requests that straddles their end is rightly not replayed, so a busy machine may need another try.
        /// Each try after the first waits for them to end first, so that the normal request remembers them anew and
        /// the replay has their whole second.
        func normalThenReplayed(_ target: String, headers: [String] = []) async throws -> (
            normal: [UInt8], replayed: [UInt8], replayedCount: Int
        ) {
            var attempt = 0
            while true {
                attempt += 1
                if attempt > 1 { try await Task.sleep(for: .milliseconds(1_100)) }
                server.replay.removeAll()
                let normal = try await server.exchange(target, headers: headers)
                let before = server.replay.replayedCount
                let replayed = try await server.exchange(target, headers: headers)
                let count = server.replay.replayedCount - before
                if count == 1 || attempt == 5 { return (normal, replayed, count) }
            }
        }
    }

    /// Runs `body` with a served fixture, then stops the server.
    static func withServed(fileBodies: Int? = 16_384, _ body: (Served) async throws -> Void) async throws {
        let served = try await Served(fileBodies: fileBodies)
        do {
            try await body(served)
        } catch {
            await served.server.stop()
            throw error
        }
        await served.server.stop()
    }

    @Test(
        "200, gzip, 304 and ?download: the replayed answer is the normal path's, byte for byte, with its own id",
        arguments: [nil, 1])
    func byteForByte(fileBodies: Int?) async throws {
        // With `fileBodies` 1, every replayed body is sent from the server's file (`sendfile`); with nil, from memory.
        try await Self.withServed(fileBodies: fileBodies) { served in
            let series = served.fixture.seriesFeed(served.fixture.seriesOne)
            let first = try await served.server.exchange(series)
            let etag = try #require(Self.header("ETag", in: first))
            let cases: [(String, [String], Int)] = [
                (series, [], 200),
                (series, ["Accept-Encoding: gzip"], 200),
                (series, ["If-None-Match: *"], 304),
                (series, ["If-None-Match: \(etag)", "If-Modified-Since: Thu, 01 Jan 2015 00:00:00 GMT"], 304),
                (series, ["If-None-Match: \"other\""], 200),
                (series + "?download", [], 200),
                (served.fixture.networkFeed.replacingOccurrences(of: "calendar.ics", with: "feed.rss"), [], 200),
                // Many clients say so though HTTP/1.1 keeps connections open anyway; the answer is the same.
                (series, ["Connection: keep-alive"], 200),
                (series, ["Connection: Keep-Alive", "If-None-Match: *"], 304),
            ]
            var plain: [UInt8]?
            for (target, headers, status) in cases {
                let (normal, replayed, count) = try await served.normalThenReplayed(target, headers: headers)
                if target == series, headers.isEmpty { plain = normal }
                if headers == ["Connection: keep-alive"] { #expect(Self.masked(normal) == Self.masked(plain ?? [])) }
                #expect(count == 1, "\(target) \(headers) was not replayed")
                #expect(Self.status(normal) == status, "\(target) \(headers)")
                #expect(Self.masked(replayed) == Self.masked(normal), "\(target) \(headers)")
                #expect(Self.header("X-Request-Id", in: replayed) != Self.header("X-Request-Id", in: normal))
                #expect(Self.header("Date", in: replayed)?.count == 29)
                #expect(Self.header("Content-Security-Policy", in: replayed) != nil)
            }
            // Each replayed answer wrote the access log line the normal path writes: the route, never the address.
            let lines = served.logs.records.filter { $0.message == "Request" }
            let last = try #require(lines.last)
            let before = try #require(lines.dropLast().last)
            #expect(Set(last.metadata.keys) == Set(before.metadata.keys))
            #expect(last.metadata["http.route"] == before.metadata["http.route"])
            #expect(last.metadata["http.route"]?.contains("{org}") == true)
            #expect(last.metadata["principal"] == "anonymous" && last.metadata["http.status"] == "304")
            #expect(last.metadata["request.id"] != before.metadata["request.id"])
        }
    }

    @Test("a feed evicted from the plugin's cache (as kernel events do) is no longer replayed")
    func evictionIsHonoured() async throws {
        try await Self.withServed { served in
            let fixture = served.fixture
            let target = fixture.seriesFeed(fixture.seriesOne)
            let (_, _, count) = try await served.normalThenReplayed(target)
            #expect(count == 1)
            // No write in this process: only the plugin's cache says the feed is gone.
            fixture.plugin.cache.evict([.series(WebinarSeries.ID(fixture.seriesOne))])
            let before = served.server.replay.replayedCount
            let after = try await served.server.exchange(target)
            #expect(served.server.replay.replayedCount == before, "an evicted feed was replayed")
            #expect(Self.status(after) == 200)
        }
    }

    @Test("disabling the plugin: the next poll is a 404 like a missing feed's, not the replayed calendar")
    func disabledPluginIsNotServed() async throws {
        try await Self.withServed { served in
            let fixture = served.fixture
            let target = fixture.seriesFeed(fixture.seriesOne)
            #expect(try await served.normalThenReplayed(target).replayedCount == 1)
            let registry = fixture.harness.workspace.registry
            try await fixture.harness.workspace.write(as: AuditActor("test")) { transaction in
                try transaction.disable("feeds", for: Organization.ID(fixture.network), registry: registry)
            }
            let before = served.server.replay.replayedCount
            let disabled = try await served.server.exchange(target)
            #expect(served.server.replay.replayedCount == before)
            #expect(Self.status(disabled) == 404)
            // An organization that never existed, with an id as long (the problem names the path it was asked).
            let missing = Int64(String(repeating: "9", count: String(fixture.network).count))!
            let unknown = try await fixture.harness.workspace.read { db in
                try Organization.fetchOne(db, key: Organization.ID(missing)) == nil
            }
            try #require(unknown)
            let nothing = try await served.server.exchange(
                target.replacingOccurrences(
                    of: "/orgs/\(fixture.network)/", with: "/orgs/\(missing)/"))
            #expect(
                Self.masked(disabled)
                    == Self.masked(nothing).replacingOccurrences(
                        of: "/orgs/\(missing)/", with: "/orgs/\(fixture.network)/"))
        }
    }

    @Test("HEAD, Range, credentials, Connection: close and other queries always take the normal path")
    func unusualRequestsTakeTheNormalPath() async throws {
        try await Self.withServed { served in
            let target = served.fixture.seriesFeed(served.fixture.seriesOne)
            #expect(try await served.normalThenReplayed(target).replayedCount == 1)
            let before = served.server.replay.replayedCount
            let head = try await served.server.exchange(target, method: "HEAD")
            #expect(Self.status(head) == 200 && Self.header("Content-Length", in: head) != nil)
            for headers in [["Range: bytes=0-10"], ["Cookie: a=b"], ["Connection: close"]] {
                let reply = try await served.server.exchange(target, headers: headers)
                #expect(Self.status(reply) == 200, "\(headers)")
            }
            let unauthorized = try await served.server.exchange(target, headers: ["Authorization: Bearer nope"])
            #expect(Self.status(unauthorized) == 401)
            for _ in 0..<2 { _ = try await served.server.exchange(target + "?other=1") }
            #expect(served.server.replay.replayedCount == before)
        }
    }
}

/// The answers given in front of NIO's parser share connections with the normal path: order, requests cut into
/// pieces, bodies, bytes outside the subset the front reads, and the idle time-out.
@Suite("Feeds answered from the connection: sharing a connection with the normal path")
struct FeedFastAnswerConnectionTests {
    typealias Served = FeedFastAnswerTests.Served

    static func request(_ method: String, _ target: String, _ headers: [String] = []) -> [UInt8] {
        Array(
            (([method + " " + target + " HTTP/1.1", "Host: a"] + headers).joined(separator: "\r\n") + "\r\n\r\n").utf8)
    }

    static func masked(_ answers: [[UInt8]]) -> [String] { answers.map(FeedFastAnswerTests.masked) }

    /// Runs `exchange` after making `target`'s answer replayable, until the number of requests it replayed is
    /// `expected` (or more than none, with no `expected`), at most five times, and gives the last result with that
    /// number. The remembered answers a replay needs last a second: on a busy machine a second can pass between
    /// making it replayable and the exchange, and the normal path then rightly answers everything.
    static func replaying<T>(
        _ served: Served, _ target: String, headers: [String] = [], expected: Int? = nil,
        _ exchange: () async throws -> T
    ) async throws -> (result: T, replayed: Int) {
        var attempt = 0
        while true {
            attempt += 1
            // After a miss, the remembered answers are let end, so that they are remembered anew for a whole second.
            if attempt > 1 { try await Task.sleep(for: .milliseconds(1_100)) }
            _ = try await served.normalThenReplayed(target, headers: headers)
            let before = served.server.replay.replayedCount
            let result = try await exchange()
            let replayed = served.server.replay.replayedCount - before
            if expected.map({ replayed == $0 }) ?? (replayed > 0) || attempt == 5 { return (result, replayed) }
        }
    }

    @Test("several requests in one write: answered in order, the replayable first one replayed, the rest as normal")
    func pipelined() async throws {
        try await FeedFastAnswerTests.withServed { served in
            let target = served.fixture.seriesFeed(served.fixture.seriesOne)
            let get = Self.request("GET", target)
            let pieces = [get + Self.request("HEAD", target) + get + Self.request("GET", target + "?other=1") + get]
            let kinds = [false, true, false, false, false]
            let (answers, replayed) = try await Self.replaying(served, target, expected: 1) {
                try await served.server.exchange(pieces: pieces, answers: kinds)
            }
            // Each alone on its own connection, by the normal path.
            served.server.replay.removeAll()
            var alone: [[UInt8]] = []
            for (piece, kind) in zip(
                [get, Self.request("HEAD", target), get, Self.request("GET", target + "?other=1"), get], kinds)
            {
                alone += try await served.server.exchange(pieces: [piece], answers: [kind])
            }
            #expect(replayed == 1, "only the first comes before an answer the normal path owes")
            #expect(answers.count == 5)
            #expect(Self.masked(answers) == Self.masked(alone))
        }
    }

    @Test("a request cut into pieces, and two requests each cut across writes, are answered whole")
    func cutIntoPieces() async throws {
        try await FeedFastAnswerTests.withServed { served in
            let target = served.fixture.seriesFeed(served.fixture.seriesOne)
            let normal = try await served.server.exchange(target, headers: ["If-None-Match: *"])
            let get = Self.request("GET", target, ["If-None-Match: *"])
            let two = get + get
            let pieces = [
                Array(two[..<3]), Array(two[3..<20]), Array(two[20..<(get.count + 5)]), Array(two[(get.count + 5)...]),
            ]
            let (answers, replayed) = try await Self.replaying(
                served, target, headers: ["If-None-Match: *"], expected: 2
            ) {
                try await served.server.exchange(pieces: pieces, answers: [false, false])
            }
            #expect(replayed == 2)
            #expect(Self.masked(answers) == Self.masked([normal, normal]))
        }
    }

    @Test("after a request with a body, or bytes outside the subset, the connection is the normal path's for good")
    func handedOver() async throws {
        try await FeedFastAnswerTests.withServed { served in
            let target = served.fixture.seriesFeed(served.fixture.seriesOne)
            let get = Self.request("GET", target)
            let post =
                Self.request("POST", "/api/v1/orgs", ["Content-Length: 2", "Content-Type: application/json"])
                + Array("{}".utf8)
            let bareLF = Array("GET \(target) HTTP/1.1\nHost: a\n\n".utf8)
            for odd in [post, bareLF] {
                let (answers, replayed) = try await Self.replaying(served, target, expected: 1) {
                    try await served.server.exchange(pieces: [get, odd, get], answers: [false, false, false])
                }
                #expect(replayed == 1, "only the answer before the odd request")
                // From the odd request on, what a connection gets with nothing replayed.
                served.server.replay.removeAll()
                let before = served.server.replay.replayedCount
                let normal = try await served.server.exchange(pieces: [odd, get], answers: [false, false])
                #expect(served.server.replay.replayedCount == before)
                #expect(FeedFastAnswerTests.status(answers[0]) == 200)
                #expect(Self.masked(Array(answers.dropFirst())) == Self.masked(normal))
            }
        }
    }

    @Test("32 connections at once, 30 requests each in one write, bodies sent from the file: every answer whole")
    func manyAtOnceFromTheFile() async throws {
        // The server's event loops share the body file; each must send through a descriptor of its own.
        try await FeedFastAnswerTests.withServed(fileBodies: 1) { served in
            let target = served.fixture.networkFeed.replacingOccurrences(of: "calendar.ics", with: "feed.rss")
            let normal = try await served.server.exchange(target, headers: ["Accept-Encoding: gzip"])
            let thirty = Array(repeating: Self.request("GET", target, ["Accept-Encoding: gzip"]), count: 30).flatMap {
                $0
            }
            // Replayed while the connection can take more output; the rest by the normal path, checked all the same.
            let (received, replayed) = try await Self.replaying(served, target, headers: ["Accept-Encoding: gzip"]) {
                try await withThrowingTaskGroup(of: [[UInt8]].self) { group in
                    for _ in 0..<32 {
                        group.addTask {
                            try await served.server.exchange(
                                pieces: [thirty], answers: Array(repeating: false, count: 30))
                        }
                    }
                    return try await group.reduce(into: []) { $0 += $1 }
                }
            }
            #expect(received.count == 960)
            #expect(Set(Self.masked(received)) == [FeedFastAnswerTests.masked(normal)])
            #expect(replayed > 0)
        }
    }

    @Test(
        "the idle time-out: a connection polled more often stays open; one left idle, or only trickled into, is closed")
    func idleTimeout() async throws {
        // Each part is tried up to three times: the whole suite shares two cores and the event loops, and a busy
        // machine can hold a client (or the server's reading) back for longer than the time-out, when the server
        // rightly closes. A server that got the time-out wrong fails all three.
        let fixture = try await FeedsFixture()
        let server = try await LiveServer.start(
            workspace: fixture.harness.workspace, baseURL: "https://indaba.example.org", idleTimeout: .seconds(6))
        let target = fixture.seriesFeed(fixture.seriesOne)
        let get = Self.request("GET", target)
        _ = try? await server.exchange(pieces: [get, get], answers: [false, false])
        // Nine polls 900 ms apart span more than seven seconds, longer than the time-out: answered here or not, each
        // keeps it open; some are answered in front of the normal path.
        var kept = false
        for _ in 1...3 where !kept {
            let before = server.replay.replayedCount
            let busy = try? await server.exchange(
                pieces: Array(repeating: get, count: 9), answers: Array(repeating: false, count: 9),
                pause: .milliseconds(900))
            kept =
                busy?.count == 9 && busy!.allSatisfy { FeedFastAnswerTests.status($0) == 200 }
                && server.replay.replayedCount > before
        }
        #expect(kept, "a connection polled every 900 ms was closed, or no poll was answered in front, three times")
        // One poll, then nothing: the server closes the connection after the time-out (a second answer never comes;
        // left open, the client would give up after 30 s).
        var closedWhenIdle = false
        for _ in 1...3 where !closedWhenIdle {
            let start = ContinuousClock.now
            let idle = try? await server.exchange(pieces: [get], answers: [false, false])
            let waited = ContinuousClock.now - start
            closedWhenIdle = idle?.count == 1 && waited >= .milliseconds(5_900) && waited < .seconds(20)
        }
        #expect(closedWhenIdle, "an idle connection was not closed after the time-out, three times")
        // Bytes trickling in a second apart that never make a whole request do not keep it open: the server closes
        // it after the time-out, and a later write finds it closed (kept open, the twelve would take twelve seconds
        // and the answer would never come).
        var closedWhenTrickled = false
        for _ in 1...3 where !closedWhenTrickled {
            let start = ContinuousClock.now
            let trickled = try? await server.exchange(
                pieces: [Array("GET \(target) HTTP/1.1\r\nX-Slow: ".utf8)]
                    + Array(repeating: Array("a".utf8), count: 12),
                answers: [false], pause: .seconds(1))
            closedWhenTrickled = (trickled?.isEmpty ?? true) && ContinuousClock.now - start < .seconds(11)
        }
        #expect(closedWhenTrickled, "bytes trickling in kept a connection open, three times")
        await server.stop()
    }
}
