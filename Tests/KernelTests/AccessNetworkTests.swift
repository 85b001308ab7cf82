import Foundation
import GRDB
import Kernel
import KernelTesting
import Testing

/// Every access carries its network: plugins that show a network's shared things (case studies) read it there
/// instead of asking the database on each request.
@Suite("Access knows the caller's network")
struct AccessNetworkTests {
    @Test("every role of a network or of a member has the network; an operator's too; anonymous has none")
    func networkOfEveryRole() async throws {
        let harness = try PluginHarness()
        try await harness.importText(Samples.network)
        try await harness.importText(Samples.otherNetwork)
        let (network, member, other) = try await harness.workspace.read { db in
            (
                try Lookup.organization("testnet", in: db),
                try Lookup.organization("testnet/lagos-member", in: db),
                try Lookup.organization("othernet", in: db)
            )
        }
        #expect(member.parentId == network.id)
        try await harness.workspace.read { db in
            for role in [AccessRole.networkCoordinator, .organizationAdmin, .facilitator] {
                for (organization, expected) in [(network, network), (member, network), (other, other)] {
                    let access = try Access.granted(
                        role: role, organization: organization.id!, person: nil, principal: "t", in: db)
                    #expect(access.network == expected.id, "\(role) of \(organization.slug)")
                }
            }
        }
        #expect(Access.administrator(of: member).network == network.id)
        #expect(Access.administrator(of: network).network == network.id)
        #expect(Access.anonymous.network == nil)
    }
}
