import Foundation
import HTTPTypes
import Kernel
import KernelTesting
import ServerTesting
import Testing

@testable import Feeds

@Suite("What calendar apps without RFC 7986 see: join links, calendar zone and description, downloads, frab limits")
struct CalendarAppTests {
    @Test("a join link is also in LOCATION, URL and DESCRIPTION, in iCalendar and xCal, only where links are shown")
    func joinLinks() async throws {
        let fixture = try await FeedsFixture()
        let path = fixture.seriesFeed(fixture.seriesOne)
        // Public feeds without publicJoinLinks show the link nowhere.
        let hidden = try await fixture.client.get(path).text
        #expect(!hidden.contains("meet.example.org"))
        let registry = fixture.harness.workspace.registry
        try await fixture.harness.workspace.write(as: AuditActor("test")) {
            try $0.changeSettings(
                of: "feeds", for: Organization.ID(fixture.network), ["publicJoinLinks": true], registry: registry)
        }
        let lines = unfold(try await fixture.client.get(path).text)
        let event = lines.drop { $0 != "SUMMARY:Introduction" }.prefix { $0 != "END:VEVENT" }
        #expect(event.contains("LOCATION:https://meet.example.org/one"))
        #expect(event.contains("URL;VALUE=URI:https://meet.example.org/one"))
        #expect(
            event.contains { $0.hasPrefix("DESCRIPTION:") && $0.hasSuffix("\\nJoin: https://meet.example.org/one") })
        // Without the writer's indentation between elements.
        let xcal = try await fixture.client.get(path.replacingOccurrences(of: "calendar.ics", with: "calendar.xcs"))
            .text
            .replacing(/>\s+</, with: "><")
        #expect(xcal.contains("<location><text>https://meet.example.org/one</text></location>"))
        #expect(xcal.contains("<url><uri>https://meet.example.org/one</uri></url>"))
    }

    @Test("the calendar names its zone and description (X-WR-TIMEZONE, X-WR-CALDESC), in iCalendar and xCal")
    func calendarProperties() async throws {
        let fixture = try await FeedsFixture()
        let lines = unfold(try await fixture.client.get(fixture.networkFeed).text)
        #expect(lines.contains("X-WR-TIMEZONE:Africa/Harare"))
        let (client, folder) = try await hostileSeries()
        let series = unfold(try await client.get("\(folder)/calendar.ics").text)
        #expect(series.contains("X-WR-TIMEZONE:Europe/Berlin"))
        #expect(series.contains { $0.hasPrefix("X-WR-CALDESC:Line one\\nLine two\\, with commas\\;") })
        let xcal = try await client.get("\(folder)/calendar.xcs").text.replacing(/>\s+</, with: "><")
        #expect(xcal.contains("<x-wr-timezone><unknown>Europe/Berlin</unknown></x-wr-timezone>"))
        #expect(xcal.contains("<x-wr-caldesc><unknown>Line one"))
    }

    @Test(".ics answers are named calendar.ics: inline for subscriptions, an attachment for the page's download")
    func contentDisposition() async throws {
        let fixture = try await FeedsFixture()
        let subscription = try await fixture.client.get(fixture.networkFeed)
        #expect(subscription.header("Content-Disposition") == "inline; filename=\"calendar.ics\"")
        let download = try await fixture.client.get(fixture.networkFeed + "?download")
        #expect(download.header("Content-Disposition") == "attachment; filename=\"calendar.ics\"")
        #expect(download.body == subscription.body)
        let rss = try await fixture.client.get(
            fixture.networkFeed.replacingOccurrences(of: "calendar.ics", with: "feed.rss"))
        #expect(rss.header("Content-Disposition") == nil)
    }

    @Test("a live session longer than frab's 99:59 is left out of schedule.xml, never shown with a clamped end")
    func longSessionsLeaveFrab() async throws {
        let fixture = try await FeedsFixture()
        let session = try await fixture.harness.workspace.write(as: AuditActor("test")) { transaction in
            let session = try Lookup.session("testnet/webinars/series-one/intro", in: transaction.db)
            try transaction.reschedule(
                session.id!, startsAt: session.startsAt, endsAt: session.startsAt.addingTimeInterval(101 * 3600))
            return session
        }
        let folder = "/public/orgs/\(fixture.network)/feeds/series/\(fixture.seriesOne)"
        let frab = try await fixture.client.get("\(folder)/schedule.xml").text
        #expect(!frab.contains("<event id=\"\(session.id!.rawValue)\""))
        #expect(!frab.contains("99:59"))
        let ics = try await fixture.client.get("\(folder)/calendar.ics").text
        #expect(ics.contains("SUMMARY:Introduction"))
        // The feed's log says so, by session id.
        #expect(
            fixture.harness.logs.records.contains {
                $0.message.contains("left out of a frab schedule")
                    && $0.metadata["session.ids"] == "[\(session.id!.rawValue)]"
            })
    }

    private func hostileSeries() async throws -> (TestClient, String) {
        let harness = try PluginHarness(plugins: [FeedsPlugin.self])
        try await harness.importFixture("feeds/hostile.yaml")
        let (organization, series) = try await harness.workspace.read { db in
            (try Lookup.organization("hostile", in: db), try Lookup.series("hostile/edge-cases/hostile-series", in: db))
        }
        let registry = harness.workspace.registry
        try await harness.workspace.write(as: AuditActor("test")) {
            try $0.enable("feeds", for: organization.id!, registry: registry)
        }
        return (TestClient(workspace: harness.workspace), "/public/orgs/\(organization.id!)/feeds/series/\(series.id!)")
    }
}

