import Foundation
import Hummingbird
import Logging
import NIOEmbedded
import PluginKit
import Testing

@Suite("PluginKit JSON: one encoder for answers and command output, with stable bytes")
struct JSONResponseTests {
    struct Sample: Encodable {
        let zebra = 1
        let link = "https://example.org/a/b"
        let at = Date(timeIntervalSince1970: 1_767_323_045)  // 2026-01-02T03:04:05Z
    }

    static let compact = #"{"at":"2026-01-02T03:04:05Z","link":"https://example.org/a/b","zebra":1}"#

    @Test("the compact encoder sorts keys, writes ISO 8601 dates and leaves slashes unescaped")
    func compactBytes() throws {
        let text = String(decoding: try JSONEncoder.stable().encode(Sample()), as: UTF8.self)
        #expect(text == Self.compact)
    }

    @Test("the pretty encoder indents the same sorted keys")
    func prettyBytes() throws {
        let text = String(decoding: try JSONEncoder.stable(pretty: true).encode(Sample()), as: UTF8.self)
        #expect(
            text == """
                {
                  "at" : "2026-01-02T03:04:05Z",
                  "link" : "https://example.org/a/b",
                  "zebra" : 1
                }
                """)
    }

    @Test("a JSON response carries the status, content type, ETag, Location and extra headers given")
    func responseHeaders() async throws {
        let response = try JSONResponse.make(
            Sample(), status: .created, etag: "\"v1\"", location: "/things/1", headers: [.cacheControl: "no-store"])
        #expect(response.status == .created)
        #expect(response.headers[.contentType] == "application/json; charset=utf-8")
        #expect(response.headers[.eTag] == "\"v1\"")
        #expect(response.headers[.location] == "/things/1")
        #expect(response.headers[.cacheControl] == "no-store")
        #expect(String(decoding: try await response.bodyData, as: UTF8.self) == Self.compact)
    }

    @Test("a JSON response sends no ETag or Location unless given one")
    func responseDefaults() throws {
        let response = try JSONResponse.make(["a": 1])
        #expect(response.status == .ok)
        #expect(response.headers[.eTag] == nil)
        #expect(response.headers[.location] == nil)
    }

    @Test("a route that returns an Encodable value is answered with the same bytes as JSONResponse")
    func requestContextEncoder() async throws {
        let context = IndabaRequestContext(
            source: .init(channel: EmbeddedChannel(), logger: Logger(label: "test")))
        let request = Request(
            head: .init(method: .get, scheme: "http", authority: "localhost", path: "/"), body: .init(buffer: .init()))
        let response = try context.responseEncoder.encode(Sample(), from: request, context: context)
        #expect(response.headers[.contentType] == "application/json; charset=utf-8")
        #expect(String(decoding: try await response.bodyData, as: UTF8.self) == Self.compact)
    }
}
