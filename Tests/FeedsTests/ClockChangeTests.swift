import Foundation
import Kernel
import KernelTesting
import ServerTesting
import Testing

@testable import Feeds

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Sessions that start or end in the hour a clock change repeats (fixtures/feeds/dst-folds.yaml): London and
/// St. John's (northern autumn, St. John's at -02:30/-03:30), Lord Howe (southern autumn, a half-hour change),
/// Chatham (+13:45/+12:45) and Casablanca (the Ramadan change, a negative daylight saving time).
@Suite("Clock changes: every instant reads back exactly, in every engine's reading of local times")
struct ClockChangeTests {
    private static let series = ["london", "lord-howe", "chatham", "st-johns", "casablanca"]

    /// The folds network with feeds enabled; its sessions by title, and each series' feed folder.
    private func folds() async throws -> (TestClient, [String: Session], [String: (String, TimeZone)]) {
        let harness = try PluginHarness(plugins: [FeedsPlugin.self])
        try await harness.importFixture("feeds/dst-folds.yaml")
        let (organization, sessions, folders) = try await harness.workspace.read { db in
            let organization = try Lookup.organization("folds", in: db)
            var sessions: [String: Session] = [:]
            var folders: [String: (String, TimeZone)] = [:]
            for slug in Self.series {
                let series = try Lookup.series("folds/zones/\(slug)", in: db)
                folders[slug] = (
                    "/public/orgs/\(organization.id!)/feeds/series/\(series.id!)",
                    TimeZone(identifier: series.timeZone)!
                )
                for session in try ScheduleQueries.entries(.series(series.id!), in: db).map(\.session) {
                    sessions[session.title] = session
                }
            }
            return (organization, sessions, folders)
        }
        let registry = harness.workspace.registry
        try await harness.workspace.write(as: AuditActor("test")) {
            try $0.enable("feeds", for: organization.id!, registry: registry)
        }
        return (TestClient(workspace: harness.workspace), sessions, folders)
    }

    /// Every instant a local wall-clock reading names in `zone` (none, one, or two in a repeated hour).
    private func instants(ofLocal text: String, in zone: TimeZone) -> [Date] {
        let digits = text.filter(\.isNumber).map { Int(String($0))! }
        func number(_ range: Range<Int>) -> Int { digits[range].reduce(0) { $0 * 10 + $1 } }
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(secondsFromGMT: 0)!
        let asUTC = utc.date(
            from: DateComponents(
                year: number(0..<4), month: number(4..<6), day: number(6..<8), hour: number(8..<10),
                minute: number(10..<12), second: number(12..<14)))!
        let offsets = Set(
            stride(from: -86_400, through: 86_400, by: 900).map { zone.secondsFromGMT(for: asUTC + Double($0)) })
        return offsets.map { asUTC - Double($0) }.filter {
            zone.secondsFromGMT(for: $0) == Int(asUTC.timeIntervalSince($0))
        }
        .sorted()
    }

    /// Reads a DTSTART or DTEND value as an engine does: UTC as is; a local time as its only instant, or else
    /// either of its two (RFC 5545 takes the first, libical and others the second). Returns every reading.
    private func readings(_ value: String, _ zone: TimeZone) -> [Date] {
        value.hasSuffix("Z")
            ? instants(ofLocal: value, in: TimeZone(secondsFromGMT: 0)!) : instants(ofLocal: value, in: zone)
    }

    @Test("iCalendar: each start and end is one instant in every reading, the stored one; ambiguous ones in UTC")
    func iCalendar() async throws {
        let (client, sessions, folders) = try await folds()
        var checked = 0
        for slug in Self.series {
            let (folder, zone) = folders[slug]!
            let lines = unfold(try await client.get("\(folder)/calendar.ics").text)
            var summary = ""
            var values: [String: String] = [:]
            for line in lines {
                if line.hasPrefix("SUMMARY:") { summary = String(line.dropFirst(8)) }
                for name in ["DTSTART", "DTEND"] where line.hasPrefix(name + ":") || line.hasPrefix(name + ";TZID=") {
                    values[name] = String(line.split(separator: ":").last!)
                }
                guard line == "END:VEVENT", let session = sessions[summary] else { continue }
                #expect(readings(values["DTSTART"]!, zone) == [session.startsAt], "\(slug): \(summary) starts")
                #expect(readings(values["DTEND"]!, zone) == [session.endsAt], "\(slug): \(summary) ends")
                checked += 1
            }
        }
        #expect(checked == sessions.count && checked == 9)
    }

    @Test("iCalendar: a time in a repeated hour is written in UTC; one outside it keeps its local time and TZID")
    func writtenInUTC() async throws {
        let (client, _, folders) = try await folds()
        let london = unfold(try await client.get("\(folders["london"]!.0)/calendar.ics").text)
        // 00:30 BST to the second 01:15 (GMT): 23:30 to 01:15 UTC; an engine reading 01:15 local as its first
        // occurrence would end the session at 00:15 UTC.
        #expect(london.contains("DTSTART:20261024T233000Z") && london.contains("DTEND:20261025T011500Z"))
        #expect(london.contains("DTSTART;TZID=Europe/London:20261024T100000"))
        let chatham = unfold(try await client.get("\(folders["chatham"]!.0)/calendar.ics").text)
        #expect(chatham.contains("DTSTART:20260404T141500Z") && chatham.contains("DTEND:20260404T151500Z"))
        // The description says which of the two 03:00 it is.
        let rss = try await client.get("\(folders["chatham"]!.0)/feed.rss").text
        #expect(rss.contains("2026-04-05 03:00 (UTC+12:45) to 04:00 (Pacific/Chatham)"))
    }

    @Test("xCal: the same instants, UTC where the local time is ambiguous")
    func xCal() async throws {
        let (client, sessions, folders) = try await folds()
        var checked = 0
        for slug in Self.series {
            let (folder, zone) = folders[slug]!
            let document = try XMLDocument(data: try await client.get("\(folder)/calendar.xcs").body)
            for event in try document.nodes(forXPath: "//*[local-name()='vevent']") {
                func text(_ path: String) throws -> String {
                    try event.nodes(forXPath: path).first?.stringValue ?? ""
                }
                let summary = try text("*[local-name()='properties']/*[local-name()='summary']")
                guard let session = sessions[summary] else { continue }
                for (name, instant) in [("dtstart", session.startsAt), ("dtend", session.endsAt)] {
                    let value = try text(
                        "*[local-name()='properties']/*[local-name()='\(name)']/*[local-name()='date-time']")
                    #expect(readings(value, zone) == [instant], "\(slug): \(summary) \(name) \(value)")
                }
                checked += 1
            }
        }
        #expect(checked == 9)
    }
}
