import Foundation
import GRDB
import HTTPTypes
import Kernel
import KernelTesting
import ServerTesting
import Testing

@Suite("API: a series' facilitators and guest speakers, and cloning a series")
struct SeriesStaffRouteTests {
    @Test("a coordinator adds a facilitator (201, then 200), lists and removes them (204, then 404)")
    func leaders() async throws {
        let world = try await TwoNetworks()
        let (series, person) = (world.own.series, world.own.participantOne)
        let token = world.token(.coordinator)
        let path = "/api/v1/series/\(series)/leaders/facilitator/\(person)"
        #expect(try await world.client.request(.put, path, token: token).status == 201)
        #expect(try await world.client.request(.put, path, token: token).status == 200)
        let list = try await world.client.get("/api/v1/series/\(series)/leaders", token: token)
        let items = list.json["items"] as? [[String: Any]] ?? []
        #expect(items.compactMap { $0["personId"] as? Int } == [Int(world.own.facilitator), Int(person)])
        #expect(try await world.client.request(.delete, path, token: token).status == 204)
        #expect(try await world.client.request(.delete, path, token: token).status == 404)
        let actions = try await world.harness.workspace.read { db in
            try String.fetchAll(db, sql: "SELECT action FROM auditLog WHERE action LIKE 'series.role%' ORDER BY id")
        }
        #expect(actions == ["series.roleAdded", "series.roleRemoved"])
    }

    @Test("another network's series or person answers 404 like a missing one; a facilitator gets 403")
    func hiddenAndForbidden() async throws {
        let world = try await TwoNetworks()
        let token = world.token(.coordinator)
        // The other network's series is published (visible), so its person is what must stay hidden.
        let foreignPerson = try await world.client.request(
            .put, "/api/v1/series/\(world.own.series)/leaders/facilitator/\(world.foreign.participantOne)",
            token: token)
        let missingPerson = try await world.client.request(
            .put, "/api/v1/series/\(world.own.series)/leaders/facilitator/987654", token: token)
        #expect(foreignPerson.status == 404 && missingPerson.status == 404)
        #expect(
            foreignPerson.text.replacingOccurrences(of: "\(world.foreign.participantOne)", with: "ID")
                == missingPerson.text.replacingOccurrences(of: "987654", with: "ID"))
        let unknownRole = try await world.client.request(
            .put, "/api/v1/series/\(world.own.series)/leaders/participant/\(world.own.participantOne)", token: token)
        #expect(unknownRole.status == 404)
        let facilitator = try await world.client.request(
            .put, "/api/v1/series/\(world.own.series)/leaders/guestSpeaker/\(world.own.participantOne)",
            token: world.token(.facilitator))
        #expect(facilitator.status == 403)
        let anonymous = try await world.client.request(
            .put, "/api/v1/series/\(world.own.series)/leaders/guestSpeaker/\(world.own.participantOne)")
        #expect(anonymous.status == 401)
    }

    @Test("clone: 201 with the new draft series; a taken slug 409, a bad day 422, a foreign series 403")
    func clone() async throws {
        let world = try await TwoNetworks()
        let token = world.token(.coordinator)
        let path = "/api/v1/series/\(world.own.series)/clone"
        let created = try await world.client.request(
            .post, path, token: token, json: #"{"slug":"series-two","startsOn":"2024-06-19","withRoles":true}"#)
        #expect(created.status == 201)
        #expect(created.json["status"] as? String == "draft")
        let id = try #require(created.json["id"] as? Int)
        let sessions = try await world.client.get("/api/v1/sessions?seriesId=\(id)", token: token)
        #expect(sessions.ids.count == 3)
        let taken = try await world.client.request(
            .post, path, token: token, json: #"{"slug":"series-two","startsOn":"2024-06-19"}"#)
        #expect(taken.status == 409)
        let badDay = try await world.client.request(
            .post, path, token: token, json: #"{"slug":"series-three","startsOn":"19/06/2024"}"#)
        #expect(badDay.status == 422 && badDay.problemFields == ["startsOn"])
        let foreign = try await world.client.request(
            .post, "/api/v1/series/\(world.foreign.series)/clone", token: token,
            json: #"{"slug":"mine","startsOn":"2024-06-19"}"#)
        #expect(foreign.status == 403)
    }
}
