import Foundation
import GRDB
import Kernel
import KernelTesting
import Testing

@testable import Retention

/// Issue 13, item 8: one definition of "participant" (enrolled, not a facilitator or guest speaker of the series)
/// behind the series report, the organization and network funnels, programme retention and `series show`.
@Suite("One definition of a participant")
struct ParticipantDefinitionTests {
    @Test("The team recorded present (and a facilitator who also enrolled) count nowhere as participants")
    func teamIsNotCounted() async throws {
        let fixture = try await RetentionFixture()
        try await fixture.importFile(try RetentionFixture.export("zoom-meeting-participants.csv"), into: "intro")
        let session = try await fixture.session("intro")
        let host = try await fixture.personId("host.team@example.net")
        let speaker = try await fixture.personId("guest.speaker@example.com")
        let series = fixture.series
        try await fixture.harness.workspace.write(as: AuditActor("test")) { transaction in
            // The facilitator also enrolled; both members of the team are recorded present.
            try transaction.enrol(host, in: series.id!, at: session.startsAt, channel: "newsletter")
            try transaction.recordAttendance(of: host, at: session.id!, status: .present, minutes: 60)
            try transaction.recordAttendance(of: speaker, at: session.id!, status: .present, minutes: 45)
        }
        let organization = fixture.organization
        let settings = try await fixture.plugin.settings(for: organization)
        let (report, funnel, counts, enrolled) = try await fixture.harness.workspace.read { db in
            (
                SeriesReport(
                    progress: try SeriesProgress(series: series, now: Date(), in: db), settings: settings,
                    targets: []),
                try NetworkFunnel(organizations: [organization], settings: settings, in: db),
                try SeriesParticipation.participantCounts(at: session.id!, in: db),
                try SeriesParticipation.enrolmentCounts(of: [series.id!], in: db)[series.id!]
            )
        }
        // Five of the six enrolled participants came (Nomvula stayed 15 minutes).
        let reportPresent = report.steps.first { $0.key == "session-1" }?.people
        #expect(report.enrolled == 6)
        #expect(reportPresent == 5)
        #expect(funnel.stages.map(\.total).prefix(2) == [6, 5])
        #expect(funnel.stages.allSatisfy { $0.total <= funnel.stages[0].total })
        #expect(counts.present == 5)
        #expect(enrolled == 6)
        // The benchmark's raw rows still count everyone recorded, as the kit's funnel.sql does.
        let raw = try await fixture.harness.workspace.read { db in
            try NetworkFunnel.rawRows(organizations: [organization], in: db)
        }
        #expect(raw.filter { $0.0 == 1 }.map(\.2).reduce(0, +) == 7)
    }

    @Test("A facilitator who also enrolled is not among the series' participants (programme retention's base)")
    func participantIdsLeaveOutTheTeam() async throws {
        let fixture = try await RetentionFixture()
        let host = try await fixture.personId("host.team@example.net")
        let series = fixture.series
        try await fixture.harness.workspace.write(as: AuditActor("test")) { transaction in
            try transaction.enrol(host, in: series.id!, channel: "newsletter")
        }
        let ids = try await fixture.harness.workspace.read { db in
            try SeriesParticipation.participantIds(in: series.id!, in: db)
        }
        #expect(ids.count == 6)
        #expect(!ids.contains(host))
        #expect(ParticipantRule.isParticipant([.participant]))
        #expect(!ParticipantRule.isParticipant([.participant, .facilitator]))
        #expect(!ParticipantRule.isParticipant([.guestSpeaker]))
    }
}
