import Foundation
import GRDB
import Kernel
import KernelTesting
import PluginKit
import ServerTesting
import Testing

/// Two networks side by side, with a token for each role of the first: "own" objects belong to `testnet`,
/// "foreign" ones to `othernet`.
struct TwoNetworks {
    /// The ids of one network's objects.
    struct Objects {
        let network: Int64
        let member: Int64
        let programme: Int64
        let series: Int64
        let intro: Int64
        let homework: Int64
        let facilitator: Int64
        let participantOne: Int64
        let participantTwo: Int64
    }

    let harness: PluginHarness
    let client: TestClient
    let own: Objects
    let foreign: Objects
    let tokens: [Role: String]

    enum Role: String, CaseIterable, CustomStringConvertible, Sendable {
        case coordinator, admin, facilitator, anonymous
        var description: String { rawValue }
    }

    static let otherNetwork = Samples.otherNetwork

    init(plugins: [any Plugin.Type] = [BaseLogPlugin.self, SessionLogPlugin.self], clock: TestClock = TestClock())
        async throws
    {
        harness = try PluginHarness(plugins: plugins, clock: clock)
        try await harness.importText(Samples.network)
        try await harness.importText(Self.otherNetwork)
        client = TestClient(workspace: harness.workspace, logger: harness.logs.logger())
        own = try await Self.objects("testnet", "@example.org", harness.workspace)
        foreign = try await Self.objects("othernet", "@example.net", harness.workspace)
        let network = Organization.ID(own.network)
        let facilitator = Person.ID(own.facilitator)
        tokens = try await harness.workspace.write(as: AuditActor("test")) { transaction in
            [
                .coordinator: try transaction.createToken(role: .networkCoordinator, organization: network).secret,
                .admin: try transaction.createToken(role: .organizationAdmin, organization: network).secret,
                .facilitator: try transaction.createToken(
                    role: .facilitator, organization: network, person: facilitator
                )
                .secret,
            ]
        }
    }

    private static func objects(_ network: String, _ domain: String, _ workspace: Workspace) async throws -> Objects {
        try await workspace.read { db in
            let series = try Lookup.series("\(network)/webinars/series-one", in: db)
            return Objects(
                network: try Lookup.organization(network, in: db).id!.rawValue,
                member: try Lookup.organization("\(network)/lagos-member", in: db).id!.rawValue,
                programme: series.programmeId.rawValue, series: series.id!.rawValue,
                intro: try Lookup.session("\(network)/webinars/series-one/intro", in: db).id!.rawValue,
                homework: try Lookup.session("\(network)/webinars/series-one/homework", in: db).id!.rawValue,
                facilitator: try Lookup.person("facilitator\(domain)", in: db).id!.rawValue,
                participantOne: try Lookup.person("participant.one\(domain)", in: db).id!.rawValue,
                participantTwo: try Lookup.person("participant.two\(domain)", in: db).id!.rawValue)
        }
    }

    func token(_ role: Role) -> String? { tokens[role] }

    /// Makes the foreign network's series a draft: hidden from anyone outside that network, anonymous callers too.
    func hideForeignSeries() async throws {
        let foreign = WebinarSeries.ID(self.foreign.series)
        try await harness.workspace.write(as: AuditActor("test")) { transaction in
            var series = try #require(try WebinarSeries.fetchOne(transaction.db, key: foreign))
            series.status = .draft
            try transaction.save(series)
        }
    }
}
