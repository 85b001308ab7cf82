import Foundation
import GRDB
import Kernel
import KernelTesting
import Logging
import Testing

@Suite("Domain rules of every entity")
struct DomainRulesTests {
    private func imported() async throws -> PluginHarness {
        let harness = try PluginHarness()
        try await harness.importText(Samples.network)
        return harness
    }

    private func write<T: Sendable>(
        _ harness: PluginHarness, _ body: @escaping @Sendable (WriteTransaction) throws -> T
    ) async throws -> T {
        try await harness.workspace.write(as: AuditActor("test"), body)
    }

    @Test(
        "slugs",
        arguments: [
            ("inclusive-spaces", true), ("a", true), ("series-2023", true), ("Inclusive", false), ("-lead", false),
            ("trail-", false), ("double--hyphen", false), ("with space", false), ("ünïcode", false), ("", false),
            (String(repeating: "a", count: 64), false),
        ])
    func slugRules(slug: String, valid: Bool) {
        #expect(Slug.isValid(slug) == valid)
    }

    @Test("a thing not found points to the command that lists its kind, and to none where there is none")
    func notFoundHints() {
        #expect(
            KernelError.notFound(entity: "series", reference: "x").description
                == "No series matches 'x'; list them with `indaba series list`.")
        // There is no `indaba review item list` (nor `indaba enrolment list`): a hint to it would mislead.
        #expect(
            KernelError.notFound(entity: "review item", reference: "3").description == "No review item matches '3'.")
        #expect(KernelError.notFound(entity: "enrolment", reference: "4").description == "No enrolment matches '4'.")
    }

    @Test("field rules accept and refuse what a coordinator would expect")
    func fieldRules() {
        #expect(FieldRules.timeZoneProblem("Africa/Harare") == nil)
        #expect(FieldRules.timeZoneProblem("UTC") == nil)
        #expect(FieldRules.timeZoneProblem("Africa/Harar") != nil)
        #expect(FieldRules.timeZoneProblem("GMT+2") != nil)
        #expect(FieldRules.timeZoneProblem("CAT") != nil)
        #expect(FieldRules.countryProblem("KE") == nil)
        #expect(FieldRules.countryProblem("ke") != nil)
        #expect(FieldRules.countryProblem("XX") != nil)
        #expect(FieldRules.countryProblem("001") != nil)
        #expect(FieldRules.emailProblem("a.b@example.org") == nil)
        for bad in ["a.example.org", "a@b", "a @example.org", "@example.org", "a@@example.org", "a@example."] {
            #expect(FieldRules.emailProblem(bad) != nil, "\(bad)")
        }
        #expect(FieldRules.webURLProblem("https://meet.example.org/x") == nil)
        #expect(FieldRules.webURLProblem("javascript:alert(1)") != nil)
        #expect(FieldRules.webURLProblem("ftp://example.org") != nil)
        #expect(FieldRules.textProblem("  ") == .empty)
        #expect(FieldRules.textProblem("  ")?.description == "must not be empty")
    }

    @Test("slugs are unique within their parent, not across parents")
    func slugUniqueness() async throws {
        let harness = try await imported()
        let programme = try await harness.workspace.read { db in try Lookup.programme("testnet/webinars", in: db) }
        await #expect(throws: DatabaseError.self) {
            try await write(harness) { transaction in
                var duplicate = WebinarSeries(
                    programmeId: programme.id!, slug: "series-one", title: "Again", timeZone: "UTC",
                    createdAt: transaction.now, updatedAt: transaction.now)
                try duplicate.insert(transaction.db)
            }
        }
        let member = try await harness.workspace.read { db in try Lookup.organization("testnet/lagos-member", in: db) }
        // The same programme slug under another organization is fine.
        _ = try await write(harness) { transaction in
            try transaction.save(
                Programme(
                    organizationId: member.id!, slug: "webinars", title: "Member webinars", createdAt: transaction.now,
                    updatedAt: transaction.now))
        }
        #expect(
            try await harness.workspace.read { db in try Lookup.programme("testnet/lagos-member/webinars", in: db) }
                .title
                == "Member webinars")
    }

    @Test("e-mail addresses are unique whatever their case")
    func emailUniqueness() async throws {
        let harness = try await imported()
        let network = try await harness.workspace.read { db in try Lookup.organization("testnet", in: db) }
        await #expect(throws: DatabaseError.self) {
            try await write(harness) { transaction in
                var twin = Person(
                    organizationId: network.id!, displayName: "Twin", email: "FACILITATOR@example.ORG",
                    createdAt: transaction.now, updatedAt: transaction.now)
                try twin.insert(transaction.db)
            }
        }
        let found = try await harness.workspace.read { db in try Lookup.person("Facilitator@Example.org", in: db) }
        #expect(found.displayName == "Test Facilitator")
    }

    @Test("gender and attributes are kept only with consent; withdrawing consent erases them")
    func consentGatesSelfDescription() async throws {
        let harness = try await imported()
        var person = try await harness.workspace.read { db in try Lookup.person("participant.one@example.org", in: db) }
        #expect(person.gender == "woman" && person.consent)
        person.consent = false
        let saved = try await write(harness) { [person] transaction in try transaction.save(person) }
        #expect(saved.gender == nil && saved.attributes.isEmpty)
        await #expect(throws: DatabaseError.self) {
            try await write(harness) { transaction in
                try transaction.db.execute(sql: "UPDATE person SET gender = 'man' WHERE id = ?", arguments: [saved.id])
            }
        }
    }

    @Test("a session must end after it starts")
    func sessionEndsAfterStart() async throws {
        let harness = try await imported()
        let session = try await harness.workspace.read { db in
            try Lookup.session("testnet/webinars/series-one/intro", in: db)
        }
        let error = await #expect(throws: KernelError.self) {
            try await write(harness) { transaction in
                try transaction.reschedule(session.id!, startsAt: session.endsAt, endsAt: session.startsAt)
            }
        }
        #expect(error == .invalidField(field: "ends", reason: FieldReason("must be after the start")))
    }

    @Test("the revision goes up when time, place or status change, and only then")
    func revisionRules() async throws {
        let harness = try await imported()
        let id = try await harness.workspace.read { db in
            try Lookup.session("testnet/webinars/series-one/intro", in: db).id!
        }
        func change(_ body: @escaping @Sendable (inout Session) -> Void) async throws -> Session {
            try await write(harness) { transaction in
                var session = try transaction.fetchSession(id)
                body(&session)
                return try transaction.save(session)
            }
        }
        #expect(try await change { $0.title = "Renamed" }.revision == 1)
        #expect(try await change { $0.agenda = ["Welcome"] }.revision == 1)
        #expect(
            try await change {
                $0.startsAt += 1800; $0.endsAt += 1800
            }.revision == 2)
        #expect(try await change { $0.joinURL = "https://meet.example.org/new" }.revision == 3)
        #expect(try await change { $0.status = .cancelled }.revision == 4)
        #expect(try await change { _ in }.revision == 4)
        let rescheduled = try await write(harness) { transaction in
            let session = try transaction.fetchSession(id)
            return try transaction.reschedule(id, startsAt: session.startsAt + 60, endsAt: session.endsAt + 60)
        }
        #expect(rescheduled.status == .scheduled && rescheduled.revision == 5)
    }

    @Test("attendance: live sessions only, for people of the series, never on a cancelled session")
    func attendanceRules() async throws {
        let harness = try await imported()
        let (person, outsider, intro, homework) = try await harness.workspace.read { db in
            (
                try Lookup.person("participant.two@example.org", in: db).id!,
                try Person.fetchOne(db, key: Person.ID(1)).map { _ in Person.ID(999) }!,
                try Lookup.session("testnet/webinars/series-one/intro", in: db).id!,
                try Lookup.session("testnet/webinars/series-one/homework", in: db).id!
            )
        }
        let wrongKind = await #expect(throws: KernelError.self) {
            try await write(harness) {
                try $0.recordAttendance(of: person, at: homework, status: .present, minutes: 5, source: .manual)
            }
        }
        #expect(
            wrongKind == .wrongSessionKind(homework, kind: .offlineExercise, expected: "a live or feedback session"))
        let stranger = await #expect(throws: KernelError.self) {
            try await write(harness) {
                try $0.recordAttendance(of: outsider, at: intro, status: .present, minutes: 5, source: .manual)
            }
        }
        #expect(
            stranger
                == .notInSeries(
                    outsider,
                    try await harness.workspace.read { db in
                        try Lookup.series("testnet/webinars/series-one", in: db).id!
                    }))
        try await write(harness) { _ = try $0.cancel(intro) }
        let cancelled = await #expect(throws: KernelError.self) {
            try await write(harness) {
                try $0.recordAttendance(of: person, at: intro, status: .present, minutes: 5, source: .manual)
            }
        }
        #expect(cancelled == .sessionCancelled(intro))
    }

    @Test(
        "completion per session kind",
        arguments: [
            (Session.Kind.live, Attendance.Status?.some(.present), Int?.none, true),
            (.live, .some(.absent), nil, false),
            (.live, .some(.excused), nil, false),
            (.live, nil, nil, false),
            (.feedback, .some(.present), nil, true),
            (.feedback, .some(.excused), nil, false),
            (.offlineExercise, nil, .some(-3600), true),
            (.offlineExercise, nil, .some(0), true),
            (.offlineExercise, nil, .some(60), false),
            (.offlineExercise, nil, nil, false),
        ])
    func completion(kind: Session.Kind, attendance: Attendance.Status?, submittedRelativeToEnd: Int?, completed: Bool) {
        let start = Date(timeIntervalSince1970: 1_687_348_800)
        let session = Session(
            id: .init(1), seriesId: .init(1), position: 1, slug: "s", title: "S", kind: kind, startsAt: start,
            endsAt: start + 3600, timeZone: "Africa/Harare", createdAt: start, updatedAt: start)
        let record = attendance.map {
            Attendance(sessionId: .init(1), personId: .init(1), status: $0, createdAt: start, updatedAt: start)
        }
        let submission = submittedRelativeToEnd.map {
            ExerciseSubmission(
                sessionId: .init(1), personId: .init(1), submittedAt: session.endsAt + TimeInterval($0),
                createdAt: start,
                updatedAt: start)
        }
        #expect(Completion.isCompleted(session, attendance: record, submission: submission) == completed)
        var cancelled = session
        cancelled.status = .cancelled
        #expect(!Completion.isCompleted(cancelled, attendance: record, submission: submission))
    }

    @Test("enrolment makes a participant, and enrolling again updates instead of doubling")
    func enrolment() async throws {
        let harness = try await imported()
        let (person, series) = try await harness.workspace.read { db in
            (
                try Lookup.person("facilitator@example.org", in: db).id!,
                try Lookup.series("testnet/webinars/series-one", in: db).id!
            )
        }
        try await write(harness) { _ = try $0.enrol(person, in: series, at: $0.now, channel: "website") }
        try await write(harness) { _ = try $0.enrol(person, in: series, at: $0.now, channel: "newsletter") }
        let (enrolments, roles) = try await harness.workspace.read { db in
            (
                try Enrolment.filter(Column("personId") == person).fetchAll(db),
                try String.fetchAll(
                    db, sql: "SELECT role FROM seriesRole WHERE personId = ? ORDER BY role", arguments: [person])
            )
        }
        #expect(enrolments.map(\.channel) == ["newsletter"])
        #expect(roles == ["facilitator", "participant"])
    }

    @Test("time formats: local times in their zone, instants in UTC, clocks that skip")
    func timeFormats() throws {
        let harare = try #require(TimeZone(identifier: "Africa/Harare"))
        let date = try TimeFormats.localTime("2023-06-21T14:00", in: harare).get()
        #expect(TimeFormats.instantText(date) == "2023-06-21T12:00:00Z")
        #expect(TimeFormats.localTimeText(date, in: harare) == "2023-06-21T14:00+02:00")
        #expect(try TimeFormats.instant("2023-06-21T14:00:00+02:00").get() == date)
        let berlin = try #require(TimeZone(identifier: "Europe/Berlin"))
        #expect(
            TimeFormats.localTime("2023-03-26T02:30", in: berlin)
                == .failure(.nonexistentLocalTime("2023-03-26T02:30", zone: "Europe/Berlin")))
        #expect(
            TimeFormats.localTime("2023-02-30T10:00", in: harare)
                == .failure(.malformed("2023-02-30T10:00", example: "2023-06-21T14:00")))
        #expect(
            TimeFormats.localTimeText(date, in: try #require(TimeZone(identifier: "Asia/Kathmandu")))
                == "2023-06-21T17:45+05:45")
    }

    @Test("backup writes a consistent copy and never overwrites")
    func backup() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try Store.open(path: directory.appendingPathComponent("live.sqlite").path)
        let workspace = try Workspace.open(
            store: store, registry: try PluginRegistry(installing: []), logger: .init(label: "t"))
        let document = try NetworkDocument.read(Samples.network, file: "s.yaml", registry: workspace.registry)
        _ = try await workspace.importNetwork(document, file: "s.yaml")
        let target = directory.appendingPathComponent("copy.sqlite").path
        try store.backup(to: target)
        let copy = try Workspace.open(
            store: try Store.open(path: target), registry: workspace.registry, logger: .init(label: "t"))
        #expect(try await Samples.rowCounts(copy) == Samples.rowCounts(workspace))
        #expect(throws: StoreError.backupTargetExists(path: target)) { try store.backup(to: target) }
        #expect(!FileManager.default.fileExists(atPath: target + ".partial"))
    }

    @Test("recording again corrects without wiping: dates, minutes, source and links are kept unless given")
    func correctionsKeepWhatIsNotGiven() async throws {
        let harness = try await imported()
        let (one, two, series, intro, homework) = try await harness.workspace.read { db in
            (
                try Lookup.person("participant.one@example.org", in: db).id!,
                try Lookup.person("participant.two@example.org", in: db).id!,
                try Lookup.series("testnet/webinars/series-one", in: db).id!,
                try Lookup.session("testnet/webinars/series-one/intro", in: db).id!,
                try Lookup.session("testnet/webinars/series-one/homework", in: db).id!
            )
        }
        let enrolment = try await write(harness) { try $0.enrol(one, in: series, channel: "website") }
        #expect(TimeFormats.instantText(enrolment.enrolledAt) == "2023-06-01T08:00:00Z")
        #expect(enrolment.channel == "website")
        let attendance = try await write(harness) {
            try $0.recordAttendance(of: one, at: intro, status: .present, source: nil)
        }
        #expect(attendance.minutes == 55 && attendance.source == .manual)
        let corrected = try await write(harness) {
            try $0.recordAttendance(of: one, at: intro, status: .present, minutes: 58, source: .import)
        }
        #expect(corrected.minutes == 58 && corrected.source == .import)
        let kept = try await write(harness) { try $0.recordAttendance(of: one, at: intro, status: .present) }
        #expect(kept.minutes == 58 && kept.source == .import)
        let absent = try await write(harness) { try $0.recordAttendance(of: one, at: intro, status: .absent) }
        #expect(absent.minutes == 0)
        let submission = try await write(harness) {
            try $0.submitExercise(of: two, for: homework, note: "Added a note")
        }
        #expect(submission.link == "https://example.org/work" && submission.note == "Added a note")
        #expect(TimeFormats.instantText(submission.submittedAt) == "2023-06-27T10:00:00Z")
    }

    @Test("impossible records are refused: the future, and minutes for someone absent")
    func impossibleRecords() async throws {
        let harness = try await imported()
        let (one, series, intro) = try await harness.workspace.read { db in
            (
                try Lookup.person("participant.one@example.org", in: db).id!,
                try Lookup.series("testnet/webinars/series-one", in: db).id!,
                try Lookup.session("testnet/webinars/series-one/intro", in: db).id!
            )
        }
        let future = harness.clock.now.addingTimeInterval(86_400)
        let enrolment = await #expect(throws: KernelError.self) {
            try await write(harness) { try $0.enrol(one, in: series, at: future, channel: "website") }
        }
        #expect(enrolment == .invalidField(field: "enrolledAt", reason: FieldReason("is in the future")))
        let excusedMinutes = await #expect(throws: KernelError.self) {
            try await write(harness) { try $0.recordAttendance(of: one, at: intro, status: .excused, minutes: 80) }
        }
        #expect(
            excusedMinutes
                == .invalidField(
                    field: "minutes", reason: FieldReason("must be 0 for someone {status}", ["status": "excused"])))
        // Someone who dropped in for less than counts as attending is absent, with the minutes kept.
        let dropIn = try await write(harness) {
            try $0.recordAttendance(of: one, at: intro, status: .absent, minutes: 12)
        }
        #expect(dropIn.status == .absent && dropIn.minutes == 12)
        // A session that lies ahead: excused in advance is fine, present is not.
        let later = try await write(harness) { transaction in
            var session = try transaction.fetchSession(intro)
            session.startsAt = future
            session.endsAt = future.addingTimeInterval(3600)
            return try transaction.save(session)
        }
        await #expect(throws: KernelError.self) {
            try await write(harness) { try $0.recordAttendance(of: one, at: later.id!, status: .present, minutes: 10) }
        }
        let excused = try await write(harness) { try $0.recordAttendance(of: one, at: later.id!, status: .excused) }
        #expect(excused.status == .excused && excused.minutes == 0)
    }

    @Test("cancelling or restoring a whole series raises the revision of each of its sessions")
    func seriesCancellationRaisesRevisions() async throws {
        let harness = try await imported()
        try await write(harness) { transaction in
            var series = try Lookup.series("testnet/webinars/series-one", in: transaction.db)
            series.status = .cancelled
            try transaction.save(series)
            series.status = .published
            try transaction.save(series)
            series.title = "Renamed"
            try transaction.save(series)
        }
        let revisions = try await harness.workspace.read { db in
            try Int.fetchAll(db, sql: "SELECT DISTINCT revision FROM session")
        }
        #expect(revisions == [3])
    }
}
