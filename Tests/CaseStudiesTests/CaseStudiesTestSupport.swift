import Foundation
import GRDB
import Kernel
import KernelTesting
import ServerTesting

@testable import CaseStudies

/// Two networks with the plugin enabled for both (and for testnet's member), a token per role, and a small
/// library on each side: every visibility, and public studies with and without consent.
struct LibraryFixture {
    let harness: PluginHarness
    let client: TestClient
    let network: Int64
    let member: Int64
    let otherNetwork: Int64
    let tokens: [Role: String]

    enum Role: String, CaseIterable, Sendable {
        case coordinator, networkAdmin, memberAdmin, facilitator, foreignAdmin
    }

    static let otherNetworkText = Samples.otherNetwork

    /// The studies of testnet: slug → (organization, visibility, consent).
    static let ownStudies: [(String, String, String, String)] = [
        ("net-private", "testnet", "private", "notNeeded"),
        ("member-private", "testnet/lagos-member", "private", "notNeeded"),
        ("member-network", "testnet/lagos-member", "network", "notNeeded"),
        ("public-consented", "testnet", "public", "granted"),
        ("public-pending", "testnet/lagos-member", "public", "pending"),
        ("public-refused", "testnet", "public", "refused"),
    ]

    init() async throws {
        harness = try PluginHarness(plugins: [CaseStudiesPlugin.self])
        try await harness.importText(Samples.network)
        try await harness.importText(Self.otherNetworkText)
        client = TestClient(workspace: harness.workspace)
        let ids = try await harness.workspace.read { db in
            (
                try Lookup.organization("testnet", in: db).id!,
                try Lookup.organization("testnet/lagos-member", in: db).id!,
                try Lookup.organization("othernet", in: db).id!,
                try Lookup.person("facilitator@example.org", in: db).id!
            )
        }
        (network, member, otherNetwork) = (ids.0.rawValue, ids.1.rawValue, ids.2.rawValue)
        let registry = harness.workspace.registry
        tokens = try await harness.workspace.write(as: AuditActor("test")) { transaction in
            for organization in [ids.0, ids.1, ids.2] {
                try transaction.enable("case-studies", for: organization, registry: registry)
            }
            return [
                .coordinator: try transaction.createToken(role: .networkCoordinator, organization: ids.0).secret,
                .networkAdmin: try transaction.createToken(role: .organizationAdmin, organization: ids.0).secret,
                .memberAdmin: try transaction.createToken(role: .organizationAdmin, organization: ids.1).secret,
                .facilitator: try transaction.createToken(role: .facilitator, organization: ids.0, person: ids.3)
                    .secret,
                .foreignAdmin: try transaction.createToken(role: .organizationAdmin, organization: ids.2).secret,
            ]
        }
        try await importStudies(
            Self.ownStudies.map { study(slug: $0.0, organization: $0.1, visibility: $0.2, consent: $0.3) },
            as: "testnet")
        try await importStudies(
            [
                study(slug: "other-network", organization: "othernet", visibility: "network", consent: "notNeeded"),
                study(slug: "other-public", organization: "othernet", visibility: "public", consent: "notNeeded"),
            ], as: "othernet")
    }

    var plugin: CaseStudiesPlugin { harness.workspace.plugin("case-studies") as! CaseStudiesPlugin }

    func organization(_ reference: String) async throws -> Organization {
        try await harness.workspace.read { db in try Lookup.organization(reference, in: db) }
    }

    /// Imports files (name, text) for the organization `reference`, as its operator.
    @discardableResult
    func importStudies(_ files: [(name: String, text: String)], as reference: String, dryRun: Bool = false)
        async throws -> LibraryImport.Summary
    {
        try await LibraryImport.run(
            files, for: try await organization(reference), workspace: harness.workspace, actor: AuditActor("test"),
            dryRun: dryRun)
    }

    /// The slugs `reader` sees in the library of `network`, sorted.
    func visibleSlugs(_ reader: LibraryReader, network: Int64? = nil) async throws -> [String] {
        let library = Organization.ID(network ?? self.network)
        return try await harness.workspace.read { db in
            try CaseStudyLibrary.list(network: library, reader: reader, filters: SearchFilters(), in: db).map(\.slug)
                .sorted()
        }
    }

    /// The slugs a search for a word every study's body holds finds for `reader` (in any order).
    func searchedSlugs(_ reader: LibraryReader, network: Int64? = nil) async throws -> [String] {
        let library = Organization.ID(network ?? self.network)
        return try await harness.workspace.read { db in
            try CaseStudySearch.search(
                "body", network: library, reader: reader, filters: SearchFilters(), limit: 100, snippetWords: 8, in: db
            ).map(\.study.slug).sorted()
        }
    }

    /// Slugs in a JSON list answer (`items` of studies, or of search hits).
    static func slugs(_ reply: TestClient.Reply) -> [String] {
        let items = reply.json["items"] as? [[String: Any]] ?? []
        return items.compactMap { ($0["study"] as? [String: Any])?["slug"] as? String ?? $0["slug"] as? String }
            .sorted()
    }
}

/// A valid study file; `extra` replaces whole front matter lines by key.
func study(
    slug: String, organization: String = "testnet", visibility: String = "network", consent: String = "notNeeded",
    title: String? = nil, summary: String = "A summary.", body: String = "Some body text.\n",
    topics: [String] = ["retention"], sector: String = "media", country: String = "ZW", origin: String = "network",
    presentedAt: [String] = []
) -> (name: String, text: String) {
    let file = CaseStudyFile(
        slug: slug, title: title ?? "Study \(slug)", summary: summary, organization: organization,
        origin: CaseStudy.Origin(rawValue: origin)!, country: country, sector: sector, topics: topics,
        outcomes: [CaseStudy.Outcome(description: "Something improved", figure: "from 1 to 2")],
        links: [CaseStudy.Link(title: "Report", url: "https://example.org/report")], licence: "CC-BY-4.0",
        consent: CaseStudy.Consent(rawValue: consent)!, visibility: CaseStudy.Visibility(rawValue: visibility)!,
        presentedAt: presentedAt, body: body)
    return ("\(slug).md", file.text)
}
