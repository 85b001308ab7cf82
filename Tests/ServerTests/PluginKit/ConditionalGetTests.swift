import Foundation
import Hummingbird
import PluginKit
import ServerTesting
import Testing

@Suite("PluginKit conditional GET: If-None-Match against the current ETags")
struct ConditionalGetTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let header: String
        let etags: [String]
        let matches: Bool
        var testDescription: String { "\(header) against \(etags)" }
    }

    static let cases: [Case] = [
        .init(header: "\"a\"", etags: ["\"a\""], matches: true),
        .init(header: "\"b\"", etags: ["\"a\""], matches: false),
        .init(header: "W/\"a\"", etags: ["\"a\""], matches: true),
        .init(header: "\"a\"", etags: ["W/\"a\""], matches: true),
        .init(header: "\"x\", \"a\"", etags: ["\"a\""], matches: true),
        .init(header: "\"x\",\"y\"", etags: ["\"a\"", "\"b\""], matches: false),
        .init(header: "\"a-gz\"", etags: ["\"a\"", "\"a-gz\""], matches: true),
        .init(header: "*", etags: ["\"a\""], matches: true),
        .init(header: "a", etags: ["\"a\""], matches: false),
    ]

    @Test("weak comparison, lists and * are understood", arguments: cases)
    func matching(_ item: Case) {
        #expect(ConditionalGet.ifNoneMatch(item.header, matchesAnyOf: item.etags) == item.matches)
    }

    @Test("an API GET repeated with its ETag gets 304 without a body; a stale or weak-prefixed tag is compared weakly")
    func middleware() async throws {
        let fixture = try await TwoNetworks()
        let (path, token) = ("/api/v1/series/\(fixture.own.series)", fixture.tokens[.coordinator])
        let first = try await fixture.client.get(path, token: token)
        let etag = try #require(first.header("ETag"))
        #expect(first.status == 200)
        for match in [etag, "W/\(etag)", "\"stale\", \(etag)", "*"] {
            let again = try await fixture.client.request(.get, path, token: token, headers: ["If-None-Match": match])
            #expect(again.status == 304, "If-None-Match: \(match)")
            #expect(again.body.isEmpty)
            #expect(again.header("ETag") == etag)
        }
        let stale = try await fixture.client.request(.get, path, token: token, headers: ["If-None-Match": "\"stale\""])
        #expect(stale.status == 200)
        #expect(stale.body == first.body)
    }

    @Test("the 304 answer has no body and repeats the ETag")
    func notModified() async throws {
        let response = ConditionalGet.notModified(etag: "\"a\"")
        #expect(response.status == .notModified)
        #expect(response.headers[.eTag] == "\"a\"")
        #expect(try await response.bodyData.isEmpty)
    }
}
