import Foundation
import Kernel
import KernelTesting
import ServerTesting
import Testing

@Suite("Public pages and lists are bounded in size whatever the data")
struct BoundedPublicListsTests {
    static let seriesCount = 130
    static let sessionsInFirst = 230

    private func crowded() async throws -> WebFixture {
        let fixture = try await WebFixture()
        try await fixture.harness.importText(
            Samples.crowdedNetwork(series: Self.seriesCount, sessionsInFirst: Self.sessionsInFirst))
        return fixture
    }

    private func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    /// The series ids on every page of the home page with `query`, and each page's size in bytes.
    private func pages(_ fixture: WebFixture, _ query: String) async throws -> ([String], [Int]) {
        var (ids, sizes, page) = ([String](), [Int](), 1)
        while true {
            let parameters = [query, page == 1 ? "" : "page=\(page)"].filter { !$0.isEmpty }.joined(separator: "&")
            let reply = try await fixture.client.get(parameters.isEmpty ? "/" : "/?" + parameters)
            #expect(reply.status == 200)
            let found = reply.text.matches(of: /<h2><a href="\/series\/(\d+)">/).map { String($0.1) }
            #expect(found.count <= 20)
            ids += found
            sizes.append(reply.body.count)
            guard reply.text.contains("rel=\"next\""), page < 50 else { return (ids, sizes) }
            page += 1
        }
    }

    @Test("the home page shows 20 series a page, pages through them and filters by organization, status, upcoming")
    func homePagePaginates() async throws {
        let fixture = try await crowded()
        let first = try await fixture.client.get("/")
        #expect(first.status == 200)
        #expect(count("<li class=\"card\">", in: first.text) == 20)
        #expect(first.text.contains("href=\"/?page=2\" rel=\"next\""))
        // Every page but the last holds 20; all series appear once.
        let (all, sizes) = try await pages(fixture, "")
        // The crowd's series and the sample network's one.
        #expect(all.count == Self.seriesCount + 1)
        #expect(Set(all).count == Self.seriesCount + 1)
        #expect(sizes.count == (Self.seriesCount + 1 + 19) / 20)
        // Full pages weigh about the same whatever page they are: the size follows the page, not the data.
        let full = sizes.dropLast()
        #expect(full.max()! - full.min()! < 2_000)
        #expect(full.max()! < 40_000)
        // The fixture's clock stands at the end of 2026: the series of 2020 are not upcoming, the others are.
        let (upcoming, _) = try await pages(fixture, "upcoming=1")
        #expect(upcoming.count == Self.seriesCount - Self.seriesCount / 5)

        let member = try await fixture.harness.workspace.read { db in
            try Lookup.organization("crowd/member-2", in: db).id!.rawValue
        }
        let byMember = try await fixture.client.get("/?org=\(member)")
        #expect(byMember.text.contains("Member 2"))
        #expect(!byMember.text.contains("Member 1 ·") && !byMember.text.contains("Member 3 ·"))
        let completed = try await fixture.client.get("/?status=completed")
        #expect(count("<li class=\"card\">", in: completed.text) == 20)
        #expect(!completed.text.contains("Open for enrolment ·"))
        #expect(try await fixture.client.get("/?page=0").status == 400)
        #expect(try await fixture.client.get("/?page=100000").status == 400)
        #expect(try await fixture.client.get("/?status=draft").status == 400)
    }

    @Test("a series page lists at most 200 sessions and says the calendar has them all")
    func seriesPageIsBounded() async throws {
        let fixture = try await crowded()
        let id = try await fixture.harness.workspace.read { db in
            try Lookup.series("crowd/member-1/talks/series-1", in: db).id!.rawValue
        }
        let reply = try await fixture.client.get("/series/\(id)")
        #expect(reply.status == 200)
        #expect(count("<li class=\"session", in: reply.text) == 200)
        #expect(reply.text.contains("the series' calendar has them all"))
    }

    @Test("every public API list holds at most its limit, 200 at most, whatever the data")
    func apiListsAreBounded() async throws {
        let fixture = try await crowded()
        for path in ["/api/v1/series", "/api/v1/sessions", "/api/v1/programmes", "/api/v1/organizations"] {
            let reply = try await fixture.client.get(path)
            guard reply.status == 200 else { continue }  // not public
            #expect((reply.json["items"] as? [Any])?.count ?? 0 <= 50, "\(path)")
            let most = try await fixture.client.get(path + "?limit=200")
            #expect((most.json["items"] as? [Any])?.count ?? 0 <= 200, "\(path)")
            #expect(try await fixture.client.get(path + "?limit=201").status == 400, "\(path)")
        }
        let sessions = try await fixture.client.get("/api/v1/sessions?limit=200")
        #expect((sessions.json["items"] as? [Any])?.count == 200)
        #expect(sessions.json["next"] is Int)
    }
}
