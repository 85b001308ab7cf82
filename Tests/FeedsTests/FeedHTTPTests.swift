import CompressNIO
import Foundation
import HTTPTypes
import Hummingbird
import Kernel
import KernelTesting
import PluginKit
import ServerTesting
import Testing

@testable import Feeds

@Suite("Feeds over HTTP: validators, 304, HEAD, gzip, invalidation and the per-organization gate")
struct FeedHTTPTests {
    @Test("a feed answers with a strong ETag, Last-Modified and Cache-Control; repeating with it gets 304, no body")
    func conditionalRequests() async throws {
        let fixture = try await FeedsFixture()
        let path = fixture.seriesFeed(fixture.seriesOne)
        let first = try await fixture.client.get(path)
        #expect(first.status == 200)
        #expect(first.header("Content-Type") == "text/calendar; charset=utf-8")
        #expect(first.header("Cache-Control") == "public, max-age=3600")
        let etag = try #require(first.header("ETag"))
        let lastModified = try #require(first.header("Last-Modified"))
        #expect(etag.hasPrefix("\"") && !etag.hasPrefix("W/"))
        for match in [etag, "W/\(etag)", "\"nope\", \(etag)", "*"] {
            let again = try await fixture.client.request(.get, path, headers: ["If-None-Match": match])
            #expect(again.status == 304, "If-None-Match: \(match)")
            #expect(again.body.isEmpty && again.header("ETag") == etag)
        }
        #expect(try await fixture.client.request(.get, path, headers: ["If-None-Match": "\"nope\""]).status == 200)
        #expect(
            try await fixture.client.request(.get, path, headers: ["If-Modified-Since": lastModified]).status == 304)
        let earlier = "Thu, 01 Jan 2015 00:00:00 GMT"
        #expect(try await fixture.client.request(.get, path, headers: ["If-Modified-Since": earlier]).status == 200)
        // If-None-Match wins over If-Modified-Since.
        let both = try await fixture.client.request(
            .get, path, headers: ["If-None-Match": "\"nope\"", "If-Modified-Since": lastModified])
        #expect(both.status == 200)
    }

    @Test("If-Modified-Since is read in all three HTTP date formats (RFC 9110 §5.6.7), not only IMF-fixdate")
    func ifModifiedSinceFormats() async throws {
        let fixture = try await FeedsFixture()
        let path = fixture.seriesFeed(fixture.seriesOne)
        let first = try await fixture.client.get(path)
        let lastModified = try #require(first.header("Last-Modified"))
        let since = try #require(ConditionalGet.httpDate(lastModified, now: fixture.harness.clock.now))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: since)
        let days = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let time = "\(two(c.hour!)):\(two(c.minute!)):\(two(c.second!))"
        let month = months[c.month! - 1]
        let rfc850 = "\(days[c.weekday! - 1]), \(two(c.day!))-\(month)-\(two(c.year! % 100)) \(time) GMT"
        let day = c.day! < 10 ? " \(c.day!)" : "\(c.day!)"
        let asctime = "\(days[c.weekday! - 1].prefix(3)) \(month) \(day) \(time) \(c.year!)"
        for header in [rfc850, asctime] {
            let reply = try await fixture.client.request(.get, path, headers: ["If-Modified-Since": header])
            #expect(reply.status == 304, "If-Modified-Since: \(header)")
        }
        for header in ["Thursday, 01-Jan-15 00:00:00 GMT", "Thu Jan  1 00:00:00 2015"] {
            let reply = try await fixture.client.request(.get, path, headers: ["If-Modified-Since": header])
            #expect(reply.status == 200, "If-Modified-Since: \(header)")
        }
    }

    @Test("HEAD has the headers of GET and no body; gzip is served when accepted, with its own ETag")
    func headAndGzip() async throws {
        let fixture = try await FeedsFixture()
        let path = fixture.organizationFeed
        let get = try await fixture.client.get(path)
        let head = try await fixture.client.request(.head, path)
        #expect(head.status == 200 && head.body.isEmpty)
        #expect(head.header("Content-Length") == String(get.body.count) && head.header("ETag") == get.header("ETag"))
        let zipped = try await fixture.client.request(.get, path, headers: ["Accept-Encoding": "br, gzip;q=0.8"])
        #expect(zipped.header("Content-Encoding") == "gzip" && zipped.header("Vary") == "Accept-Encoding")
        #expect(zipped.header("ETag") != get.header("ETag"))
        var buffer = ByteBuffer(bytes: zipped.body)
        let unzipped = try buffer.decompress(with: .gzip())
        #expect(Data(unzipped.readableBytesView) == get.body)
        #expect(zipped.body.count < get.body.count)
        let refused = try await fixture.client.request(.get, path, headers: ["Accept-Encoding": "gzip;q=0"])
        #expect(refused.header("Content-Encoding") == nil)
        let revalidated = try await fixture.client.request(
            .get, path, headers: ["Accept-Encoding": "gzip", "If-None-Match": zipped.header("ETag")!])
        #expect(revalidated.status == 304)
    }

    @Test("rescheduling bumps SEQUENCE and changes the ETag of exactly the feeds that contain the session")
    func reschedulingChangesExactlyTheAffectedFeeds() async throws {
        let fixture = try await FeedsFixture()
        let paths = [
            fixture.seriesFeed(fixture.seriesOne), fixture.seriesFeed(fixture.seriesTwo), fixture.organizationFeed,
            fixture.networkFeed,
        ]
        var before: [String: String] = [:]
        for path in paths { before[path] = try await fixture.client.get(path).header("ETag") }
        let cache = fixture.plugin.cache
        #expect(cache.count == 4)
        try await fixture.rescheduleIntro()
        // The event evicted the three feeds showing the session; the other series' feed stays cached.
        #expect(cache.holds(.series(WebinarSeries.ID(fixture.seriesTwo))))
        #expect(!cache.holds(.series(WebinarSeries.ID(fixture.seriesOne))))
        #expect(cache.count == 1)
        var after: [String: String] = [:]
        for path in paths { after[path] = try await fixture.client.get(path).header("ETag") }
        #expect(after[paths[0]] != before[paths[0]])
        #expect(after[paths[1]] == before[paths[1]])
        #expect(after[paths[2]] != before[paths[2]] && after[paths[3]] != before[paths[3]])
        let lines = unfold(try await fixture.client.get(paths[0]).text)
        let intro = lines.drop { !$0.hasPrefix("UID:indaba-session-1@") }
        #expect(intro.first { $0.hasPrefix("SEQUENCE:") } == "SEQUENCE:2")
        #expect(intro.first { $0.hasPrefix("DTSTART") } == "DTSTART;TZID=Africa/Harare:20230621T150000")
        let stale = try await fixture.client.request(.get, paths[0], headers: ["If-None-Match": before[paths[0]]!])
        #expect(stale.status == 200)
    }

    @Test("cancelling keeps the event, marked STATUS:CANCELLED, with a higher SEQUENCE")
    func cancellingKeepsTheEvent() async throws {
        let fixture = try await FeedsFixture()
        try await fixture.harness.workspace.write(as: AuditActor("test")) { transaction in
            try transaction.cancel(try Lookup.session("testnet/webinars/series-one/feedback", in: transaction.db).id!)
        }
        let lines = unfold(try await fixture.client.get(fixture.seriesFeed(fixture.seriesOne)).text)
        #expect(lines.filter { $0 == "BEGIN:VEVENT" }.count == 3)
        let feedback = Array(lines.drop { !$0.hasPrefix("UID:indaba-session-3@") }.prefix { $0 != "END:VEVENT" })
        #expect(feedback.contains("STATUS:CANCELLED") && feedback.contains("SEQUENCE:2"))
        #expect(feedback.contains("SUMMARY:Cancelled: Feedback"))
    }

    /// One cancelled after publication stays, marked cancelled, so calendar apps drop its events.
    @Test("a series cancelled before it was ever published is in no feed, as the API and the page say")
    func neverPublishedCancelledSeries() async throws {
        let fixture = try await FeedsFixture()
        try await fixture.harness.importText(
            Samples.network(replacing: "slug: series-one", with: "slug: series-three")
                .replacingOccurrences(of: "title: Series One", with: "title: Series Three")
                .replacingOccurrences(of: "status: published", with: "status: cancelled")
                .replacingOccurrences(of: "title: Introduction", with: "title: Secret agenda"))
        let seriesThree = try await fixture.harness.workspace.read { db in
            try Lookup.series("testnet/webinars/series-three", in: db).id!.rawValue
        }
        #expect(try await fixture.client.get("/api/v1/series/\(seriesThree)").status == 404)
        for format in FeedFormat.allCases {
            let own = "/public/orgs/\(fixture.network)/feeds/series/\(seriesThree)/\(format.fileName)"
            #expect(try await fixture.client.get(own).status == 404, "\(format)")
            for wide in ["organization", "network"] {
                let feed = try await fixture.client.get(
                    "/public/orgs/\(fixture.network)/feeds/\(wide)/\(format.fileName)")
                #expect(feed.status == 200, "\(wide) \(format)")
                #expect(feed.text.contains("Introduction"), "\(wide) \(format)")
                #expect(
                    !feed.text.contains("Series Three") && !feed.text.contains("Secret agenda"), "\(wide) \(format)")
            }
        }
        // Series two was published; cancelled now, its events stay in the feeds, marked cancelled.
        try await fixture.harness.workspace.write(as: AuditActor("test")) { transaction in
            var series = try Lookup.series("testnet/webinars/series-two", in: transaction.db)
            series.status = .cancelled
            try transaction.save(series)
        }
        let cancelled = unfold(try await fixture.client.get(fixture.seriesFeed(fixture.seriesTwo)).text)
        #expect(cancelled.filter { $0 == "STATUS:CANCELLED" }.count == 3)
        let organization = try await fixture.client.get(fixture.organizationFeed).text
        #expect(organization.contains("Series Two") && !organization.contains("Secret agenda"))
    }

    @Test("feeds exist only where the plugin is enabled, and only for the organization's non-draft series")
    func gate() async throws {
        let fixture = try await FeedsFixture()
        #expect(
            try await fixture.client.get("/public/orgs/\(fixture.member)/feeds/organization/calendar.ics").status == 404
        )
        #expect(try await fixture.client.get("/public/orgs/\(fixture.member)/feeds/network/calendar.ics").status == 404)
        #expect(
            try await fixture.client.get("/public/orgs/\(fixture.network)/feeds/series/999/calendar.ics").status == 404)
        try await fixture.harness.workspace.write(as: AuditActor("test")) { transaction in
            var series = try Lookup.series("testnet/webinars/series-two", in: transaction.db)
            series.status = .draft
            try transaction.save(series)
        }
        #expect(try await fixture.client.get(fixture.seriesFeed(fixture.seriesTwo)).status == 404)
        let registry = fixture.harness.workspace.registry
        let network = Organization.ID(fixture.network)
        try await fixture.harness.workspace.write(as: AuditActor("test")) {
            try $0.disable("feeds", for: network, registry: registry)
        }
        #expect(try await fixture.client.get(fixture.networkFeed).status == 404)
    }

    @Test("settings change the feed: title, colour, refresh interval, facilitators, join links")
    func settings() async throws {
        let fixture = try await FeedsFixture()
        let registry = fixture.harness.workspace.registry
        let network = Organization.ID(fixture.network)
        try await fixture.harness.workspace.write(as: AuditActor("test")) {
            try $0.changeSettings(
                of: "feeds", for: network,
                [
                    "title": "Testnet webinars", "color": "teal", "refreshMinutes": 15, "showFacilitators": false,
                    "publicJoinLinks": true,
                ], registry: registry)
        }
        let reply = try await fixture.client.get(fixture.networkFeed)
        let lines = unfold(reply.text)
        #expect(lines.contains("NAME:Testnet webinars") && lines.contains("COLOR:teal"))
        #expect(lines.contains("REFRESH-INTERVAL;VALUE=DURATION:PT15M"))
        #expect(reply.header("Cache-Control") == "public, max-age=900")
        #expect(!reply.text.contains("Facilitators:"))
        #expect(
            lines.contains {
                $0.hasPrefix(
                    "CONFERENCE;VALUE=URI;FEATURE=AUDIO,VIDEO;LABEL=Join the session:https://meet.example.org/one")
            })
        let refused = await #expect(throws: SettingsError.self) {
            try await fixture.harness.workspace.write(as: AuditActor("test")) {
                try $0.changeSettings(of: "feeds", for: network, ["color": "#008080"], registry: registry)
            }
        }
        #expect(refused?.description.contains("CSS colour name") == true)
    }

    @Test("subscribe links: https and webcal for the organization, the network and each series")
    func subscribeLinks() async throws {
        let fixture = try await FeedsFixture()
        let token = try await fixture.harness.workspace.write(as: AuditActor("test")) { [network = fixture.network] in
            try $0.createToken(role: .organizationAdmin, organization: Organization.ID(network)).secret
        }
        let reply = try await fixture.client.get("/api/v1/orgs/\(fixture.network)/feeds/urls", token: token)
        #expect(reply.status == 200)
        let organization = try #require(reply.json["organization"] as? [String: String])
        let folder = "indaba.example.org/public/orgs/\(fixture.network)/feeds/organization"
        #expect(organization["ics"] == "https://\(folder)/calendar.ics")
        #expect(organization["webcal"] == "webcal://\(folder)/calendar.ics")
        #expect(
            organization["rss"] == "https://\(folder)/feed.rss" && organization["atom"] == "https://\(folder)/feed.atom"
        )
        #expect(organization["xcal"] == "https://\(folder)/calendar.xcs")
        #expect(organization["schedule"] == "https://\(folder)/schedule.xml")
        #expect((reply.json["series"] as? [[String: String]])?.count == 2)
        #expect(try await fixture.client.get("/api/v1/orgs/\(fixture.network)/feeds/urls").status == 401)
    }

    @Test("polls between changes are answered from the cache, even after the state expires")
    func pollsHitTheCache() async throws {
        let fixture = try await FeedsFixture()
        let cache = fixture.plugin.cache
        _ = try await fixture.client.get(fixture.networkFeed)
        #expect(cache.hits == 0)
        _ = try await fixture.client.get(fixture.networkFeed)
        _ = try await fixture.client.request(.get, fixture.networkFeed, headers: ["Accept-Encoding": "gzip"])
        #expect(cache.hits == 2)
        try await Task.sleep(for: .milliseconds(1100))  // the remembered version expires; the bytes stay valid
        _ = try await fixture.client.get(fixture.networkFeed)
        #expect(cache.hits == 3)
    }

    @Test("Last-Modified moves when a facilitator is renamed; personal feeds are private; odd ids are 404")
    func lastModifiedAndPrivacy() async throws {
        let fixture = try await FeedsFixture()
        let path = fixture.seriesFeed(fixture.seriesOne)
        let before = try #require(try await fixture.client.get(path).header("Last-Modified"))
        fixture.harness.clock.advance(by: 120)
        try await fixture.harness.workspace.write(as: AuditActor("test")) { transaction in
            var person = try Lookup.person("facilitator@example.org", in: transaction.db)
            person.displayName = "Renamed Facilitator"
            try transaction.save(person)
        }
        let after = try await fixture.client.request(.get, path, headers: ["If-Modified-Since": before])
        #expect(after.status == 200 && after.header("Last-Modified") != before)
        #expect(unfold(after.text).joined().contains("Renamed Facilitator"))
        #expect(
            try await fixture.client.get("/public/orgs/\(fixture.network)/feeds/series/abc/calendar.ics").status == 404)

        let admin = try await fixture.harness.workspace.write(as: AuditActor("test")) { [network = fixture.network] in
            try $0.createToken(role: .organizationAdmin, organization: Organization.ID(network)).secret
        }
        let person = try await fixture.harness.workspace.read { db in
            try Lookup.person("participant.one@example.org", in: db).id!
        }
        let issued = try await fixture.client.request(
            .post, "/api/v1/orgs/\(fixture.network)/feeds/personal/\(person)", token: admin)
        let url = try #require(issued.json["ics"] as? String)
        let personal = try await fixture.client.get(String(url.dropFirst("https://indaba.example.org".count)))
        #expect(personal.header("Cache-Control") == "private, max-age=3600")
    }

    @Test("colours must be CSS colour names")
    func colours() async throws {
        let fixture = try await FeedsFixture()
        let registry = fixture.harness.workspace.registry
        let network = Organization.ID(fixture.network)
        for bad in ["notacolour", "rebeccapurple", "#008080"] {
            await #expect(throws: SettingsError.self) {
                try await fixture.harness.workspace.write(as: AuditActor("test")) {
                    try $0.changeSettings(of: "feeds", for: network, ["color": .string(bad)], registry: registry)
                }
            }
        }
        try await fixture.harness.workspace.write(as: AuditActor("test")) {
            try $0.changeSettings(of: "feeds", for: network, ["color": "DarkOrange"], registry: registry)
        }
        #expect(unfold(try await fixture.client.get(fixture.networkFeed).text).contains("COLOR:darkorange"))
    }
}
