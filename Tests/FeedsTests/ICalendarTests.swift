import Foundation
import Kernel
import KernelTesting
import ServerTesting
import Testing

@testable import Feeds

@Suite("iCalendar output: escaping, folding, time zones, all-day exercises, cancellations")
struct ICalendarTests {
    @Test("the plugin passes the plugin conformance checks")
    func conforms() async throws {
        #expect(try await PluginConformance.problems(of: FeedsPlugin.self) == [])
    }

    @Test(
        "TEXT escaping",
        arguments: [
            ("a,b;c\\d", "a\\,b\\;c\\\\d"), ("line\nbreak", "line\\nbreak"), ("crlf\r\nx", "crlf\\nx"),
            ("bell\u{7}gone\u{1F}", "bellgone"), ("tab\tkept", "tab\tkept"), ("c1\u{85}gone", "c1gone"),
            ("<&>\"'", "<&>\"'"),
        ])
    func escaping(input: String, expected: String) {
        #expect(ContentLines.escape(input) == expected)
    }

    @Test("lines fold at 75 octets without splitting a UTF-8 sequence, and unfold to the original")
    func folding() throws {
        let value = String(repeating: "👩🏽‍💻 نساء é\u{301}\u{300} ", count: 30) + String(repeating: "x", count: 300)
        var lines = ContentLines()
        lines.text("SUMMARY", value)
        let physical = lines.text.components(separatedBy: "\r\n").dropLast()
        #expect(physical.count > 10)
        for line in physical {
            #expect(line.utf8.count <= 75, "\(line.utf8.count) octets")
            #expect(String(validating: Array(line.utf8), as: UTF8.self) != nil)
        }
        #expect(unfold(lines.text) == ["SUMMARY:" + ContentLines.escape(value)])
    }

    @Test("multi-valued parameters are listed, each value quoted only when needed")
    func parameters() {
        var lines = ContentLines()
        lines.raw(
            "CONFERENCE", "https://x.example.org",
            parameters: [("FEATURE", "AUDIO"), ("FEATURE", "VIDEO"), ("LABEL", "Join: now")])
        #expect(lines.text == "CONFERENCE;FEATURE=AUDIO,VIDEO;LABEL=\"Join: now\":https://x.example.org\r\n")
    }

    @Test("a Berlin session across the October change lands at the right instant, with both observances")
    func daylightSavingTime() async throws {
        let harness = try PluginHarness(plugins: [FeedsPlugin.self])
        try await harness.importFixture("feeds/hostile.yaml")
        let (organization, series) = try await harness.workspace.read { db in
            (try Lookup.organization("hostile", in: db), try Lookup.series("hostile/edge-cases/hostile-series", in: db))
        }
        let registry = harness.workspace.registry
        try await harness.workspace.write(as: AuditActor("test")) {
            try $0.enable("feeds", for: organization.id!, registry: registry)
        }
        let client = TestClient(workspace: harness.workspace)
        let reply = try await client.get("/public/orgs/\(organization.id!)/feeds/series/\(series.id!)/calendar.ics")
        #expect(reply.status == 200)
        let lines = unfold(reply.text)
        // 01:30 CEST (UTC+2) on 25 October 2026 is 23:30 UTC the day before; 04:00 CET (UTC+1) is 03:00 UTC.
        #expect(lines.contains("DTSTART;TZID=Europe/Berlin:20261025T013000"))
        #expect(lines.contains("DTEND;TZID=Europe/Berlin:20261025T040000"))
        let session = try await harness.workspace.read { db in
            try Lookup.session("hostile/edge-cases/hostile-series/across-the-change", in: db)
        }
        #expect(TimeFormats.instantText(session.startsAt) == "2026-10-24T23:30:00Z")
        #expect(TimeFormats.instantText(session.endsAt) == "2026-10-25T03:00:00Z")
        let zone = lines.drop { $0 != "BEGIN:VTIMEZONE" }.prefix { $0 != "END:VTIMEZONE" }
        #expect(
            Array(zone) == [
                "BEGIN:VTIMEZONE", "TZID:Europe/Berlin",
                "BEGIN:DAYLIGHT", "DTSTART:20260329T020000", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "END:DAYLIGHT",
                "BEGIN:STANDARD", "DTSTART:20261025T030000", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "END:STANDARD",
            ])
        // The offline exercise is an all-day event over its days; the cancelled session is kept, as cancelled.
        #expect(lines.contains("DTSTART;VALUE=DATE:20261026") && lines.contains("DTEND;VALUE=DATE:20261103"))
        #expect(lines.contains("SUMMARY:Homework over a week"))
        #expect(lines.filter { $0 == "STATUS:CANCELLED" }.count == 1)
        #expect(lines.filter { $0 == "BEGIN:VEVENT" }.count == 4)
        #expect(!reply.text.contains("\u{7}") && !reply.text.contains("\u{1F}"))
    }

    @Test("output depends on data only: the same data renders the same bytes later")
    func deterministic() async throws {
        let fixture = try await FeedsFixture()
        let first = try await fixture.client.get(fixture.networkFeed)
        fixture.harness.clock.advance(by: 86_400)
        let plugin = fixture.plugin
        plugin.cache.evict([.network(Organization.ID(fixture.network))])
        let second = try await fixture.client.get(fixture.networkFeed)
        #expect(first.body == second.body && first.header("ETag") == second.header("ETag"))
    }
}
