import Foundation
import GRDB
import HTTPTypes
import Kernel
import KernelTesting
import PluginKit
import ServerTesting
import Testing

/// Hidden and missing answer alike, on every surface: each operation of the OpenAPI document (kernel and plugin
/// routes, private and public, feeds among them) and each page every installed plugin registers, for every role.
///
/// The cases are generated, so a new route or page is covered without editing this test. For each parameter that
/// names a kernel object (in the path or the query), the request is sent twice: once naming an object the caller
/// may not see (another network's draft series and everything in it, a sibling member's draft, the network's own
/// draft for a member's admin and a facilitator who does not run it), once naming an id
/// that does not exist. Status and body must be the same, once the two ids are written alike (and fresh form
/// tokens left out).
@Suite("Hidden and missing answer alike on every route and page")
struct HiddenEqualsMissingTests {
    /// What a parameter names.
    enum Kind: String, CaseIterable, Sendable {
        case organization, programme, series, session, person
        /// A case study, named by its slug.
        case study

        /// What names no object of this kind.
        var missing: String { self == .study ? "no-such-study" : "987654" }
    }

    /// Objects of one organization's tree, by kind: ids, or slugs for studies.
    typealias Objects = [Kind: String]

    /// What parameters that name nothing the test varies (a certificate, a metric, a token) are given: nothing has it.
    static let filler = "876543"

    /// The kind a parameter names, from its name or the path segment before it (`/series/{id}`).
    static func kind(of parameter: String, after segment: String?) -> Kind? {
        switch parameter {
        case "org", "organizationId", "parentId": return .organization
        case "programme", "programmeId": return .programme
        case "series", "seriesId": return .series
        case "session", "sessionId": return .session
        case "person", "personId": return .person
        case "study": return .study
        case "id":
            switch segment {
            case "organizations": return .organization
            case "programmes": return .programme
            case "series": return .series
            case "sessions": return .session
            case "people": return .person
            default: return nil
            }
        default: return nil
        }
    }

    /// One request shape: method, path template (`{name}` or `:name` parameters) and the query parameters that
    /// name objects.
    struct Operation: Sendable, CustomStringConvertible {
        let method: HTTPRequest.Method
        let template: String
        let queryIds: [String]
        /// A staff or public page (form posts need a form token), not an API route.
        let isPage: Bool

        var description: String {
            "\(method) \(template)\(queryIds.isEmpty ? "" : "?\(queryIds.joined(separator: "&"))")"
        }

        /// The parameters of the path, each with the segment before it.
        var pathParameters: [(name: String, segment: String?)] {
            let segments = template.split(separator: "/").map(String.init)
            return segments.enumerated().compactMap { index, segment in
                let name: String? =
                    segment.hasPrefix("{") && segment.hasSuffix("}")
                    ? String(segment.dropFirst().dropLast())
                    : segment.hasPrefix(":") ? String(segment.dropFirst()) : nil
                return name.map { ($0, index > 0 ? segments[index - 1] : nil) }
            }
        }

        /// Public surfaces are addressed through an organization anyone may read: only the objects under it vary.
        var isPublic: Bool { template.hasPrefix("/public/") || template.hasPrefix("/pages/") }

        /// The address with `values` for the parameters that name objects, `own` for the others.
        func path(_ values: [String: String], own: Objects) -> String {
            var path = template
            for (name, segment) in pathParameters {
                let value =
                    values[name] ?? HiddenEqualsMissingTests.kind(of: name, after: segment).flatMap { own[$0] }
                    ?? HiddenEqualsMissingTests.filler
                path = path.replacingOccurrences(of: "{\(name)}", with: value)
                    .replacingOccurrences(of: ":\(name)", with: value)
            }
            let query = queryIds.compactMap { name in values[name].map { "\(name)=\($0)" } }
            return query.isEmpty ? path : path + "?" + query.joined(separator: "&")
        }
    }

    /// A world of two networks with every plugin enabled everywhere, and objects each role may not see.
    struct World {
        let fixture: WebFixture
        let own: Objects
        /// Another network, whose only series is a draft: nothing of it is visible from the first.
        let foreign: Objects
        /// The first network's member, with a draft series of its own and a person only it registered.
        let sibling: Objects
        /// The first network's own draft series, and a person only the network registered.
        let networkDraft: Objects
        let tokens: [TwoRoles: String]
        let cookies: [TwoRoles: String]

