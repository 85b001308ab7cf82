import Foundation
import Kernel
import KernelTesting
import ServerTesting
import Testing

@testable import CaseStudies

@Suite("Search over HTTP and in the library agree, for the same caller and the same text")
struct SearchAgreementTests {
    /// Studies whose words are spread so that two-word queries match some studies as words but never as a phrase.
    private func library() async throws -> LibraryFixture {
        let fixture = try await LibraryFixture()
        let visibilities = ["private", "network", "public"]
        try await fixture.importStudies(
            (0..<9).map { index in
                study(
                    slug: "funnel-\(index)", organization: index % 2 == 0 ? "testnet" : "testnet/lagos-member",
                    visibility: visibilities[index % 3], title: "Study \(index) of the funnel",
                    body: "The pibebo word comes first, then other words, and the funnel much later.\n")
            }, as: "testnet")
        return fixture
    }

    /// The study slugs of a search answer, in rank order.
    private func slugs(_ reply: TestClient.Reply) -> [String] {
        (reply.json["items"] as? [[String: Any]] ?? []).compactMap {
            ($0["study"] as? [String: Any])?["slug"] as? String
        }
    }

    private func librarySearch(_ fixture: LibraryFixture, _ text: String, token: String?) async throws -> [String] {
        let network = Organization.ID(fixture.network)
        let now = fixture.harness.clock.now
        return try await fixture.harness.workspace.read { db in
            let access = try token.flatMap { try Access.resolve(secret: $0, at: now, in: db) } ?? .anonymous
            return try CaseStudySearch.search(
                text, network: network, reader: LibraryReader.of(access), filters: SearchFilters(),
                limit: 20, snippetWords: 8, in: db
            ).map(\.study.slug)
        }
    }

    @Test(
        "the words of a form-encoded query (q=funnel+pibebo, q=funnel%20pibebo) are words, not a phrase",
        arguments: ["funnel+pibebo", "funnel%20pibebo", "funnel+AND+pibebo"])
    func formEncodedWords(query: String) async throws {
        let fixture = try await library()
        let token = fixture.tokens[.coordinator]!
        let reply = try await fixture.client.get(
            "/api/v1/orgs/\(fixture.network)/case-studies/studies?q=\(query)", token: token)
        #expect(reply.status == 200)
        #expect(slugs(reply).count == 9)
        let anonymous = try await fixture.client.get("/public/orgs/\(fixture.network)/case-studies/studies?q=\(query)")
        #expect(Set(slugs(anonymous)) == ["funnel-2", "funnel-5", "funnel-8"])
    }

    @Test("every caller gets over HTTP exactly the studies, in the order, that library search gives them")
    func sameStudies() async throws {
        let fixture = try await library()
        let texts = ["funnel pibebo", "funnel", "\"funnel much\"", "title:study AND later", "funnel's \"pib"]
        for text in texts {
            var allowed = CharacterSet.alphanumerics
            allowed.insert(charactersIn: "-._~")
            let encoded = text.addingPercentEncoding(withAllowedCharacters: allowed)!
            for role in LibraryFixture.Role.allCases {
                let token = fixture.tokens[role]!
                let reply = try await fixture.client.get(
                    "/api/v1/orgs/\(fixture.network)/case-studies/studies?q=\(encoded)", token: token)
                #expect(reply.status == 200 || reply.status == 404, "\(role)")
                guard reply.status == 200 else { continue }  // a foreign administrator does not see testnet
                #expect(slugs(reply) == (try await librarySearch(fixture, text, token: token)), "\(role) \(text)")
            }
            let anonymous = try await fixture.client.get(
                "/public/orgs/\(fixture.network)/case-studies/studies?q=\(encoded.replacingOccurrences(of: "%20", with: "+"))"
            )
            #expect(slugs(anonymous) == (try await librarySearch(fixture, text, token: nil)), "anonymous \(text)")
        }
    }
}