@Suite("Feeds speak their organization's language")
struct FeedLanguageTests {
    @Test("with French as the organization's language: the words of every format, and its language tag")
    func french() async throws {
        let fixture = try await FeedsFixture()
        let network = Organization.ID(fixture.network)
        let registry = fixture.harness.workspace.registry
        try await fixture.harness.workspace.write(as: AuditActor("test")) {
            try $0.changeSettings(of: "feeds", for: network, ["publicJoinLinks": true], registry: registry)
        }
        let path = fixture.seriesFeed(fixture.seriesOne)
        let english = try await fixture.client.get(path)
        #expect(english.text.contains("Join the session"))
        try await fixture.harness.workspace.write(as: AuditActor("test")) {
            try $0.setDefaultLanguage(.french, for: network)
        }
        // The organization's change moves the validator: a calendar app revalidating gets the French feed.
        let etag = try #require(english.header("ETag"))
        let french = try await fixture.client.request(.get, path, headers: ["If-None-Match": etag])
        #expect(french.status == 200)
        let event = unfold(french.text).drop { $0 != "SUMMARY:Introduction" }.prefix { $0 != "END:VEVENT" }
        #expect(event.contains { $0.hasPrefix("DESCRIPTION:") && $0.contains(", session 1.") })
        #expect(
            event.contains {
                $0.hasPrefix("DESCRIPTION:") && $0.hasSuffix("\\nRejoindre : https://meet.example.org/one")
            })
        #expect(event.contains { $0.contains("LABEL=Rejoindre la session") })
        #expect(!french.text.contains("Join"))
        let folder = path.replacingOccurrences(of: "/calendar.ics", with: "")
        let rss = try await fixture.client.get("\(folder)/feed.rss").text
        #expect(rss.contains("<language>fr</language>"))
        #expect(rss.contains("<category>Session en direct</category>"))
        #expect(rss.contains(" – "), "the time span, with a dash")
        #expect(!rss.contains(" to "))
        let atom = try await fixture.client.get("\(folder)/feed.atom").text
        #expect(atom.contains("xml:lang=\"fr\""))
        let frab = try await fixture.client.get("\(folder)/schedule.xml").text
        #expect(frab.contains("<language>fr</language>"))
        #expect(!frab.contains("<language>en</language>"))
    }
}

extension FeedLanguageTests {
    @Test("a personal calendar speaks its owner's language, else the organization's; a change moves its validator")
    func personal() async throws {
        let fixture = try await FeedsFixture()
        let network = Organization.ID(fixture.network)
        let (admin, participant) = try await fixture.harness.workspace.write(as: AuditActor("test")) { transaction in
            try transaction.setDefaultLanguage(.french, for: network)
            let participant = try Lookup.person("participant.one@example.org", in: transaction.db).id!
            return (try transaction.createToken(role: .organizationAdmin, organization: network).secret, participant)
        }
        let issued = try await fixture.client.request(
            .post, "/api/v1/orgs/\(fixture.network)/feeds/personal/\(participant)", token: admin)
        let url = try #require(issued.json["ics"] as? String)
        let path = String(url.dropFirst("https://indaba.example.org".count))
        let french = try await fixture.client.get(path)
        #expect(unfold(french.text).contains { $0.hasPrefix("X-WR-CALNAME:") && $0.hasSuffix(" : sessions") })
        #expect(french.text.contains("LABEL=Rejoindre la session"))
        try await fixture.harness.workspace.write(as: AuditActor("test")) { transaction in
            try transaction.setPreferredLanguage(.arabic, for: participant)
        }
        let etag = try #require(french.header("ETag"))
        let arabic = try await fixture.client.request(.get, path, headers: ["If-None-Match": etag])
        #expect(arabic.status == 200)
        #expect(unfold(arabic.text).contains { $0.contains("LABEL=الانضمام إلى الجلسة") })
        #expect(unfold(arabic.text).contains { $0.hasPrefix("X-WR-CALNAME:") && $0.hasSuffix(": الجلسات") })
        let rss = try await fixture.client.get(path.replacingOccurrences(of: "calendar.ics", with: "feed.rss")).text
        #expect(rss.contains("<language>ar</language>"))
    }
}
