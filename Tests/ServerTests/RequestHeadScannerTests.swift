import KernelTesting
import NIOCore
import NIOEmbedded
import NIOHTTP1
import Testing

@testable import Server

/// The front of the connection reads request heads itself (``RequestHeadScanner``); NIO's parser must agree with
/// it on every head it accepts, or the two would disagree on where a request ends.
@Suite("Request heads read from the connection's bytes: a strict subset NIO's parser reads the same way")
struct RequestHeadScannerTests {
    static func scan(_ text: String) -> RequestHeadScanner.Result {
        Array(text.utf8).withUnsafeBytes { RequestHeadScanner.scan($0) }
    }

    static func head(_ text: String) -> RawRequestHead? {
        if case .head(let head) = scan(text) { head } else { nil }
    }

    static func isUnreadable(_ text: String) -> Bool {
        if case .unreadable = scan(text) { true } else { false }
    }

    @Test("a plain head: method, target, fields in lower case without leading spaces, and its exact length")
    func plainHead() throws {
        let text =
            "GET /public/orgs/1/feeds/network/calendar.ics?download HTTP/1.1\r\nHost: a\r\n"
            + "If-None-Match:  \"x\"\r\nACCEPT-encoding: gzip\r\naccept-encoding: br \r\n\r\n"
        let head = try #require(Self.head(text + "GET / HTTP/1.1\r\n"))
        #expect(head.method == "GET" && head.isHTTP11)
        #expect(head.target == "/public/orgs/1/feeds/network/calendar.ics?download")
        #expect(head.length == text.utf8.count)
        #expect(head.value(of: "if-none-match") == "\"x\"")
        #expect(head.value(of: "accept-encoding") == "gzip, br ", "spaces after a value are kept, as NIO keeps them")
        #expect(head.leavesConnectionAsItWas)
        #expect(Self.head("GET / HTTP/1.1\r\nConnection: close\r\n\r\n")?.leavesConnectionAsItWas == false)
        #expect(Self.head("GET / HTTP/1.1\r\nConnection: keep-alive, close\r\n\r\n")?.leavesConnectionAsItWas == false)
        #expect(Self.head("GET / HTTP/1.1\r\nConnection: Upgrade\r\n\r\n")?.leavesConnectionAsItWas == false)
        #expect(Self.head("GET / HTTP/1.1\r\nConnection: Keep-Alive\r\n\r\n")?.leavesConnectionAsItWas == true)
        #expect(
            Self.head("GET / HTTP/1.1\r\nConnection: keep-alive\r\nConnection: KEEP-ALIVE\r\n\r\n")?
                .leavesConnectionAsItWas == true)
        #expect(Self.head("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")?.leavesConnectionAsItWas == false)
        #expect(Self.head("GET / HTTP/1.1\r\nConnection: keep-alive \r\n\r\n")?.leavesConnectionAsItWas == false)
        // The Kelvin sign lower-cases to an ASCII "k" under Unicode's rules, but it is not the token.
        #expect(Self.head("GET / HTTP/1.1\r\nConnection: \u{212A}eep-alive\r\n\r\n")?.leavesConnectionAsItWas == false)
        #expect(RawRequestHead.isKeepAlive("keep\ralive") == false)
        #expect(Self.head("GET / HTTP/1.0\r\n\r\n")?.leavesConnectionAsItWas == false)
        #expect(Self.head("POST / HTTP/1.1\r\n\r\n")?.leavesConnectionAsItWas == false)
        #expect(head.value(of: "cookie") == nil)
        #expect(head.isBodiless)
        #expect(Self.head("GET / HTTP/1.0\r\n\r\n")?.isHTTP11 == false)
    }

    @Test("every cut-off head is incomplete, however it is cut")
    func cutOffHeads() {
        let text = "GET /a HTTP/1.1\r\nHost: a\r\nIf-None-Match: *\r\n\r\n"
        for end in 0..<text.utf8.count {
            let prefix = String(decoding: Array(text.utf8)[..<end], as: UTF8.self)
            guard case .incomplete = Self.scan(prefix) else {
                Issue.record("\(end) bytes were not incomplete")
                continue
            }
        }
    }

    @Test("bodies: a Content-Length other than 0, or any Transfer-Encoding, is a body")
    func bodies() throws {
        #expect(try #require(Self.head("POST / HTTP/1.1\r\nContent-Length: 0\r\n\r\n")).isBodiless)
        #expect(try #require(Self.head("POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\n")).isBodiless == false)
        #expect(try #require(Self.head("POST / HTTP/1.1\r\nContent-Length: 00\r\n\r\n")).isBodiless == false)
        #expect(try #require(Self.head("GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n")).isBodiless == false)
    }

    @Test("outside the subset: left to NIO's parser")
    func unreadable() {
        let cases = [
            "GET / HTTP/1.1\nHost: a\r\n\r\n",  // bare LF
            "GET / HTTP/1.1\r\nHost: a\rb\r\n\r\n",  // bare CR
            "GET / HTTP/1.1\r\nHost: a\r\n folded\r\n\r\n",  // obsolete line folding
            "\r\nGET / HTTP/1.1\r\n\r\n",  // an empty line first
            "GET / HTTP/1.1\r\nHost : a\r\n\r\n",  // space before the colon
            "GET / HTTP/1.1\r\nHost: a\u{0}b\r\n\r\n",  // NUL
            "GET / HTTP/1.1\r\nHost: a\u{7F}\r\n\r\n",  // DEL
            "GET http://a/ HTTP/1.1\r\n\r\n",  // absolute form
            "GET  / HTTP/1.1\r\n\r\n",  // two spaces
            "GET / HTTP/2.0\r\n\r\n",
            "GET / HTTP/1.1 \r\n\r\n",
            "G(T / HTTP/1.1\r\n\r\n",
            "GET /a b HTTP/1.1\r\n\r\n",
            "GET / HTTP/1.1\r\n: a\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: " + String(repeating: "a", count: 20_000) + "\r\n\r\n",
        ]
        for text in cases { #expect(Self.isUnreadable(text), "\(text.debugDescription.prefix(60))") }
        // No end within the limit: unreadable rather than waiting for ever.
        #expect(Self.isUnreadable("GET / HTTP/1.1\r\nHost: " + String(repeating: "a", count: 20_000)))
    }

    /// The parts NIO's parser gives for `bytes`, or `nil` when it refuses them.
    static func nioParts(_ bytes: [UInt8]) -> [HTTPServerRequestPart]? {
        let channel = EmbeddedChannel()
        defer { _ = try? channel.finish() }
        do {
            try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(HTTPRequestDecoder()))
            try channel.writeInbound(ByteBuffer(bytes: bytes))
            var parts: [HTTPServerRequestPart] = []
            while let part = try channel.readInbound(as: HTTPServerRequestPart.self) { parts.append(part) }
            return parts
        } catch {
            return nil
        }
    }

    /// A request head from pieces that are sometimes outside the subset (about half the heads have none that are).
    static func randomHead(_ random: inout SeededGenerator) -> [UInt8] {
        let strict = Bool.random(using: &random)
        /// One of `good`, or (unless the head is strict) of `good` and `odd` alike.
        func pick(_ good: [String], _ odd: [String] = []) -> String {
            let values = strict ? good : good + odd
            return values[Int.random(in: 0..<values.count, using: &random)]
        }
        let method = pick(["GET", "HEAD", "GET"], ["POST", "get", "M-SEARCH", ""])
        let target = pick(["/", "/a?b=c", "/x%20y", "/a#f", "/a\"b", "/{x}", "/é"], ["*", "http://h/", ""])
        let version = pick(["HTTP/1.1"], ["HTTP/1.0", "http/1.1", "HTTP/2", "HTTP/1.1 "])
        var text = method + pick([" "], ["  ", "\t"]) + target + " " + version + pick(["\r\n"], ["\n", "\r"])
        for _ in 0..<Int.random(in: 0...5, using: &random) {
            text += pick([""], [" ", "\t"])
            text += pick(
                ["Host", "If-None-Match", "accept-encoding", "X-A", "a_b", "Connection"], ["Bad Name", "", "Upgrade"])
            text += pick([":", ": ", ":\t"], [" :"])
            text += pick(
                ["a", " spaced ", "\t", "", "é", "1, 2", "0", "\"x\"", "keep-alive", "Keep-Alive", "close"],
                ["x\u{7F}", "\u{1}", "a\rb", "a\nb"])
            text += pick(["\r\n"], ["\n", "\r"])
        }
        return Array((text + "\r\n").utf8)
    }

    @Test(
        "on 20,000 random heads, every GET or HEAD the scanner reads, NIO's parser reads alike, ending at the same byte"
    )
    func agreesWithNIO() throws {
        var random = SeededGenerator(seed: 19)
        var accepted = 0
        let next = Array("GET /next HTTP/1.1\r\nHost: b\r\n\r\n".utf8)
        for _ in 0..<20_000 {
            let bytes = Self.randomHead(&random)
            let scanned = bytes.withUnsafeBytes { RequestHeadScanner.scan($0) }
            // What the front passes on to NIO's parser and stays in front of.
            guard case .head(let head) = scanned, head.leavesConnectionAsItWas else { continue }
            accepted += 1
            let text = String(decoding: bytes, as: UTF8.self).debugDescription
            #expect(head.length == bytes.count, "\(text)")
            // A second request right behind it: NIO must find it where the scanner says the first ends.
            guard let parts = Self.nioParts(bytes + next), parts.count == 4,
                case .head(let first) = parts[0], case .end = parts[1], case .head(let second) = parts[2]
            else {
                Issue.record("NIO read \(text) otherwise")
                continue
            }
            #expect(first.method.rawValue == head.method, "\(text)")
            // NIO, too, reads the connection as staying open after it.
            #expect(first.isKeepAlive, "\(text)")
            #expect(first.uri == head.target, "\(text)")
            #expect(first.headers.map { [$0.name.lowercased(), $0.value] } == head.fields.map { [$0.name, $0.value] })
            #expect(second.uri == "/next")
        }
        #expect(accepted > 5_000, "too few heads in the subset to say much")
    }
}
