import Foundation
import GRDB
import Kernel
import KernelTesting
import Server
import ServerTesting
import Testing

@testable import Feeds

@Suite("Feed ids come from the installation's identity, kept in the database, not from the base URL")
struct StableIdTests {
    /// Every UID, guid and id (feed and entries) of the network's feeds, as served at `baseURL`.
    private func ids(_ fixture: FeedsFixture, at baseURL: String) async throws -> [String] {
        let client = TestClient(workspace: fixture.harness.workspace, configuration: .init(baseURL: baseURL))
        let folder = "/public/orgs/\(fixture.network)/feeds/network"
        var ids = unfold(try await client.get("\(folder)/calendar.ics").text).filter { $0.hasPrefix("UID:") }
        for (file, open, close) in [
            ("feed.rss", "<guid isPermaLink=\"false\">", "</guid>"), ("feed.atom", "<id>", "</id>"),
            ("calendar.xcs", "<uid><text>", "</text>"), ("schedule.xml", "guid=\"", "\""),
        ] {
            let text = try await client.get("\(folder)/\(file)").text
            ids += text.components(separatedBy: open).dropFirst().map { $0.components(separatedBy: close)[0] }
        }
        return ids
    }

    @Test("moving the server to another address changes no UID, RSS guid, Atom id or frab guid")
    func domainMove() async throws {
        let fixture = try await FeedsFixture()
        let before = try await ids(fixture, at: "https://indaba.example.org")
        #expect(before.count > 10)
        #expect(before.contains { $0.hasPrefix("UID:indaba-session-") && $0.hasSuffix("@indaba.example.org") })
        #expect(before.contains { $0.hasPrefix("tag:indaba.example.org,20") })
        fixture.plugin.cache.evict([.network(Organization.ID(fixture.network))])
        let after = try await ids(fixture, at: "https://calendar.example.net")
        #expect(after == before)
        #expect(!after.contains { $0.contains("example.net") })
        // A new process (a fresh plugin) reads the same identity from the database.
        let stored = try await fixture.harness.workspace.read { db in try InstallationIdentity.read(in: db) }
        #expect(stored?.authority == "indaba.example.org")
    }

    @Test("the identity is set once: a second claim returns the first, and the database refuses to change it")
    func setOnce() async throws {
        let harness = try PluginHarness(plugins: [FeedsPlugin.self])
        let workspace = harness.workspace
        let first = try await workspace.write(as: AuditActor("test")) {
            try $0.installationIdentity(claiming: "one.example.org")
        }
        let second = try await workspace.write(as: AuditActor("test")) {
            try $0.installationIdentity(claiming: "two.example.org")
        }
        #expect(first == second && second.authority == "one.example.org")
        await #expect(throws: (any Error).self) {
            try await workspace.write(as: AuditActor("test")) { transaction in
                try transaction.db.execute(sql: "UPDATE installationIdentity SET authority = 'x.example.org'")
            }
        }
        #expect(InstallationIdentity.authority(of: "http://127.0.0.1:8080") == nil)
        #expect(InstallationIdentity.authority(of: "http://localhost:8080") == nil)
        #expect(InstallationIdentity.authority(of: "https://Indaba.Example.org/x") == "indaba.example.org")
    }
}
