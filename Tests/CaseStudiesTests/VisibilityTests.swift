import Foundation
import Kernel
import KernelTesting
import ServerTesting
import Testing

@testable import CaseStudies

@Suite("Who sees which case study: every role, both networks, public only with consent")
struct VisibilityTests {
    @Test("the reader of every role sees exactly its studies of the library")
    func readersPerRole() async throws {
        let fixture = try await LibraryFixture()
        let all = LibraryFixture.ownStudies.map(\.0).sorted()
        let expected: [LibraryFixture.Role: [String]] = [
            .coordinator: all,
            .networkAdmin: ["member-network", "net-private", "public-consented", "public-pending", "public-refused"],
            .memberAdmin: ["member-network", "member-private", "public-consented", "public-pending", "public-refused"],
            .facilitator: ["member-network", "net-private", "public-consented", "public-pending", "public-refused"],
            .foreignAdmin: ["public-consented"],
        ]
        for role in LibraryFixture.Role.allCases {
            let (secret, now) = (fixture.tokens[role]!, fixture.harness.clock.now)
            let reader = try await fixture.harness.workspace.read { db in
                try LibraryReader.of(try #require(try Access.resolve(secret: secret, at: now, in: db)), in: db)
            }
            #expect(try await fixture.visibleSlugs(reader) == expected[role], "\(role)")
        }
        #expect(try await fixture.visibleSlugs(.anonymous) == ["public-consented"])
        #expect(try await fixture.visibleSlugs(.anonymous, network: fixture.otherNetwork) == ["other-public"])
    }

    @Test("over HTTP: private routes by token, public routes for anyone, other organizations answer 404")
    func overHTTP() async throws {
        let fixture = try await LibraryFixture()
        let (network, member, other) = (fixture.network, fixture.member, fixture.otherNetwork)
        let list = "/api/v1/orgs/\(network)/case-studies/studies"
        #expect(try await fixture.client.get(list).status == 401)
        let coordinator = try await fixture.client.get(list, token: fixture.tokens[.coordinator])
        #expect(coordinator.status == 200)
        #expect(LibraryFixture.slugs(coordinator).count == LibraryFixture.ownStudies.count)
        let memberAdmin = try await fixture.client.get(
            "/api/v1/orgs/\(member)/case-studies/studies", token: fixture.tokens[.memberAdmin])
        #expect(
            LibraryFixture.slugs(memberAdmin) == [
                "member-network", "member-private", "public-consented", "public-pending", "public-refused",
            ])
        // A member's admin cannot reach the network's mount, nor a foreign admin anything of testnet.
        #expect(try await fixture.client.get(list, token: fixture.tokens[.memberAdmin]).status == 404)
        #expect(try await fixture.client.get(list, token: fixture.tokens[.foreignAdmin]).status == 404)
        let foreignOwn = try await fixture.client.get(
            "/api/v1/orgs/\(other)/case-studies/studies", token: fixture.tokens[.foreignAdmin])
        #expect(LibraryFixture.slugs(foreignOwn) == ["other-network", "other-public"])

        let publicList = try await fixture.client.get("/public/orgs/\(network)/case-studies/studies")
        #expect(LibraryFixture.slugs(publicList) == ["public-consented"])
        // Even with a coordinator's token, the public routes show only what anyone may see.
        let publicWithToken = try await fixture.client.get(
            "/public/orgs/\(network)/case-studies/studies", token: fixture.tokens[.coordinator])
        #expect(LibraryFixture.slugs(publicWithToken) == ["public-consented"])
        for slug in ["net-private", "member-private", "member-network", "public-pending", "public-refused"] {
            #expect(
                try await fixture.client.get("/public/orgs/\(network)/case-studies/studies/\(slug)").status == 404,
                "\(slug)")
        }
        let one = try await fixture.client.get("/public/orgs/\(network)/case-studies/studies/public-consented")
        #expect(one.status == 200)
        #expect((one.json["bodyHTML"] as? String) == "<p>Some body text.</p>")
        // Searching cannot reveal what listing hides.
        let search = try await fixture.client.get("/public/orgs/\(network)/case-studies/studies?q=body")
        #expect(LibraryFixture.slugs(search) == ["public-consented"])
    }

    @Test("unknown query parameters and bad values are refused with 400")
    func badParameters() async throws {
        let fixture = try await LibraryFixture()
        let base = "/public/orgs/\(fixture.network)/case-studies/studies"
        #expect(try await fixture.client.get(base + "?topik=retention").status == 400)
        #expect(try await fixture.client.get(base + "?origin=inside").status == 400)
        #expect(try await fixture.client.get(base + "?limit=0").status == 400)
        #expect(try await fixture.client.get(base + "?q=%20").status == 400)
        #expect(try await fixture.client.get(base + "/public-consented?x=1").status == 400)
    }

    @Test("consent gates public display: pending and refused stay in the network until granted")
    func consentGating() async throws {
        let fixture = try await LibraryFixture()
        #expect(try await fixture.visibleSlugs(.anonymous) == ["public-consented"])
        try await fixture.importStudies(
            [
                study(
                    slug: "public-pending", organization: "testnet/lagos-member", visibility: "public",
                    consent: "granted")
            ],
            as: "testnet")
        #expect(try await fixture.visibleSlugs(.anonymous) == ["public-consented", "public-pending"])
        // Consent withdrawn: hidden from the public again at once.
        try await fixture.importStudies(
            [study(slug: "public-consented", organization: "testnet", visibility: "public", consent: "refused")],
            as: "testnet")
        #expect(try await fixture.visibleSlugs(.anonymous) == ["public-pending"])
    }
}
