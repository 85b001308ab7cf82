import Foundation
import GRDB
import Kernel
import KernelTesting
import Server
import ServerTesting

@testable import Feeds

/// The sample network with the feeds plugin enabled for it, a second series beside the first, and a client.
struct FeedsFixture {
    let harness: PluginHarness
    let client: TestClient
    let network: Int64
    let member: Int64
    let seriesOne: Int64
    let seriesTwo: Int64

    init(clock: TestClock = TestClock()) async throws {
        harness = try PluginHarness(plugins: [FeedsPlugin.self], clock: clock)
        try await harness.importText(Samples.network)
        try await harness.importText(
            Samples.network(replacing: "slug: series-one", with: "slug: series-two")
                .replacingOccurrences(of: "title: Series One", with: "title: Series Two"))
        client = TestClient(workspace: harness.workspace, configuration: .init(baseURL: "https://indaba.example.org"))
        (network, member, seriesOne, seriesTwo) = try await harness.workspace.read { db in
            (
                try Lookup.organization("testnet", in: db).id!.rawValue,
                try Lookup.organization("testnet/lagos-member", in: db).id!.rawValue,
                try Lookup.series("testnet/webinars/series-one", in: db).id!.rawValue,
                try Lookup.series("testnet/webinars/series-two", in: db).id!.rawValue
            )
        }
        let registry = harness.workspace.registry
        let organization = Organization.ID(network)
        try await harness.workspace.write(as: AuditActor("test")) { transaction in
            try transaction.enable("feeds", for: organization, registry: registry)
        }
    }

    var plugin: FeedsPlugin { harness.workspace.plugin("feeds") as! FeedsPlugin }

    func seriesFeed(_ series: Int64) -> String { "/public/orgs/\(network)/feeds/series/\(series)/calendar.ics" }
    var organizationFeed: String { "/public/orgs/\(network)/feeds/organization/calendar.ics" }
    var networkFeed: String { "/public/orgs/\(network)/feeds/network/calendar.ics" }

    /// Moves a session of series one by an hour, as a coordinator would.
    func rescheduleIntro() async throws {
        harness.clock.advance(by: 60)
        try await harness.workspace.write(as: AuditActor("test")) { transaction in
            let session = try Lookup.session("testnet/webinars/series-one/intro", in: transaction.db)
            try transaction.reschedule(
                session.id!, startsAt: session.startsAt.addingTimeInterval(3600),
                endsAt: session.endsAt.addingTimeInterval(3600))
        }
    }
}

/// Unfolds iCalendar text into logical lines, working on octets as clients do (a fold may sit before a combining
/// mark, which Swift's character-level string search would not see).
func unfold(_ text: String) -> [String] {
    var bytes: [UInt8] = []
    let octets = Array(text.utf8)
    var index = 0
    while index < octets.count {
        if index + 2 < octets.count, octets[index] == 13, octets[index + 1] == 10, octets[index + 2] == 32 {
            index += 3
            continue
        }
        bytes.append(octets[index])
        index += 1
    }
    return String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n").filter { !$0.isEmpty }
}