        init() async throws {
            fixture = try await WebFixture()
            let other = Samples.otherNetwork.replacingOccurrences(of: "status: published", with: "status: draft")
            try await fixture.harness.importText(other)
            let workspace = fixture.harness.workspace
            for slug in ["testnet", "testnet/lagos-member", "othernet", "othernet/lagos-member"] {
                let id = try await workspace.read { db in try Lookup.organization(slug, in: db).id!.rawValue }
                for plugin in workspace.registry.plugins.map({ $0.id }) where plugin != "notes" {
                    try await fixture.enable(plugin, for: id)
                }
            }
            var own = try await Self.objects(of: "testnet", person: "participant.one@example.org", workspace)
            var foreign = try await Self.objects(of: "othernet", person: "participant.one@example.net", workspace)
            // A private case study in each network, contributed over the API by its coordinator.
            for (network, objects) in [("testnet", own), ("othernet", foreign)] {
                let organization = Organization.ID(Int64(objects[.organization]!)!)
                let token = try await workspace.write(as: AuditActor("test")) {
                    try $0.createToken(role: .networkCoordinator, organization: organization).secret
                }
                let slug = "\(network)-study"
                let reply = try await fixture.client.request(
                    .put, "/api/v1/orgs/\(organization)/case-studies/studies/\(slug)", token: token,
                    json: Self.study(slug: slug, organization: network), contentType: "text/markdown")
                #expect(reply.status == 201, "\(reply.text)")
            }
            own[.study] = "testnet-study"
            foreign[.study] = "othernet-study"
            self.own = own
            self.foreign = foreign
            sibling = try await Self.draftTree(in: "testnet/lagos-member", slug: "member", workspace)
            networkDraft = try await Self.draftTree(in: "testnet", slug: "network", workspace)
            let network = Organization.ID(Int64(own[.organization]!)!)
            let member = Organization.ID(Int64(sibling[.organization]!)!)
            let facilitator = try await workspace.read { db in try Lookup.person("facilitator@example.org", in: db).id!
            }
            tokens = try await workspace.write(as: AuditActor("test")) { transaction in
                [
                    .coordinator: try transaction.createToken(role: .networkCoordinator, organization: network).secret,
                    .admin: try transaction.createToken(role: .organizationAdmin, organization: network).secret,
                    .facilitator: try transaction.createToken(
                        role: .facilitator, organization: network, person: facilitator
                    ).secret,
                    .memberAdmin: try transaction.createToken(role: .organizationAdmin, organization: member).secret,
                ]
            }
            cookies = [
                .coordinator: try await fixture.signIn(.networkCoordinator, of: "testnet"),
                .admin: try await fixture.signIn(.organizationAdmin, of: "testnet"),
                .facilitator: try await fixture.signIn(.facilitator, of: "testnet", as: "facilitator@example.org"),
                .memberAdmin: try await fixture.signIn(.organizationAdmin, of: "testnet/lagos-member"),
            ]
        }

        /// A private case study's Markdown file.
        private static func study(slug: String, organization: String) -> String {
            """
            ---
            slug: \(slug)
            title: "Mentoring circles"
            summary: "What a mentoring circle changed."
            organization: \(organization)
            origin: network
            country: KE
            sector: media
            topics: []
            outcomes: []
            links: []
            licence: "All rights reserved"
            consent: notNeeded
            visibility: private
            presentedAt: []
            ---
            ## Method

            Circles of five met monthly.

            """
        }

        /// A programme with a draft series and one session in organization `slug`, and a person only it registered.
        private static func draftTree(in organization: String, slug: String, _ workspace: Workspace) async throws
            -> Objects
        {
            try await workspace.write(as: AuditActor("test")) { transaction in
                let owner = try Lookup.organization(organization, in: transaction.db).id!
                let now = transaction.now
                let programme = try transaction.save(
                    Programme(
                        organizationId: owner, slug: "\(slug)-work", title: "Own work", createdAt: now, updatedAt: now))
                let series = try transaction.save(
                    WebinarSeries(
                        programmeId: programme.id!, slug: "drafting", title: "Drafting", status: .draft,
                        timeZone: "Africa/Lagos", createdAt: now, updatedAt: now))
                let session = try transaction.save(
                    Session(
                        seriesId: series.id!, position: 1, slug: "first", title: "First", kind: .live,
                        startsAt: now.addingTimeInterval(86_400), endsAt: now.addingTimeInterval(90_000),
                        timeZone: "Africa/Lagos", createdAt: now, updatedAt: now))
                let person = try transaction.save(
                    Person(
                        organizationId: owner, displayName: "Only Here", email: "\(slug).only@example.org",
                        consent: true, createdAt: now, updatedAt: now))
                return [
                    .organization: "\(owner)", .programme: "\(programme.id!)", .series: "\(series.id!)",
                    .session: "\(session.id!)", .person: "\(person.id!)",
                ]
            }
        }

