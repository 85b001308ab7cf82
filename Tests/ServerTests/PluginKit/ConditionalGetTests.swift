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

    @Test(
        "HTTP dates in all three formats read as the same instant; malformed ones are refused",
        arguments: [
            "Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994",
        ])
    func httpDates(_ text: String) throws {
        let now = Date(timeIntervalSince1970: 1_800_000_000)  // 2027
        let date = try #require(ConditionalGet.httpDate(text, now: now))
        #expect(date == Date(timeIntervalSince1970: 784_111_777))
    }

    @Test("a two-digit RFC 850 year is at most 50 years ahead; nonsense is no date")
    func rfc850Years() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)  // 2027-01-15T08:00:00Z
        let recent = ConditionalGet.httpDate("Friday, 15-Jan-27 08:00:00 GMT", now: now)
        #expect(recent == now)
        let past = ConditionalGet.httpDate("Wednesday, 15-Jan-80 08:00:00 GMT", now: now)
        #expect(past == Date(timeIntervalSince1970: 316_742_400 + 8 * 3600))
        for bad in [
            "", "yesterday", "Sun, 31 Feb 1994 08:49:37 GMT", "Sun, 06 Nov 1994 25:49:37 GMT",
            "Sun Foo  6 08:49:37 1994",
        ] {
            #expect(ConditionalGet.httpDate(bad, now: now) == nil, "\(bad)")
        }
        // A future date cannot come from an earlier response: it is ignored.
        #expect(!ConditionalGet.unmodified(since: "Sun, 06 Nov 2094 08:49:37 GMT", lastModified: now, now: now))
        #expect(
            ConditionalGet.unmodified(
                since: "Sun Nov  6 08:49:37 1994", lastModified: .init(timeIntervalSince1970: 0), now: now))
    }

    @Test("the 304 answer has no body and repeats the ETag")
    func notModified() async throws {
        let response = ConditionalGet.notModified(etag: "\"a\"")
        #expect(response.status == .notModified)
        #expect(response.headers[.eTag] == "\"a\"")
        #expect(try await response.bodyData.isEmpty)
    }
}
