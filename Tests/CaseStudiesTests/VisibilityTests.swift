import Foundation
import HTTPTypes
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
                LibraryReader.of(try #require(try Access.resolve(secret: secret, at: now, in: db)))
            }
            #expect(try await fixture.visibleSlugs(reader) == expected[role], "\(role)")
            // The search writes the condition for its one network (``LibraryReader/condition(alias:network:)``).
            #expect(try await fixture.searchedSlugs(reader) == expected[role], "\(role)")
            #expect(
                try await fixture.searchedSlugs(reader, network: fixture.otherNetwork)
                    == fixture.visibleSlugs(reader, network: fixture.otherNetwork), "\(role)")
        }
        #expect(try await fixture.visibleSlugs(.anonymous) == ["public-consented"])
        #expect(try await fixture.visibleSlugs(.anonymous, network: fixture.otherNetwork) == ["other-public"])
        #expect(try await fixture.searchedSlugs(.anonymous) == ["public-consented"])
        #expect(try await fixture.searchedSlugs(.anonymous, network: fixture.otherNetwork) == ["other-public"])
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

    @Test("refusals speak the client's language; a hidden study and a missing one answer alike in French")
    func refusalsInTheLanguage() async throws {
        let fixture = try await LibraryFixture()
        let base = "/public/orgs/\(fixture.network)/case-studies/studies"
        let french = ["Accept-Language": "fr"]
        let origin = try await fixture.client.request(.get, base + "?origin=inside", headers: french)
        #expect(origin.json["detail"] as? String == "origin doit valoir network ou outside.")
        let hidden = try await fixture.client.request(.get, base + "/net-private", headers: french)
        let missing = try await fixture.client.request(.get, base + "/net-privat", headers: french)
        #expect(hidden.status == 404 && missing.status == 404)
        #expect(hidden.json["detail"] as? String == "Aucune étude de cas « net-private » n’est visible ici.")
        #expect(missing.json["detail"] as? String == "Aucune étude de cas « net-privat » n’est visible ici.")
        let issue = LibraryIssue(
            file: "a.md", line: 1, field: "(front matter)", message: FieldReason("is not valid YAML"))
        var translations = Translations()
        try translations.add(CaseStudiesPlugin.translationCatalogues, module: CaseStudiesPlugin.id.catalogueModule)
        #expect(issue.fieldWorded(translations.localizer(for: .french)) == "(en-tête YAML)")
        #expect(issue.fieldWorded(.english) == "(front matter)")
        let blank = try await fixture.client.request(.get, base + "?q=%20", headers: french)
        #expect(blank.status == 400)
        #expect(blank.json["detail"] as? String == "La recherche est vide ; saisissez quelques mots.")
        let english = try await fixture.client.get(base + "/net-private")
        #expect(
            english.json["detail"] as? String
                == "No case study 'net-private' is visible here; list them with `indaba case-studies list`.")
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

@Suite("Contributing over HTTP: PUT a Markdown file, with If-Match to edit")
struct ContributeTests {
    @Test("an admin creates a study, edits it with the ETag, and is refused without it, when stale, or for others'")
    func putStudy() async throws {
        let fixture = try await LibraryFixture()
        let (network, member) = (fixture.network, fixture.member)
        let path = "/api/v1/orgs/\(member)/case-studies/studies/from-member"
        let file = study(slug: "from-member", organization: "testnet/lagos-member", body: "Version one.\n").text
        func put(_ text: String, _ role: LibraryFixture.Role, ifMatch: String? = nil, at path: String = path)
            async throws -> TestClient.Reply
        {
            try await fixture.client.request(
                .put, path, token: fixture.tokens[role], headers: ifMatch.map { ["If-Match": $0] } ?? [:],
                json: text, contentType: "text/markdown")
        }
        let created = try await put(file, .memberAdmin)
        #expect(created.status == 201)
        let etag = try #require(created.header("ETag"))
        #expect((created.json["bodyHTML"] as? String) == "<p>Version one.</p>")
        let edited = file.replacingOccurrences(of: "Version one.", with: "Version two.")
        #expect(try await put(edited, .memberAdmin).status == 428)
        #expect(try await put(edited, .memberAdmin, ifMatch: "\"cs0-v9\"").status == 412)
        let changed = try await put(edited, .memberAdmin, ifMatch: etag)
        #expect(changed.status == 200)
        #expect(changed.header("ETag") != etag)
        #expect(try await put(edited, .memberAdmin, ifMatch: etag).status == 412)
        // The network's admin does not administer the member, so may neither edit nor write for it.
        let networkPath = "/api/v1/orgs/\(network)/case-studies/studies/from-member"
        #expect(
            try await put(edited, .networkAdmin, ifMatch: changed.header("ETag"), at: networkPath).status == 403)
        let forMember = study(slug: "by-network", organization: "testnet/lagos-member").text
        #expect(
            try await put(forMember, .networkAdmin, at: "/api/v1/orgs/\(network)/case-studies/studies/by-network")
                .status == 422)
        // Bad files are refused with their line; the slug must be the address's.
        let bad = try await put(file.replacingOccurrences(of: "country: ZW", with: "country: Zed"), .memberAdmin)
        #expect(bad.status == 422)
        #expect((bad.json["detail"] as? String ?? "").contains("body:7: country: 'Zed'"))
        #expect(try await put(study(slug: "other").text, .memberAdmin).status == 422)
        // The coordinator administers the member: edits pass; the facilitator may not write.
        #expect(try await put(edited, .coordinator, ifMatch: "*", at: networkPath).status == 200)
        #expect(try await put(edited, .facilitator, ifMatch: "*", at: networkPath).status == 403)
        let versions = try await fixture.client.get(
            "/api/v1/orgs/\(network)/case-studies/studies/from-member/versions", token: fixture.tokens[.coordinator])
        #expect((versions.json["items"] as? [[String: Any]])?.compactMap { $0["actor"] as? String }.count == 2)
    }

    @Test("a PUT on the slug of a study the caller may not see says only that the slug is taken, naming no owner")
    func putHiddenSlug() async throws {
        let fixture = try await LibraryFixture()
        let path = "/api/v1/orgs/\(fixture.member)/case-studies/studies/net-private"
        let file = study(slug: "net-private", organization: "testnet/lagos-member").text
        let hidden = try await fixture.client.request(
            .put, path, token: fixture.tokens[.memberAdmin], headers: ["If-Match": "*"], json: file,
            contentType: "text/markdown")
        #expect(hidden.status == 409)
        let detail = hidden.json["detail"] as? String ?? ""
        #expect(detail.contains("'net-private' is taken") && !detail.contains("organization \(fixture.network)"))
    }
}
