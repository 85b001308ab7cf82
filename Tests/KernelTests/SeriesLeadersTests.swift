import Foundation
import GRDB
import Kernel
import KernelTesting
import Testing

@Suite("Facilitators and guest speakers given and taken away, audited; facilitators reach their series")
struct SeriesLeadersTests {
    private func harness() async throws -> PluginHarness {
        let harness = try PluginHarness()
        try await harness.importText(Samples.network)
        return harness
    }

    @Test("adding a facilitator gives their sign-in the series; removing takes it away; both audited")
    func facilitatorAccessFollowsRole() async throws {
        let harness = try await harness()
        let (series, person, network) = try await harness.workspace.read { db in
            (
                try Lookup.series("testnet/webinars/series-one", in: db).id!,
                try Lookup.person("participant.one@example.org", in: db).id!,
                try Lookup.organization("testnet", in: db).id!
            )
        }
        func access() async throws -> Access {
            try await harness.workspace.read { db in
                try Access.granted(role: .facilitator, organization: network, person: person, principal: "t", in: db)
            }
        }
        #expect(try await access().facilitated.isEmpty)
        let added = try await harness.workspace.write(as: AuditActor("web:7")) {
            try $0.addLeader(.facilitator, person: person, series: series)
        }
        let again = try await harness.workspace.write(as: AuditActor("web:7")) {
            try $0.addLeader(.facilitator, person: person, series: series)
        }
        #expect(added && !again)
        #expect(try await access().facilitated == [series])
        let removed = try await harness.workspace.write(as: AuditActor("web:7")) {
            try $0.removeLeader(.facilitator, person: person, series: series)
        }
        let removedAgain = try await harness.workspace.write(as: AuditActor("web:7")) {
            try $0.removeLeader(.facilitator, person: person, series: series)
        }
        #expect(removed && !removedAgain)
        #expect(try await access().facilitated.isEmpty)
        let audit = try await harness.workspace.read { db in
            try AuditEntry.filter(Column("action").like("series.role%")).order(Column("id")).fetchAll(db)
        }
        #expect(audit.map(\.action) == ["series.roleAdded", "series.roleRemoved"])
        #expect(audit.allSatisfy { $0.subject == "series:\(series)" && $0.actor == "web:7" })
        #expect(audit[0].detail == #"{"person":\#(person),"role":"facilitator"}"#)
    }

    @Test("guest speakers are named with the series; the participant role is refused")
    func guestSpeakerAndParticipant() async throws {
        let harness = try await harness()
        let (series, person) = try await harness.workspace.read { db in
            (
                try Lookup.series("testnet/webinars/series-one", in: db).id!,
                try Lookup.person("participant.two@example.org", in: db).id!
            )
        }
        try await harness.workspace.write(as: AuditActor("test")) {
            try $0.addLeader(.guestSpeaker, person: person, series: series)
        }
        let leaders = try await harness.workspace.read { db in try SeriesFacilitation(of: series, in: db).leaders }
        #expect(leaders.map(\.role) == [.facilitator, .guestSpeaker])
        await #expect(throws: KernelError.self) {
            try await harness.workspace.write(as: AuditActor("test")) {
                try $0.addLeader(.participant, person: person, series: series)
            }
        }
        await #expect(throws: KernelError.notFound(entity: "person", reference: "987654")) {
            try await harness.workspace.write(as: AuditActor("test")) {
                try $0.addLeader(.facilitator, person: Person.ID(987654), series: series)
            }
        }
    }
}
