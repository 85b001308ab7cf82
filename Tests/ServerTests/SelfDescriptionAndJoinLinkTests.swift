import Foundation
import GRDB
import Kernel
import KernelTesting
import ServerTesting
import Testing

/// Self-descriptions belong to the organization that registered a person; join links to the people of a series.
@Suite("Self-descriptions and join links stay with their owners")
struct SelfDescriptionAndJoinLinkTests {
    /// Enrols the other network's participant one (who described herself) in this network's series.
    private func enrolForeignParticipant(_ networks: TwoNetworks) async throws {
        let (person, series) = (Person.ID(networks.foreign.participantOne), WebinarSeries.ID(networks.own.series))
        try await networks.harness.workspace.write(as: AuditActor("test")) { transaction in
            try transaction.enrol(person, in: series, channel: "website")
        }
    }

    @Test("an admin whose public series someone joined does not read the gender their own organization stored")
    func foreignEnroleesKeepTheirSelfDescriptions() async throws {
        let networks = try await TwoNetworks()
        try await enrolForeignParticipant(networks)
        for role in [TwoNetworks.Role.admin, .coordinator] {
            let list = try await networks.client.get(
                "/api/v1/people?seriesId=\(networks.own.series)&limit=200", token: networks.token(role))
            let items = try #require(list.json["items"] as? [[String: Any]])
            let foreign = try #require(items.first { $0["id"] as? Int == Int(networks.foreign.participantOne) })
            #expect(foreign["gender"] == nil && foreign["attributes"] == nil && foreign["consent"] == nil, "\(role)")
            let own = try #require(items.first { $0["id"] as? Int == Int(networks.own.participantOne) })
            #expect(own["gender"] as? String == "woman", "\(role)")

            let one = try await networks.client.get(
                "/api/v1/people/\(networks.foreign.participantOne)", token: networks.token(role))
            #expect(one.status == 200 && one.json["gender"] == nil, "\(role): \(one.text)")
        }
    }

    @Test("a member's people show their self-descriptions to the network's coordinator, not to the network's admin")
    func membersSelfDescriptionsFollowAdministration() async throws {
        let networks = try await TwoNetworks()
        let path = "/api/v1/people/\(networks.own.participantTwo)"
        try await networks.harness.workspace.write(as: AuditActor("test")) { [own = networks.own] transaction in
            var person = try #require(try Person.fetchOne(transaction.db, key: Person.ID(own.participantTwo)))
            person.consent = true
            person.gender = "woman"
            try transaction.save(person)
        }
        let asCoordinator = try await networks.client.get(path, token: networks.token(.coordinator))
        #expect(asCoordinator.json["gender"] as? String == "woman")
        // The admin of the network organization sees the person (she takes part in its series), not her gender.
        let asAdmin = try await networks.client.get(path, token: networks.token(.admin))
        #expect(asAdmin.status == 200 && asAdmin.json["gender"] == nil, "\(asAdmin.text)")
    }

    @Test("join links reach the series' administrators and facilitators only, on lists and single sessions")
    func joinLinksStayWithTheSeries() async throws {
        let networks = try await TwoNetworks()
        let link = "https://meet.example.org/one"
        for (role, sees) in [(TwoNetworks.Role.coordinator, true), (.admin, true), (.facilitator, true)] {
            let own = try await networks.client.get(
                "/api/v1/sessions/\(networks.own.intro)", token: networks.token(role))
            #expect((own.json["joinURL"] as? String == link) == sees, "\(role)")
        }
        for role in TwoNetworks.Role.allCases {
            let one = try await networks.client.get(
                "/api/v1/sessions/\(networks.foreign.intro)", token: networks.token(role))
            #expect(one.status == 200 && one.json["joinURL"] == nil, "\(role): \(one.text)")
            let list = try await networks.client.get(
                "/api/v1/sessions?seriesId=\(networks.foreign.series)&limit=200", token: networks.token(role))
            let items = try #require(list.json["items"] as? [[String: Any]])
            #expect(!items.isEmpty && items.allSatisfy { $0["joinURL"] == nil }, "\(role): \(list.text)")
        }
        let ownList = try await networks.client.get(
            "/api/v1/sessions?seriesId=\(networks.own.series)&limit=200", token: networks.token(.facilitator))
        let items = try #require(ownList.json["items"] as? [[String: Any]])
        #expect(items.contains { $0["joinURL"] as? String == link })
    }
}
