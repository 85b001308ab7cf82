import Foundation
import GRDB
import Hummingbird
import Kernel
import KernelTesting
import Server
import ServerTesting
import Testing

@Suite("Request rules: validation problems, concurrency, limits and pagination")
struct RequestRulesTests {
    struct BadWrite: Sendable, CustomTestStringConvertible {
        let name: String
        let method: HTTPRequest.Method
        let path: @Sendable (TwoNetworks.Objects) -> String
        let body: String
        let status: Int
        let field: String?

        var testDescription: String { name }
    }

    static let badWrites: [BadWrite] = [
        .init(
            name: "unknown field", method: .patch, path: { "/api/v1/series/\($0.series)" },
            body: #"{"title": "T", "colour": "blue"}"#, status: 422, field: "colour"),
        .init(
            name: "bad slug", method: .post, path: { _ in "/api/v1/programmes" },
            body: #"{"organizationId": 1, "slug": "Not A Slug", "title": "X"}"#, status: 422, field: "slug"),
        .init(
            name: "unknown time zone", method: .patch, path: { "/api/v1/series/\($0.series)" },
            body: #"{"timeZone": "Africa/Harar"}"#, status: 422, field: "timeZone"),
        .init(
            name: "bad e-mail", method: .patch, path: { "/api/v1/people/\($0.participantOne)" },
            body: #"{"email": "not-an-address"}"#, status: 422, field: "email"),
        .init(
            name: "session ending before it starts", method: .patch, path: { "/api/v1/sessions/\($0.intro)" },
            body: #"{"startsAt": "2027-01-05T11:00:00Z", "endsAt": "2027-01-05T10:00:00Z"}"#, status: 422,
            field: "endsAt"),
        .init(
            name: "end moved before the stored start", method: .patch, path: { "/api/v1/sessions/\($0.intro)" },
            body: #"{"endsAt": "2020-01-01T00:00:00Z"}"#, status: 422, field: "endsAt"),
        .init(
            name: "instant without zone", method: .patch, path: { "/api/v1/sessions/\($0.intro)" },
            body: #"{"startsAt": "2027-01-05T11:00:00"}"#, status: 422, field: "startsAt"),
        .init(
            name: "unknown enum value", method: .patch, path: { "/api/v1/series/\($0.series)" },
            body: #"{"status": "live"}"#, status: 422, field: "status"),
        .init(
            name: "wrong type", method: .patch, path: { "/api/v1/series/\($0.series)" },
            body: #"{"objectives": "one"}"#, status: 422, field: "objectives"),
        .init(
            name: "gender without consent", method: .patch, path: { "/api/v1/people/\($0.participantTwo)" },
            body: #"{"gender": "man"}"#, status: 422, field: "consent"),
        .init(
            name: "join link on an offline exercise", method: .patch, path: { "/api/v1/sessions/\($0.homework)" },
            body: #"{"joinURL": "https://meet.example.org/x"}"#, status: 422, field: "joinURL"),
        .init(
            name: "minutes out of range", method: .put,
            path: { "/api/v1/sessions/\($0.intro)/attendance/\($0.participantOne)" },
            body: #"{"status": "present", "minutes": 5000}"#, status: 422, field: "minutes"),
        .init(
            name: "missing required field", method: .post, path: { _ in "/api/v1/programmes" },
            body: #"{"organizationId": 1, "slug": "x"}"#, status: 422, field: "title"),
        .init(
            name: "unknown plugin setting", method: .put,
            path: { "/api/v1/organizations/\($0.network)/plugins/session-log" },
            body: #"{"settings": {"lable": "x"}}"#, status: 422, field: "settings.lable"),
        .init(
            name: "null for a field that cannot be cleared", method: .patch, path: { "/api/v1/series/\($0.series)" },
            body: #"{"title": null}"#, status: 422, field: "title"),
        .init(
            name: "malformed JSON", method: .patch, path: { "/api/v1/series/\($0.series)" },
            body: #"{"title": "#, status: 400, field: nil),
        .init(
            name: "not an object", method: .patch, path: { "/api/v1/series/\($0.series)" },
            body: #"["title"]"#, status: 400, field: nil),
        .init(
            name: "nested too deep", method: .patch, path: { "/api/v1/series/\($0.series)" },
            body: String(repeating: "[", count: 40) + String(repeating: "]", count: 40), status: 400, field: nil),
        .init(
            name: "duplicate slug", method: .patch, path: { "/api/v1/sessions/\($0.intro)" },
            body: #"{"slug": "homework"}"#, status: 409, field: nil),
        .init(
            name: "attendance on an offline exercise", method: .put,
            path: { "/api/v1/sessions/\($0.homework)/attendance/\($0.participantOne)" },
            body: #"{"status": "present"}"#, status: 409, field: nil),
    ]

    @Test("a bad write gets a problem naming what is wrong, and changes nothing", arguments: badWrites)
    func badWrite(_ write: BadWrite) async throws {
        let networks = try await TwoNetworks()
        let before = try await Samples.rowCounts(networks.harness.workspace)
        let reply = try await networks.client.request(
            write.method, write.path(networks.own), token: networks.token(.coordinator), headers: ["If-Match": "*"],
            json: write.body)
        #expect(reply.status == write.status, "\(reply.text)")
        #expect(reply.header("Content-Type") == "application/problem+json")
        #expect(reply.json["status"] as? Int == write.status)
        #expect((reply.json["detail"] as? String)?.isEmpty == false)
        if let field = write.field { #expect(reply.problemFields.contains(field), "\(reply.text)") }
        #expect(try await Samples.rowCounts(networks.harness.workspace) == before)
    }

    @Test("updates need If-Match: 428 without it, 412 when stale, and the ETag moves with each change")
    func optimisticConcurrency() async throws {
        let networks = try await TwoNetworks()
        let token = networks.token(.coordinator)
        let path = "/api/v1/sessions/\(networks.own.intro)"
        let first = try await networks.client.get(path, token: token)
        let etag = try #require(first.header("ETag"))
        #expect(etag.hasPrefix("\"") && etag.hasSuffix("\""))
        let missing = try await networks.client.request(.patch, path, token: token, json: #"{"title": "A"}"#)
        #expect(missing.status == 428)
        let weak = try await networks.client.request(
            .patch, path, token: token, headers: ["If-Match": "W/\(etag)"], json: #"{"title": "A"}"#)
        #expect(weak.status == 412)
        networks.harness.clock.advance(by: 1)
        let updated = try await networks.client.request(
            .patch, path, token: token, headers: ["If-Match": "\"other\", \(etag)"], json: #"{"title": "A"}"#)
        #expect(updated.status == 200)
        let newTag = try #require(updated.header("ETag"))
        #expect(newTag != etag)
        let stale = try await networks.client.request(
            .patch, path, token: token, headers: ["If-Match": etag], json: #"{"title": "B"}"#)
        #expect(stale.status == 412)
        #expect(try await networks.client.get(path, token: token).json["title"] as? String == "A")
    }

    @Test("rescheduling through the API bumps the revision; cancelling keeps the session")
    func rescheduleAndCancel() async throws {
        let networks = try await TwoNetworks()
        let token = networks.token(.coordinator)
        let path = "/api/v1/sessions/\(networks.own.intro)"
        let moved = try await networks.client.request(
            .patch, path, token: token, headers: ["If-Match": "*"],
            json: #"{"startsAt": "2023-06-21T13:00:00Z", "endsAt": "2023-06-21T14:00:00Z"}"#)
        #expect(moved.json["revision"] as? Int == 2)
        let cancelled = try await networks.client.request(
            .patch, path, token: token, headers: ["If-Match": "*"], json: #"{"status": "cancelled"}"#)
        #expect(cancelled.json["revision"] as? Int == 3 && cancelled.json["status"] as? String == "cancelled")
        let listed = try await networks.client.get("/api/v1/sessions?seriesId=\(networks.own.series)&status=cancelled")
        #expect(listed.ids == [Int(networks.own.intro)])
    }

    @Test("lists page by id with limit and after, and refuse unknown filters")
    func pagination() async throws {
        let networks = try await TwoNetworks()
        let token = networks.token(.coordinator)
        var seen: [Int] = []
        var after: Int?
        repeat {
            let reply = try await networks.client.get(
                "/api/v1/people?limit=1" + (after.map { "&after=\($0)" } ?? ""), token: token)
            #expect(reply.status == 200)
            seen += reply.ids
            after = reply.json["next"] as? Int
        } while after != nil
        let all = try await networks.client.get("/api/v1/people", token: token)
        #expect(seen == all.ids && seen.count == 3)
        let typo = try await networks.client.get("/api/v1/people?organisationId=1", token: token)
        #expect(typo.status == 400 && typo.problemFields == ["organisationId"])
        let tooMany = try await networks.client.get("/api/v1/people?limit=1000", token: token)
        #expect(tooMany.status == 400 && tooMany.problemFields == ["limit"])
        let filtered = try await networks.client.get("/api/v1/people?email=PARTICIPANT.ONE@example.org", token: token)
        #expect(filtered.ids == [Int(networks.own.participantOne)])
    }

    @Test("oversized bodies get 413, other media types 415, unknown routes a 404 problem")
    func limits() async throws {
        let networks = try await TwoNetworks()
        let token = networks.token(.coordinator)
        let huge = #"{"title": ""# + String(repeating: "x", count: 2 << 20) + #""}"#
        let path = "/api/v1/series/\(networks.own.series)"
        let large = try await networks.client.request(
            .patch, path, token: token, headers: ["If-Match": "*"], json: huge)
        #expect(large.status == 413)
        let form = try await networks.client.request(
            .patch, path, token: token, headers: ["If-Match": "*"], json: "title=x",
            contentType: "application/x-www-form-urlencoded")
        #expect(form.status == 415)
        let nowhere = try await networks.client.get("/api/v1/nowhere", token: token)
        #expect(nowhere.status == 404 && nowhere.header("Content-Type") == "application/problem+json")
        let badId = try await networks.client.get("/api/v1/series/abc", token: token)
        #expect(badId.status == 400)
    }

    @Test("the access log names the route and status, never the path's or query's personal data")
    func accessLog() async throws {
        let networks = try await TwoNetworks()
        _ = try await networks.client.get(
            "/api/v1/people?email=participant.one@example.org", token: networks.token(.admin))
        let line = try #require(networks.harness.logs.records.last { $0.message == "Request" })
        #expect(line.metadata["http.route"] == "/api/v1/people")
        #expect(line.metadata["http.status"] == "200")
        #expect(line.metadata["principal"]?.hasPrefix("token:") == true)
        #expect(!networks.harness.logs.records.contains { $0.text.contains("@") })
    }

    @Test("created objects are answered with 201, an ETag and an absolute Location on the base URL")
    func createdLocation() async throws {
        let networks = try await TwoNetworks()
        let client = TestClient(
            workspace: networks.harness.workspace, configuration: .init(baseURL: "https://indaba.example.org/"))
        let reply = try await client.request(
            .post, "/api/v1/programmes", token: networks.token(.admin),
            json: #"{"organizationId": \#(networks.own.network), "slug": "extra", "title": "Extra"}"#)
        #expect(reply.status == 201)
        let id = try #require(reply.json["id"] as? Int)
        #expect(reply.header("Location") == "https://indaba.example.org/api/v1/programmes/\(id)")
        #expect(reply.header("ETag")?.hasPrefix("\"p\(id)-") == true)
        let again = try await client.request(
            .post, "/api/v1/programmes", token: networks.token(.admin),
            json: #"{"organizationId": \#(networks.own.network), "slug": "extra", "title": "Extra"}"#)
        #expect(again.status == 409)
    }

    @Test("GET with If-None-Match naming the current ETag gets 304 and no body")
    func conditionalGet() async throws {
        let networks = try await TwoNetworks()
        let path = "/api/v1/sessions/\(networks.own.intro)"
        let etag = try #require(try await networks.client.get(path).header("ETag"))
        for match in [etag, "W/\(etag)", "*", "\"other\", \(etag)"] {
            let reply = try await networks.client.request(.get, path, headers: ["If-None-Match": match])
            #expect(reply.status == 304 && reply.body.isEmpty && reply.header("ETag") == etag, "\(match)")
        }
        #expect(try await networks.client.request(.get, path, headers: ["If-None-Match": "\"other\""]).status == 200)
    }

    @Test("HEAD answers every GET route of the kernel with the GET's status and headers and no body")
    func head() async throws {
        let networks = try await TwoNetworks()
        let token = networks.token(.coordinator)
        for path in ["/healthz", "/api/v1/series", "/api/v1/sessions/\(networks.own.intro)", "/api/v1/openapi.json"] {
            let get = try await networks.client.request(.get, path, token: token)
            let head = try await networks.client.request(.head, path, token: token)
            #expect(head.status == get.status && head.status == 200, "\(path)")
            #expect(head.body.isEmpty, "\(path)")
            #expect(head.header("Content-Type") == get.header("Content-Type"), "\(path)")
            #expect(head.header("ETag") == get.header("ETag"), "\(path)")
        }
        #expect(try await networks.client.request(.head, "/api/v1/sessions/999999", token: token).status == 404)
    }

    @Test("a known path with the wrong method gets 405 and Allow; unknown paths stay 404")
    func methods() async throws {
        let networks = try await TwoNetworks()
        let token = networks.token(.coordinator)
        let wrong = try await networks.client.request(.delete, "/api/v1/series", token: token)
        #expect(wrong.status == 405 && wrong.header("Allow") == "GET, HEAD, POST")
        #expect(wrong.header("Content-Type") == "application/problem+json")
        let item = try await networks.client.request(
            .put, "/api/v1/sessions/\(networks.own.intro)", token: token, json: "{}")
        #expect(item.status == 405 && item.header("Allow") == "GET, HEAD, PATCH")
        #expect(try await networks.client.request(.delete, "/api/v1/nowhere", token: token).status == 404)
    }
}