        /// The objects `role` works with: the member's for its admin, the network's for everyone else.
        func own(for role: TwoRoles) -> Objects { role == .memberAdmin ? sibling : own }

        /// What `role` may not see, by where it lies.
        func hidden(from role: TwoRoles) -> [(String, Objects)] {
            var hidden = [("other network", foreign)]
            switch role {
            case .admin: hidden.append(("sibling member", sibling))
            case .facilitator:
                // The facilitator's own organization is the network: only what lies in it is hidden.
                hidden += [
                    ("sibling member", sibling), ("network draft", networkDraft.filter { $0.key != .organization }),
                ]
            case .memberAdmin: hidden.append(("network", networkDraft))
            case .coordinator, .anonymous: break
            }
            return hidden
        }

        private static func objects(of network: String, person: String, _ workspace: Workspace) async throws -> Objects
        {
            try await workspace.read { db in
                let series = try Lookup.series("\(network)/webinars/series-one", in: db)
                return [
                    .organization: "\(try Lookup.organization(network, in: db).id!)",
                    .programme: "\(series.programmeId)", .series: "\(series.id!)",
                    .session: "\(try Lookup.session("\(network)/webinars/series-one/intro", in: db).id!)",
                    .person: "\(try Lookup.person(person, in: db).id!)",
                ]
            }
        }

        /// Every operation of the OpenAPI document and every page of every installed plugin.
        func operations() async throws -> [Operation] {
            let document = try await fixture.client.get("/api/v1/openapi.json").json
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            var found: [Operation] = []
            for (template, item) in paths {
                for (name, value) in item {
                    guard let method = HTTPRequest.Method(name.uppercased()), let operation = value as? [String: Any]
                    else { continue }
                    let parameters =
                        (operation["parameters"] as? [[String: Any]] ?? [])
                        + (item["parameters"] as? [[String: Any]] ?? [])
                    let queryIds = parameters.filter { $0["in"] as? String == "query" }.compactMap {
                        $0["name"] as? String
                    }
                    .filter { HiddenEqualsMissingTests.kind(of: $0, after: nil) != nil }
                    found.append(Operation(method: method, template: template, queryIds: queryIds, isPage: false))
                }
            }
            for plugin in fixture.harness.workspace.installedPlugins {
                let id = type(of: plugin).id.rawValue
                for (prefix, isPublic) in [("/orgs/{org}/\(id)", false), ("/pages/orgs/{org}/\(id)", true)] {
                    let pages = PageRoutes()
                    if isPublic { plugin.addPublicPages(to: pages) } else { plugin.addPages(to: pages) }
                    for page in pages.pages {
                        found.append(
                            Operation(
                                method: page.method, template: prefix + (page.path.isEmpty ? "" : "/\(page.path)"),
                                queryIds: [], isPage: true))
                    }
                }
            }
            return found.sorted { $0.description < $1.description }
        }

        /// Sends `operation` to `path` as `role`, the way its surface is used (a bearer token or a browser session).
        func send(_ operation: Operation, _ path: String, as role: TwoRoles) async throws -> TestClient.Reply {
            if operation.isPage {
                let cookie = cookies[role] ?? ""
                if operation.method == .post {
                    return try await fixture.post(path, [("form", "x")], cookie: cookie)
                }
                return try await fixture.client.request(.get, path, headers: cookie.isEmpty ? [:] : ["Cookie": cookie])
            }
            let body: String? = [.post, .put, .patch].contains(operation.method) ? "{}" : nil
            return try await fixture.client.request(
                operation.method, path, token: tokens[role],
                headers: operation.method == .patch ? ["If-Match": "*"] : [:],
                json: body)
        }
    }

    enum TwoRoles: String, CaseIterable, Sendable, CustomStringConvertible {
        case coordinator, admin, facilitator, memberAdmin, anonymous
        var description: String { rawValue }
    }

