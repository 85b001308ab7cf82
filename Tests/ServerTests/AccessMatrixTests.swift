import Foundation
import GRDB
import Hummingbird
import Kernel
import KernelTesting
import ServerTesting
import Testing

/// Every role against every endpoint, for an object of its own network and one of another network.
///
/// The expected status comes from the rules below, written independently of the server's `Scope`.
@Suite("Access matrix: roles × endpoints × own and foreign organizations")
struct AccessMatrixTests {
    /// Which rule decides who may call an operation.
    enum Rule: Sendable {
        /// Published series and their sessions: anyone reads them.
        case readPublic
        /// Administrators, and facilitators for what their series involve.
        case readParticipants
        /// Administrators only.
        case readAdmin
        /// Administrators change it.
        case write
        /// Only a coordinator of the network.
        case writeCoordinator
        /// Administrators and the series' facilitators.
        case record
    }

    struct Operation: Sendable {
        let name: String
        let method: HTTPRequest.Method
        let rule: Rule
        let success: Int
        /// Whether the object it reaches in the other network is a published series or session, which every
        /// caller may read (so a foreign change is refused with 403, not hidden with 404).
        var publicTarget = false
        let path: @Sendable (TwoNetworks.Objects) -> String
        let body: (@Sendable (TwoNetworks.Objects) -> String)?
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let operation: Operation
        let role: TwoNetworks.Role
        let foreign: Bool

        var testDescription: String { "\(role) \(operation.name) \(foreign ? "foreign" : "own")" }

        var expected: Int {
            switch (role, operation.rule) {
            case (.anonymous, .readPublic): return 200  // both networks' series are published
            case (.anonymous, _): return 401
            case (_, .readPublic) where foreign: return 200
            case _ where foreign && operation.publicTarget: return 403
            case _ where foreign: return 404
            case (.coordinator, _): return operation.success
            case (.admin, .writeCoordinator): return 403
            case (.admin, _): return operation.success
            case (.facilitator, .readPublic), (.facilitator, .readParticipants), (.facilitator, .record):
                return operation.success
            case (.facilitator, _): return 403
            }
        }
    }

