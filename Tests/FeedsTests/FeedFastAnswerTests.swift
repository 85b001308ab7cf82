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

        init() async throws {
            fixture = try await FeedsFixture()
            logs = CapturedLogs()
            server = try await LiveServer.start(
                workspace: fixture.harness.workspace, baseURL: "https://indaba.example.org",
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
        func normalThenReplayed(_ target: String, headers: [String] = []) async throws -> (
            normal: [UInt8], replayed: [UInt8], replayedCount: Int
        ) {
            var attempt = 0
            while true {
                attempt += 1
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
    static func withServed(_ body: (Served) async throws -> Void) async throws {
        let served = try await Served()
        do {
            try await body(served)
        } catch {
            await served.server.stop()
            throw error
        }
        await served.server.stop()
    }

    @Test("200, gzip, 304 and ?download: the replayed answer is the normal path's, byte for byte, with its own id")
    func byteForByte() async throws {
        try await Self.withServed { served in
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
            ]
            for (target, headers, status) in cases {
                let (normal, replayed, count) = try await served.normalThenReplayed(target, headers: headers)
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
            #expect(last.metadata["principal"] == "anonymous" && last.metadata["http.status"] == "200")
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
