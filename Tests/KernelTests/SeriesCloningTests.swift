import Foundation
import GRDB
import Kernel
import KernelTesting
import Testing

@Suite("Running a series again: sessions moved by days, local times kept across a change of the clocks")
struct SeriesCloningTests {
    /// A winter series in New York (EST, UTC-5) whose clone starts after the clocks go forward (8 March 2026, EDT).
    static let network = """
        format: indaba/1
        network:
          slug: dstnet
          name: DST Network
          country: US
          timeZone: America/New_York
          people:
            - email: fac@example.org
              name: Fac One
            - email: p1@example.org
              name: P One
          programmes:
            - slug: webinars
              title: Webinars
              series:
                - slug: winter
                  title: Winter run
                  summary: What we learnt.
                  status: completed
                  timeZone: America/New_York
                  objectives:
                    - Learn
                    - Share
                  roles:
                    - person: fac@example.org
                      role: facilitator
                  enrolments:
                    - person: p1@example.org
                      at: 2026-01-20T08:00:00Z
                      channel: newsletter
                  sessions:
                    - slug: intro
                      title: Introduction
                      kind: live
                      starts: 2026-02-10T14:00
                      ends: 2026-02-10T15:30
                      joinUrl: https://meet.example.org/winter
                      attendance:
                        - person: p1@example.org
                          status: present
                          minutes: 80
                    - slug: homework
                      title: Homework
                      kind: offlineExercise
                      starts: 2026-02-10T15:30
                      ends: 2026-02-17T17:00
                    - slug: feedback
                      title: Feedback
                      kind: feedback
                      starts: 2026-02-19T14:00
                      ends: 2026-02-19T15:30
                    - slug: extra
                      title: Extra
                      kind: live
                      starts: 2026-02-24T14:00
                      ends: 2026-02-24T15:00
        """

    private func harness() async throws -> PluginHarness {
        let harness = try PluginHarness()
        try await harness.importText(Self.network)
        return harness
    }

    private static func local(_ date: Date, _ zone: String) -> String {
        TimeFormats.localTimeText(date, in: TimeZone(identifier: zone)!)
    }

    @Test("each session keeps its local start and end; the UTC time moves by the clock change")
    func localTimesKept() async throws {
        let harness = try await harness()
        let copy = try await harness.workspace.write(as: AuditActor("test")) { transaction in
            let source = try Lookup.series("dstnet/webinars/winter", in: transaction.db)
            let extra = try Lookup.session("dstnet/webinars/winter/extra", in: transaction.db)
            try transaction.cancel(extra.id!)
            return try transaction.cloneSeries(
                .init(source: source.id!, slug: "spring", startsOn: LocalDay("2026-03-03")!))
        }
        let sessions = try await harness.workspace.read { db in
            try Session.filter(Column("seriesId") == copy.id).order(Column("position")).fetchAll(db)
        }
        #expect(copy.status == .draft)
        #expect(copy.title == "Winter run")
        #expect(copy.objectives == ["Learn", "Share"])
        #expect(copy.summary == "What we learnt.")
        #expect(copy.timeZone == "America/New_York")
        // The cancelled session is not run again.
        #expect(sessions.map(\.slug) == ["intro", "homework", "feedback"])
        #expect(sessions.map(\.position) == [1, 2, 3])
        let zone = "America/New_York"
        #expect(
            sessions.map { Self.local($0.startsAt, zone) } == [
                "2026-03-03T14:00-05:00", "2026-03-03T15:30-05:00", "2026-03-12T14:00-04:00",
            ])
        #expect(
            sessions.map { Self.local($0.endsAt, zone) } == [
                "2026-03-03T15:30-05:00", "2026-03-10T17:00-04:00", "2026-03-12T15:30-04:00",
            ])
        // In UTC the feedback session starts an hour earlier than the source's did: 18:00 instead of 19:00.
        #expect(TimeFormats.instantText(sessions[2].startsAt) == "2026-03-12T18:00:00Z")
        // The exercise still runs from a Tuesday 15:30 to the next Tuesday 17:00 (one hour less of real time).
        #expect(sessions[1].endsAt.timeIntervalSince(sessions[1].startsAt) == 7 * 86_400 + 90 * 60 - 3_600)
        #expect(sessions.allSatisfy { $0.joinURL == nil && $0.status == .scheduled && $0.revision == 1 })
    }

    @Test("no participants, attendance or roles come along unless roles are asked for; audited once")
    func nothingPersonalCopied() async throws {
        let harness = try await harness()
        let (plain, withRoles) = try await harness.workspace.write(as: AuditActor("cli:ops")) { transaction in
            let source = try Lookup.series("dstnet/webinars/winter", in: transaction.db).id!
            let plain = try transaction.cloneSeries(
                .init(source: source, slug: "spring", startsOn: LocalDay("2026-03-03")!))
            let withRoles = try transaction.cloneSeries(
                .init(
                    source: source, slug: "autumn", title: "Autumn run", startsOn: LocalDay("2026-10-06")!,
                    withRoles: true))
            return (plain, withRoles)
        }
        try await harness.workspace.read { db in
            for series in [plain, withRoles] {
                #expect(try Enrolment.filter(Column("seriesId") == series.id).fetchCount(db) == 0)
                let sessions = Session.filter(Column("seriesId") == series.id).select(Column("id"))
                #expect(try Attendance.filter(sessions.contains(Column("sessionId"))).fetchCount(db) == 0)
            }
            #expect(try SeriesFacilitation(of: plain.id!, in: db).leaders.isEmpty)
            #expect(try SeriesFacilitation(of: withRoles.id!, in: db).leaders.map(\.role) == [.facilitator])
            let audit = try AuditEntry.filter(Column("action") == "series.cloned").order(Column("id")).fetchAll(db)
            #expect(audit.map(\.subject) == ["series:\(plain.id!)", "series:\(withRoles.id!)"])
            #expect(audit.allSatisfy { $0.actor == "cli:ops" && $0.detail.contains("\"sessions\":4") })
        }
        #expect(withRoles.title == "Autumn run")
    }

    @Test("a slug already used in the programme is refused and nothing is written")
    func slugTaken() async throws {
        let harness = try await harness()
        let before = try await Samples.rowCounts(harness.workspace)
        await #expect(throws: KernelError.self) {
            try await harness.workspace.write(as: AuditActor("test")) { transaction in
                let source = try Lookup.series("dstnet/webinars/winter", in: transaction.db).id!
                return try transaction.cloneSeries(
                    .init(source: source, slug: "winter", startsOn: LocalDay("2026-03-03")!))
            }
        }
        #expect(try await Samples.rowCounts(harness.workspace) == before)
    }

    @Test("days are read strictly")
    func days() {
        #expect(LocalDay("2026-03-03")?.description == "2026-03-03")
        for bad in ["2026-02-30", "2026-3-3", "03/03/2026", "", "2026-03-03T10:00"] { #expect(LocalDay(bad) == nil) }
        #expect(LocalDay("2026-02-10")!.days(to: LocalDay("2026-03-03")!) == 21)
        #expect(LocalDay("2026-03-03")!.days(to: LocalDay("2026-02-10")!) == -21)
    }
}