    static let operations: [Operation] = [
        .init(
            name: "GET organization", method: .get, rule: .readParticipants, success: 200,
            path: { "/api/v1/organizations/\($0.network)" }, body: nil),
        .init(
            name: "PATCH organization", method: .patch, rule: .write, success: 200,
            path: { "/api/v1/organizations/\($0.network)" }, body: { _ in #"{"name": "Renamed"}"# }),
        .init(
            name: "POST organization", method: .post, rule: .writeCoordinator, success: 201,
            path: { _ in "/api/v1/organizations" },
            body: {
                #"{"parentId": \#($0.network), "name": "New", "slug": "new-member", "country": "KE", "timeZone": "Africa/Nairobi"}"#
            }),
        .init(
            name: "GET organization plugins", method: .get, rule: .readAdmin, success: 200,
            path: { "/api/v1/organizations/\($0.network)/plugins" }, body: nil),
        .init(
            name: "PUT organization plugin", method: .put, rule: .write, success: 200,
            path: { "/api/v1/organizations/\($0.network)/plugins/base-log" }, body: { _ in #"{"enabled": true}"# }),
        .init(
            name: "GET programme", method: .get, rule: .readParticipants, success: 200,
            path: { "/api/v1/programmes/\($0.programme)" }, body: nil),
        .init(
            name: "PATCH programme", method: .patch, rule: .write, success: 200,
            path: { "/api/v1/programmes/\($0.programme)" }, body: { _ in #"{"title": "Renamed"}"# }),
        .init(
            name: "POST programme", method: .post, rule: .write, success: 201, path: { _ in "/api/v1/programmes" },
            body: { #"{"organizationId": \#($0.network), "slug": "more", "title": "More"}"# }),
        .init(
            name: "GET series", method: .get, rule: .readPublic, success: 200,
            path: { "/api/v1/series/\($0.series)" }, body: nil),
        .init(
            name: "PATCH series", method: .patch, rule: .write, success: 200, publicTarget: true,
            path: { "/api/v1/series/\($0.series)" }, body: { _ in #"{"status": "completed"}"# }),
        .init(
            name: "POST series", method: .post, rule: .write, success: 201, path: { _ in "/api/v1/series" },
            body: { #"{"programmeId": \#($0.programme), "slug": "two", "title": "Two", "timeZone": "Africa/Lagos"}"# }),
        .init(
            name: "GET session", method: .get, rule: .readPublic, success: 200,
            path: { "/api/v1/sessions/\($0.intro)" }, body: nil),
        .init(
            name: "PATCH session", method: .patch, rule: .write, success: 200, publicTarget: true,
            path: { "/api/v1/sessions/\($0.intro)" }, body: { _ in #"{"status": "cancelled"}"# }),
        .init(
            name: "POST session", method: .post, rule: .write, success: 201, publicTarget: true,
            path: { _ in "/api/v1/sessions" },
            body: {
                #"{"seriesId": \#($0.series), "slug": "extra", "title": "Extra", "kind": "live", "startsAt": "2027-01-05T10:00:00Z", "endsAt": "2027-01-05T11:00:00Z"}"#
            }),
        .init(
            name: "GET person", method: .get, rule: .readParticipants, success: 200,
            path: { "/api/v1/people/\($0.participantOne)" }, body: nil),
        .init(
            name: "PATCH person", method: .patch, rule: .write, success: 200,
            path: { "/api/v1/people/\($0.participantOne)" }, body: { _ in #"{"displayName": "Renamed"}"# }),
        .init(
            name: "POST person", method: .post, rule: .write, success: 201, path: { _ in "/api/v1/people" },
            body: { #"{"organizationId": \#($0.network), "displayName": "New Person", "email": "new@example.com"}"# }),
        .init(
            name: "POST enrolment", method: .post, rule: .write, success: 201, publicTarget: true,
            path: { _ in "/api/v1/enrolments" },
            body: { #"{"seriesId": \#($0.series), "personId": \#($0.facilitator), "channel": "website"}"# }),
        .init(
            name: "PUT attendance", method: .put, rule: .record, success: 200,
            path: { "/api/v1/sessions/\($0.intro)/attendance/\($0.participantOne)" },
            body: { _ in #"{"status": "present", "minutes": 40}"# }),
        .init(
            name: "PUT submission", method: .put, rule: .record, success: 200,
            path: { "/api/v1/sessions/\($0.homework)/submissions/\($0.participantTwo)" },
            body: { _ in #"{"link": "https://example.org/new-work"}"# }),
    ]

    static let cases: [Case] = operations.flatMap { operation in
        TwoNetworks.Role.allCases.flatMap { role in
            [false, true].map { Case(operation: operation, role: role, foreign: $0) }
        }
    }

    @Test("each role gets the expected status", arguments: cases)
    func matrix(_ item: Case) async throws {
        let networks = try await TwoNetworks()
        let target = item.foreign ? networks.foreign : networks.own
        let reply = try await networks.client.request(
            item.operation.method, item.operation.path(target), token: networks.token(item.role),
            headers: item.operation.method == .patch ? ["If-Match": "*"] : [:], json: item.operation.body?(target))
        #expect(reply.status == item.expected, "\(reply.text)")
        if reply.status >= 400 {
            #expect(reply.header("Content-Type") == "application/problem+json")
        }
    }

    static let listNames = [
        "organizations", "programmes", "series", "sessions", "people", "enrolments", "attendance", "submissions",
        "plugins",
    ]

    @Test(
        "lists answer each role, and never contain another network's objects", arguments: listNames,
        TwoNetworks.Role.allCases)
    func lists(_ name: String, role: TwoNetworks.Role) async throws {
        let networks = try await TwoNetworks()
        let reply = try await networks.client.get("/api/v1/\(name)?limit=200", token: networks.token(role))
        let publicList = name == "series" || name == "sessions"
        #expect(reply.status == (role == .anonymous && !publicList ? 401 : 200), "\(reply.text)")
        guard role != .anonymous, name != "plugins" else { return }
        let foreignIds: [String: [Int64]] = [
            "organizations": [networks.foreign.network, networks.foreign.member],
            "programmes": [networks.foreign.programme],
            "people": [networks.foreign.facilitator, networks.foreign.participantOne, networks.foreign.participantTwo],
        ]
        for id in foreignIds[name] ?? [] { #expect(!reply.ids.contains(Int(id))) }
        if name == "series" || name == "sessions" {
            // The other network's series is published, so everyone sees it and its sessions.
            let published = name == "series" ? networks.foreign.series : networks.foreign.intro
            #expect(reply.ids.contains(Int(published)))
        }
        #expect(!reply.ids.isEmpty, "every role sees some of its own network's \(name)")
    }

    @Test("an organization admin sees only that organization; the coordinator sees the members too")
    func adminSeesOneOrganization() async throws {
        let networks = try await TwoNetworks()
        let member = "/api/v1/organizations/\(networks.own.member)"
        #expect(try await networks.client.get(member, token: networks.token(.admin)).status == 404)
        #expect(try await networks.client.get(member, token: networks.token(.coordinator)).status == 200)
        let all = try await networks.client.get("/api/v1/organizations", token: networks.token(.coordinator))
        #expect(Set(all.ids) == [Int(networks.own.network), Int(networks.own.member)])
    }

    @Test("administrators see self-described gender; facilitators and the join link rules")
    func personalDetailsFollowTheRole() async throws {
        let networks = try await TwoNetworks()
        let person = "/api/v1/people/\(networks.own.participantOne)"
        let asAdmin = try await networks.client.get(person, token: networks.token(.admin)).json
        #expect(asAdmin["gender"] as? String == "woman")
        let asFacilitator = try await networks.client.get(person, token: networks.token(.facilitator)).json
        #expect(asFacilitator["gender"] == nil && asFacilitator["displayName"] as? String == "Participant One")
        let session = "/api/v1/sessions/\(networks.own.intro)"
        #expect(try await networks.client.get(session).json["joinURL"] == nil)
        #expect(
            try await networks.client.get(session, token: networks.token(.facilitator)).json["joinURL"] as? String
                == "https://meet.example.org/one")
    }

    @Test("another network's drafts stay invisible, though its published series are public")
    func foreignDraftsAreInvisible() async throws {
        let networks = try await TwoNetworks()
        try await networks.hideForeignSeries()
        for role in TwoNetworks.Role.allCases {
            let reply = try await networks.client.get(
                "/api/v1/series/\(networks.foreign.series)", token: networks.token(role))
            #expect(reply.status == 404, "\(role)")
            let sessions = try await networks.client.get("/api/v1/sessions?limit=200", token: networks.token(role))
            #expect(!sessions.ids.contains(Int(networks.foreign.intro)), "\(role)")
        }
    }

    @Test("who takes part in a series is private: people?seriesId names only the caller's own series")
    func participationFiltersAreScoped() async throws {
        let networks = try await TwoNetworks()
        let own = try await networks.client.get(
            "/api/v1/people?seriesId=\(networks.own.series)", token: networks.token(.facilitator))
        #expect(own.status == 200 && own.ids.count == 3)
        for series in [networks.foreign.series, 999] {
            let reply = try await networks.client.get(
                "/api/v1/people?seriesId=\(series)", token: networks.token(.coordinator))
            #expect(reply.status == 404, "series \(series)")
        }
    }

    @Test("an e-mail taken in another network is refused without revealing who has it")
    func emailClashesDoNotLeak() async throws {
        let networks = try await TwoNetworks()
        let body =
            #"{"organizationId": \#(networks.own.network), "displayName": "X", "email": "FACILITATOR@example.net"}"#
        let reply = try await networks.client.request(
            .post, "/api/v1/people", token: networks.token(.admin), json: body)
        #expect(reply.status == 409)
        let detail = try #require(reply.json["detail"] as? String)
        #expect(!detail.contains(String(networks.foreign.facilitator)) && detail.contains("another organization"))
        let visible =
            #"{"organizationId": \#(networks.own.network), "displayName": "X", "email": "facilitator@example.org"}"#
        let clash = try await networks.client.request(
            .post, "/api/v1/people", token: networks.token(.admin), json: visible)
        #expect(
            clash.status == 409
                && (clash.json["detail"] as? String)?.contains("person \(networks.own.facilitator)") == true)
    }

    @Test("the last page says next: null")
    func lastPageSaysSo() async throws {
        let networks = try await TwoNetworks()
        let reply = try await networks.client.get("/api/v1/series?limit=200")
        #expect(reply.text.contains(#""next":null"#))
    }
}
