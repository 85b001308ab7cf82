import Foundation
import HTTPTypes
import Kernel
import KernelTesting
import ServerTesting
import Testing

@testable import Feeds

@Suite("Private per-person feeds")
struct PersonalFeedTests {
    @Test("a person's feed holds their series with join links; rotating or revoking makes the old address 404")
    func lifecycle() async throws {
        let fixture = try await FeedsFixture()
        let (admin, facilitatorToken, participant, facilitator) = try await fixture.harness.workspace.write(
            as: AuditActor("test")
        ) { [network = fixture.network] transaction in
            let participant = try Lookup.person("participant.one@example.org", in: transaction.db).id!
            let facilitator = try Lookup.person("facilitator@example.org", in: transaction.db).id!
            let organization = Organization.ID(network)
            return (
                try transaction.createToken(role: .organizationAdmin, organization: organization).secret,
                try transaction.createToken(role: .facilitator, organization: organization, person: facilitator).secret,
                participant, facilitator
            )
        }
        let manage = "/api/v1/orgs/\(fixture.network)/feeds/personal/\(participant)"
        let issued = try await fixture.client.request(.post, manage, token: admin)
        #expect(issued.status == 201)
        let url = try #require(issued.json["ics"] as? String)
        let path = String(url.dropFirst("https://indaba.example.org".count))
        #expect(path.hasPrefix("/public/orgs/\(fixture.network)/feeds/personal/"))
        let feed = try await fixture.client.get(path)
        #expect(feed.status == 200)
        let lines = unfold(feed.text)
        #expect(lines.contains { $0.hasPrefix("CONFERENCE;VALUE=URI") })  // private: join links included
        #expect(lines.filter { $0 == "BEGIN:VEVENT" }.count == 6)  // both series the participant is enrolled in
        for format in FeedFormat.allCases {
            let other = path.replacingOccurrences(of: "calendar.ics", with: format.fileName)
            #expect(try await fixture.client.get(other).status == 200, "\(format)")
        }

        // Rotating: the old address is gone at once, the new one works.
        let rotated = try await fixture.client.request(.post, manage, token: admin)
        let newPath = String((rotated.json["ics"] as! String).dropFirst("https://indaba.example.org".count))
        #expect(try await fixture.client.get(path).status == 404)
        #expect(try await fixture.client.get(newPath).status == 200)

        // A facilitator manages their own feed only.
        #expect(try await fixture.client.request(.post, manage, token: facilitatorToken).status == 403)
        let own = "/api/v1/orgs/\(fixture.network)/feeds/personal/\(facilitator)"
        #expect(try await fixture.client.request(.post, own, token: facilitatorToken).status == 201)
        #expect(try await fixture.client.request(.post, manage).status == 401)

        // Revoking: 204, then the address answers 404, as an unknown token does.
        #expect(try await fixture.client.request(.delete, manage, token: admin).status == 204)
        #expect(try await fixture.client.get(newPath).status == 404)
        #expect(try await fixture.client.request(.delete, manage, token: admin).status == 404)
        #expect(
            try await fixture.client.get("/public/orgs/\(fixture.network)/feeds/personal/guess/calendar.ics").status
                == 404)
    }
}
