import Foundation
import GRDB
import Kernel
import KernelTesting
import Testing

@Suite("Merging two records of one person: everything moves, conflicts combined, one transaction, audited")
struct PersonMergeTests {
    /// The sample network with a second record of Participant One (another address), enrolled earlier, present for
    /// half an hour at the introduction (where the kept record has 55 minutes of a 60-minute session), with a hand-in,
    /// a guest-speaker role and an API token.
    private func harness() async throws -> (PluginHarness, kept: Person.ID, duplicate: Person.ID) {
        let harness = try PluginHarness()
        try await harness.importText(Samples.network)
        let ids = try await harness.workspace.write(as: AuditActor("test")) { transaction in
            let db = transaction.db
            let kept = try Lookup.person("participant.one@example.org", in: db)
            let series = try Lookup.series("testnet/webinars/series-one", in: db).id!
            let intro = try Lookup.session("testnet/webinars/series-one/intro", in: db).id!
            let homework = try Lookup.session("testnet/webinars/series-one/homework", in: db).id!
            let duplicate = try transaction.save(
                Person(
                    organizationId: kept.organizationId, displayName: "P. One", email: "p.one@example.org",
                    createdAt: transaction.now, updatedAt: transaction.now))
            try transaction.enrol(
                duplicate.id!, in: series, at: Date(timeIntervalSince1970: 1_685_000_000), channel: "walk-in")
            try transaction.recordAttendance(of: duplicate.id!, at: intro, status: .present, minutes: 30)
            try transaction.submitExercise(of: duplicate.id!, for: homework, link: "https://example.org/mine")
            try transaction.grant(.guestSpeaker, to: duplicate.id!, in: series)
            _ = try transaction.createToken(
                role: .facilitator, organization: kept.organizationId, person: duplicate.id!)
            return (kept.id!, duplicate.id!)
        }
        return (harness, ids.0, ids.1)
    }

    @Test("the duplicate's records move to the kept record and combine where both have one")
    func merges() async throws {
        let (harness, kept, duplicate) = try await harness()
        let summary = try await harness.workspace.write(as: AuditActor("web:3")) {
            try $0.mergePeople(keep: kept, duplicate: duplicate)
        }
        #expect(summary.enrolmentsCombined == 1 && summary.enrolmentsMoved == 0)
        #expect(summary.attendanceCombined == 1)
        #expect(summary.submissionsMoved == 1)
        // The participant role that came with the enrolment, and the guest-speaker role.
        #expect(summary.rolesMoved == 2 && summary.credentialsMoved == 1)
        try await harness.workspace.read { db in
            #expect(try Person.fetchOne(db, key: duplicate) == nil)
            let kept = try #require(try Person.fetchOne(db, key: kept))
            #expect(kept.email == "Participant.One@example.org" && kept.gender == "woman")
            let enrolments = try Enrolment.filter(Column("personId") == kept.id).fetchAll(db)
            #expect(enrolments.count == 1)
            // The earlier enrolment wins, with its channel.
            #expect(enrolments.first?.channel == "walk-in")
            #expect(enrolments.first?.enrolledAt == Date(timeIntervalSince1970: 1_685_000_000))
            let attendance = try Attendance.filter(Column("personId") == kept.id).fetchAll(db)
            // 55 + 30 minutes, at most the session's 60.
            #expect(attendance.map(\.minutes) == [60])
            #expect(attendance.map(\.status) == [.present])
            let submissions = try ExerciseSubmission.filter(Column("personId") == kept.id).fetchAll(db)
            #expect(submissions.map(\.link) == ["https://example.org/mine"])
            #expect(
                try SeriesRole.filter(Column("personId") == kept.id && Column("role") == "guestSpeaker")
                    .fetchCount(db) == 1)
            #expect(try ApiToken.filter(Column("personId") == kept.id).fetchCount(db) == 1)
            let audit = try #require(try AuditEntry.filter(Column("action") == "person.merged").fetchOne(db))
            #expect(audit.subject == "person:\(kept.id!)")
            #expect(
                audit.detail.contains("\"duplicate\":\(duplicate)") && audit.detail.contains("\"kept\":\(kept.id!)"))
            #expect(audit.actor == "web:3")
            #expect(!audit.detail.contains("example.org") && !audit.detail.contains("One"))
        }
    }

    @Test("a record cannot be merged with itself or a missing one; nothing is written")
    func refusals() async throws {
        let (harness, kept, _) = try await harness()
        let before = try await Samples.rowCounts(harness.workspace)
        await #expect(throws: KernelError.self) {
            try await harness.workspace.write(as: AuditActor("test")) {
                try $0.mergePeople(keep: kept, duplicate: kept)
            }
        }
        await #expect(throws: KernelError.notFound(entity: "person", reference: "987654")) {
            try await harness.workspace.write(as: AuditActor("test")) {
                try $0.mergePeople(keep: kept, duplicate: Person.ID(987654))
            }
        }
        #expect(try await Samples.rowCounts(harness.workspace) == before)
    }
}