    /// The body with form tokens (fresh on every page) left out, and `id` written as `replacement` wherever it
    /// stands as a word.
    static func normalized(_ text: String, id: String, as replacement: String) throws -> String {
        var text = text
        for (pattern, replacement) in [
            (#"name="form" value="[^"]*""#, #"name="form" value="""#),
            ("(?<![0-9A-Za-z-])\(NSRegularExpression.escapedPattern(for: id))(?![0-9A-Za-z-])", replacement),
        ] {
            let expression = try NSRegularExpression(pattern: pattern)
            text = expression.stringByReplacingMatches(
                in: text, range: NSRange(text.startIndex..., in: text), withTemplate: replacement)
        }
        return text
    }

    @Test("an object the caller may not see answers as if it did not exist", arguments: TwoRoles.allCases)
    func hiddenEqualsMissing(_ role: TwoRoles) async throws {
        let world = try await World()
        let operations = try await world.operations()
        #expect(operations.contains { $0.template.contains("/retention/series/{series}/report") })
        #expect(operations.contains { $0.isPage && $0.template.contains(":") })
        // Every installed plugin's routes and pages are among the cases, without naming any of them here.
        for plugin in world.fixture.harness.workspace.installedPlugins {
            let id = type(of: plugin).id.rawValue
            let routes = PageRoutes()
            plugin.addPages(to: routes)
            let described = type(of: plugin).apiDescription
            for path in described.privatePaths.keys {
                #expect(operations.contains { $0.template == "/api/v1/orgs/{org}/\(id)\(path)" }, "\(id) \(path)")
            }
            for page in routes.pages {
                let template = "/orgs/{org}/\(id)" + (page.path.isEmpty ? "" : "/\(page.path)")
                #expect(operations.contains { $0.isPage && $0.template == template }, "\(id) \(page.path)")
            }
        }
        let own = world.own(for: role)
        var differences: [String] = []
        var compared: [Kind: Int] = [:]
        for operation in operations {
            let parameters =
                operation.pathParameters.map { ($0.name, Self.kind(of: $0.name, after: $0.segment)) }
                + operation.queryIds.map { ($0, Self.kind(of: $0, after: nil)) }
            for (name, kind) in parameters {
                guard let kind else { continue }
                // On public surfaces the organization is public: only what lies under it can be hidden.
                if operation.isPublic && name == "org" { continue }
                for (label, hidden) in world.hidden(from: role) {
                    guard let hiddenId = hidden[kind] else { continue }
                    let hiddenReply = try await world.send(
                        operation, operation.path([name: hiddenId], own: own), as: role)
                    let missingReply = try await world.send(
                        operation, operation.path([name: kind.missing], own: own), as: role)
                    compared[kind, default: 0] += 1
                    // The missing id is written as the hidden one, so the two answers can be compared as text.
                    let hiddenBody = try Self.normalized(hiddenReply.text, id: hiddenId, as: hiddenId)
                    let missingBody = try Self.normalized(missingReply.text, id: kind.missing, as: hiddenId)
                    // A list filter may still match what the caller sees (people of a hidden organization who
                    // take part in the caller's series): there only the status must agree.
                    let isFilter = operation.queryIds.contains(name)
                    if hiddenReply.status != missingReply.status || (!isFilter && hiddenBody != missingBody) {
                        // Show where the two answers part.
                        let common = zip(hiddenBody, missingBody).prefix { $0 == $1 }.count
                        let (hiddenPart, missingPart) = (
                            hiddenBody.dropFirst(max(0, common - 40)).prefix(200),
                            missingBody.dropFirst(max(0, common - 40)).prefix(200)
                        )
                        differences.append(
                            "\(operation) \(name)=\(label) \(kind): hidden \(hiddenReply.status) …\(hiddenPart) | "
                                + "missing \(missingReply.status) …\(missingPart)")
                    }
                }
            }
        }
        // Every kind of object is tried somewhere (studies only where another network's study is hidden).
        #expect(Set(compared.keys) == Set(Kind.allCases), "compared: \(compared)")
        #expect(compared.values.reduce(0, +) > 50, "only \(compared) comparisons were made")
        #expect(
            differences.isEmpty, "\(role): \(differences.count) differences:\n\(differences.joined(separator: "\n"))")
    }
}
