import Foundation
import GRDB
import Kernel
import KernelTesting
import Testing

@testable import Retention

@Suite("Attendance import from meeting exports")
struct AttendanceImportTests {
    @Test("Zoom meeting report: rejoins merged, host skipped, names matched, the phone caller queued")
    func zoomMeeting() async throws {
        let fixture = try await RetentionFixture()
        let plan = try await fixture.importFile(
            try RetentionFixture.export("zoom-meeting-participants.csv"), into: "intro")
        #expect(plan.platform == .zoom)
        #expect(plan.skippedRows == 1)
        #expect(plan.unmatched.map(\.reason) == ["unknown"])
        #expect(plan.unmatched.first?.lines == [14])
        let recorded = try await fixture.attendance("intro")
        #expect(
            recorded == [
                // 13:58:02-14:31:45 and 14:33:10-15:01:00: 61 min 33 s.
                "tariro.moyo@example.org": "present 62",
                // No e-mail; "Chidinma Okonkwo (Chidi's iPhone)" matched by name.
                "chidinma.okonkwo@example.org": "present 59",
                // Two overlapping rows, once in capitals: 14:00:05-15:00:00 counted once.
                "wanjiku.kamau@example.org": "present 60",
                // 15 minutes of 60: a drop-in, absent with its minutes.
                "nomvula.dube@example.org": "absent 15",
                "zoe.ndlovu@example.org": "present 60",
                "kwabena.asante@example.org": "present 56",
            ])
    }

    @Test("Zoom webinar report: host and panelist sections skipped, registrants who never came left out")
    func zoomWebinar() async throws {
        let fixture = try await RetentionFixture()
        let plan = try await fixture.importFile(
            try RetentionFixture.export("zoom-webinar-attendee-report.csv"), into: "case-study")
        #expect(plan.platform == .zoom)
        #expect(plan.skippedRows == 2)
        #expect(plan.unmatched.isEmpty)
        let recorded = try await fixture.attendance("case-study")
        #expect(recorded["chidinma.okonkwo@example.org"] == "present 52")
        #expect(recorded["tariro.moyo@example.org"] == "present 60")
        #expect(recorded["kwabena.asante@example.org"] == nil)
        #expect(recorded["guest.speaker@example.com"] == nil)
    }

    @Test("Teams report: UTF-16, tab-separated, per-join activities, organizer skipped, guest matched by name")
    func teams() async throws {
        let fixture = try await RetentionFixture()
        let plan = try await fixture.importFile(
            try RetentionFixture.export("teams-attendance-report.csv"), into: "feedback")
        #expect(plan.platform == .teams)
        #expect(plan.encoding == "UTF-16LE")
        #expect(plan.skippedRows == 1)
        let recorded = try await fixture.attendance("feedback")
        #expect(
            recorded == [
                "tariro.moyo@example.org": "present 65", "wanjiku.kamau@example.org": "absent 25",
                "zoe.ndlovu@example.org": "present 60", "chidinma.okonkwo@example.org": "present 48",
            ])
    }

    @Test("Meet report: times of day on the header's date, organizer skipped")
    func meet() async throws {
        let fixture = try await RetentionFixture()
        let plan = try await fixture.importFile(try RetentionFixture.export("meet-attendance.csv"), into: "intro")
        #expect(plan.platform == .meet)
        #expect(plan.skippedRows == 1)
        let recorded = try await fixture.attendance("intro")
        #expect(
            recorded == [
                "tariro.moyo@example.org": "present 61", "chidinma.okonkwo@example.org": "present 58",
                "zoe.ndlovu@example.org": "absent 22", "kwabena.asante@example.org": "present 60",
            ])
    }

    @Test("Nastier variants read the same: BOM, semicolons, CRLF, UTF-16 big-endian, day-first dates")
    func variants() async throws {
        let fixture = try await RetentionFixture()
        let original = String(decoding: try RetentionFixture.export("zoom-meeting-participants.csv"), as: UTF8.self)
        let reference = try await fixture.plan(Data(original.utf8), into: "intro")
        let semicolons = original.replacingOccurrences(of: ",", with: ";")
            .replacingOccurrences(of: "\"Inclusive Spaces webinar; session 1: Introduction\"", with: "Topic")
        var bom = Data([0xEF, 0xBB, 0xBF])
        bom.append(Data(semicolons.utf8))
        var utf16 = Data([0xFE, 0xFF])
        utf16.append(original.data(using: .utf16BigEndian)!)
        let dayFirst = original.replacingOccurrences(of: "06/21/2023", with: "21/06/2023")
        for variant in [
            bom, utf16, Data(dayFirst.utf8), Data(original.replacingOccurrences(of: "\r\n", with: "\n").utf8),
        ] {
            let plan = try await fixture.plan(variant, into: "intro")
            #expect(plan.entries == reference.entries)
            #expect(plan.unmatched.map(\.identityKey) == reference.unmatched.map(\.identityKey))
        }
    }

    @Test("Older Teams lists of Joined/Left events become intervals")
    func teamsEventList() async throws {
        let fixture = try await RetentionFixture()
        let text = [
            "Full Name\tUser Action\tTimestamp", "Tariro Moyo\tJoined\t6/21/2023, 2:00:00 PM",
            "Tariro Moyo\tLeft\t6/21/2023, 2:30:00 PM", "Kwabena Asante\tJoined before\t6/21/2023, 1:59:00 PM",
            "Tariro Moyo\tJoined\t6/21/2023, 2:40:00 PM", "Kwabena Asante\tLeft\t6/21/2023, 2:20:00 PM",
            "Tariro Moyo\tLeft\t6/21/2023, 3:00:00 PM",
        ].joined(separator: "\r\n")
        var data = Data([0xFF, 0xFE])
        data.append(text.data(using: .utf16LittleEndian)!)
        let plan = try await fixture.importFile(data, into: "intro")
        #expect(plan.platform == .teams)
        let recorded = try await fixture.attendance("intro")
        #expect(recorded == ["tariro.moyo@example.org": "present 50", "kwabena.asante@example.org": "absent 21"])
    }

    @Test("Re-importing the same file changes nothing; a corrected file corrects")
    func idempotentAndCorrecting() async throws {
        let fixture = try await RetentionFixture()
        let data = try RetentionFixture.export("meet-attendance.csv")
        try await fixture.importFile(data, into: "intro")
        let before = try await fixture.attendance("intro")
        let again = try await fixture.importFile(data, into: "intro")
        #expect(!again.changesSomething)
        #expect(again.entries.allSatisfy { $0.change == .unchanged })
        #expect(try await fixture.attendance("intro") == before)
        let imports = try await fixture.harness.workspace.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM retention_import")
        }
        #expect(imports == 1)
        // Kwabena's row removed, Zoë's corrected to the whole hour.
        let corrected = String(decoding: data, as: UTF8.self)
            .replacingOccurrences(of: "Kwabena,Asante,kwabena.asante@example.org,1 hr,14:00,15:00\n", with: "")
            .replacingOccurrences(of: "22 min,14:38,15:00", with: "1 hr,14:00,15:00")
        let plan = try await fixture.importFile(Data(corrected.utf8), into: "intro", confirmAbsent: true)
        #expect(plan.entries.filter { $0.change == .cleared }.count == 1)
        let after = try await fixture.attendance("intro")
        #expect(after["kwabena.asante@example.org"] == "absent 0")
        #expect(after["zoe.ndlovu@example.org"] == "present 60")
    }

    @Test(
        "A file that cannot be read fails with its line and column, and writes nothing",
        arguments: [
            (
                "Name,Email,Join Time,Leave Time\nTariro Moyo,tariro.moyo@example.org,06/21/2023 02:00 PM,yesterday\n",
                "Line 2, column 'Leave Time': not a date and time such as 06/21/2023 01:52:40 PM or 2023-06-21 14:00."
            ),
            (
                "Name,Email,Duration\nTariro Moyo,tariro.moyo@example.org,about an hour\n",
                "Line 2, column 'Duration': not a duration such as 71, 1h 2m 3s or 48m 10s."
            ),
            (
                "Name,Email,Duration\n\"Tariro Moyo,tariro.moyo@example.org,61\n",
                "Line 2 opens a quoted field that never closes; the file is cut short or damaged."
            ),
            ("Just some notes\nnothing tabular here\n", AttendanceFileError.unrecognized(expected: nil).description),
            ("", "The file is empty."),
            (
                "Name,Email,Join Time,Leave Time\nTariro Moyo,tariro.moyo@example.org,06/21/2023 03:00 PM,06/21/2023 02:00 PM\n",
                "Line 2, column 'Leave Time': the leave time is before the join time."
            ),
            // Once a crash of the whole server: the seconds of these did not fit an integer.
            (
                "Name,Email,Duration (Minutes)\nTariro Moyo,tariro.moyo@example.org,9223372036854775807\n",
                "Line 2, column 'Duration (Minutes)': a duration of more than a year, which no meeting lasts."
            ),
            (
                "Name,Email,Duration\nTariro Moyo,tariro.moyo@example.org,99999999999999999999h\n",
                "Line 2, column 'Duration': a duration of more than a year, which no meeting lasts."
            ),
        ])
    func brokenFiles(text: String, message: String) async throws {
        let fixture = try await RetentionFixture()
        let before = try await fixture.dump()
        let error = await #expect(throws: AttendanceFileError.self) {
            try await fixture.importFile(Data(text.utf8), into: "intro")
        }
        #expect(error?.description == message)
        #expect(!message.contains("Tariro"))
        #expect(try await fixture.dump() == before)
    }

    @Test("A file's problem reads in the uploader's language, the parser's reason too; English as before")
    func brokenFileInTheLanguage() throws {
        var french = Translations()
        try french.add(RetentionPlugin.translationCatalogues, module: RetentionPlugin.id.catalogueModule)
        let t = french.localizer(for: .french)
        #expect(AttendanceFileError.empty.worded(t) == "Le fichier est vide.")
        #expect(
            AttendanceFileError.unbalancedQuote(line: 2).worded(t)
                == "La ligne 2 ouvre un champ entre guillemets qui ne se ferme jamais ; le fichier est tronqué ou abîmé."
        )
        for error in [AttendanceFileError.empty, .noRows, .damaged(line: 3), .otherDate(file: "a", session: "b")] {
            #expect(error.worded(.english) == error.description)
            #expect(error.worded(t) != error.description)
        }
        #expect(
            AttendanceFileError.badValue(
                line: 2, column: "Leave Time", reason: FieldReason("the leave time is before the join time")
            ).worded(t) == "Ligne 2, colonne « Leave Time » : l’heure de départ précède l’heure d’arrivée.")
        #expect(
            AttendanceFileError.unreadable(
                line: 4, reason: FieldReason("is not valid {encoding} text", ["encoding": "UTF-16"])
            ).worded(t).contains("ce n’est pas du texte UTF-16 valide"))
        #expect(AttendanceFileError.otherDate(file: "a", session: "b").offersAnyDate)
        #expect(!AttendanceFileError.empty.offersAnyDate)
        #expect(ClearingNotConfirmed(people: 2).worded(t).hasPrefix("Ce fichier remettrait 2 personnes "))
        #expect(ClearingNotConfirmed(people: 1).worded(.english) == ClearingNotConfirmed(people: 1).description)
    }

    @Test("The wrong --format is refused, naming the expected report")
    func wrongFormat() async throws {
        let fixture = try await RetentionFixture()
        let error = await #expect(throws: AttendanceFileError.self) {
            try await fixture.plan(try RetentionFixture.export("meet-attendance.csv"), into: "intro", platform: .teams)
        }
        #expect(error == .unrecognized(expected: .teams))
    }

    /// The scope of an administrator of `organization`, who resolves review items.
    static func administrator(of organization: Organization.ID, in db: Database) throws -> Scope {
        Scope(
            try Access.granted(
                role: .organizationAdmin, organization: organization, person: nil, principal: "test", in: db))
    }

    @Test("Review queue: a row whose name no person can have is not made a person, and nothing is written")
    func reviewQueueCreateNeedsAName() async throws {
        let fixture = try await RetentionFixture()
        let long = String(repeating: "A", count: 3_000)
        let file = """
            Name,Email,Join Time,Leave Time
            "   ",,06/21/2023 02:00 PM,06/21/2023 03:00 PM
            \(long),,06/21/2023 02:00 PM,06/21/2023 03:00 PM
            """
        _ = try await fixture.importFile(Data(file.utf8), into: "intro")
        let (organization, settings) = (
            fixture.organization, try await fixture.plugin.settings(for: fixture.organization)
        )
        let items = try await fixture.harness.workspace.read { db in
            try ReviewQueue.items(of: organization, includeResolved: false, scope: nil, in: db)
        }
        try #require(items.count == 2)
        let before = try await fixture.dump()
        for (index, item) in items.enumerated() {
            let error = await #expect(throws: KernelError.self) {
                try await fixture.harness.workspace.write(as: AuditActor("test")) { transaction in
                    let scope = try Self.administrator(of: organization, in: transaction.db)
                    try ReviewQueue.resolve(
                        item.id, of: organization, decision: .create(email: "row\(index)@example.org"),
                        settings: settings, scope: scope, in: transaction)
                }
            }
            #expect(error?.description.contains("no name a person can have") == true)
        }
        #expect(try await fixture.dump() == before)
    }

    @Test("Review queue: link remembers the name, create makes a person, ignore stays ignored")
    func reviewQueue() async throws {
        let fixture = try await RetentionFixture()
        let unknown = """
            Name,Email,Join Time,Leave Time
            Tari Moyo,,06/21/2023 02:00 PM,06/21/2023 03:00 PM
            Kwabena,,06/21/2023 02:00 PM,06/21/2023 03:00 PM
            New Person (Laptop),,06/21/2023 02:00 PM,06/21/2023 02:40 PM
            Dial-in (+263 77 000 0000),,06/21/2023 02:00 PM,06/21/2023 02:40 PM
            """
        let plan = try await fixture.importFile(Data(unknown.utf8), into: "intro")
        #expect(plan.unmatched.map(\.reason) == ["unknown", "unknown", "unknown", "unknown"])
        let settings = try await fixture.plugin.settings(for: fixture.organization)
        let organization = fixture.organization
        let items = try await fixture.harness.workspace.read { db in
            try ReviewQueue.items(of: organization, includeResolved: false, scope: nil, in: db)
        }
        #expect(items.count == 4)
        let tariro = try await fixture.harness.workspace.read { db in
            try Lookup.person("tariro.moyo@example.org", in: db).id!
        }
        try await fixture.harness.workspace.write(as: AuditActor("test")) { transaction in
            let scope = try Self.administrator(of: organization, in: transaction.db)
            try ReviewQueue.resolve(
                items[0].id, of: organization, decision: .link(tariro), settings: settings, scope: scope,
                in: transaction)
            try ReviewQueue.resolve(
                items[2].id, of: organization, decision: .create(email: "new.person@example.org"), settings: settings,
                scope: scope, in: transaction)
            try ReviewQueue.resolve(
                items[3].id, of: organization, decision: .ignore, settings: settings, scope: scope, in: transaction)
        }
        var recorded = try await fixture.attendance("intro")
        #expect(recorded["tariro.moyo@example.org"] == "present 60")
        #expect(recorded["new.person@example.org"] == "present 40")
        let created = try await fixture.harness.workspace.read { db in
            try Lookup.person("new.person@example.org", in: db)
        }
        #expect(created.displayName == "New Person")
        // The link is remembered: the next session's export with the same name matches by itself.
        let next = unknown.replacingOccurrences(of: "06/21/2023", with: "06/22/2023")
        let second = try await fixture.importFile(Data(next.utf8), into: "case-study")
        #expect(second.entries.contains { $0.personId == tariro && $0.matchedBy == "alias" })
        recorded = try await fixture.attendance("case-study")
        #expect(recorded["tariro.moyo@example.org"] == "present 60")
        // Re-importing the first file: the ignored and the resolved rows do not come back; "Kwabena" alone stays open.
        let again = try await fixture.plan(Data(unknown.utf8), into: "intro")
        #expect(again.unmatched.isEmpty)
        let open = try await fixture.harness.workspace.read { db in
            try ReviewQueue.items(of: organization, includeResolved: false, scope: nil, in: db)
        }
        #expect(open.count == 2)
        #expect(open.allSatisfy { $0.reason == "unknown" })
    }

    @Test("A name shared by two people is ambiguous and goes to the queue with both as candidates")
    func ambiguousName() async throws {
        let fixture = try await RetentionFixture()
        let text = """
            Name,Email,Duration
            Thandiwe Ncube,,45
            Asante Kwabena,,50
            """
        let plan = try await fixture.plan(Data(text.utf8), into: "intro")
        // "Asante Kwabena": given and family names in either order match Kwabena Asante.
        #expect(plan.entries.map(\.matchedBy) == ["name"])
        #expect(plan.unmatched.map(\.reason) == ["ambiguous"])
        #expect(plan.unmatched[0].candidates.count == 2)
        #expect(plan.unmatched[0].lines == [2])
    }

    @Test(
        "Durations as exports write them",
        arguments: [
            ("71", 4260), ("1h 2m 3s", 3723), ("48m 10s", 2890), ("1h", 3600), ("1 hr 1 min", 3660), ("58 min", 3480),
            ("01:02:03", 3723), ("--", nil), ("", nil), ("71.5", 4290),
        ])
    func durations(text: String, seconds: Int?) throws {
        #expect(try ExportDuration.seconds(text).get() == seconds)
    }

    @Test(
        "Durations of more than a year, or of no size at all, are refused rather than read",
        arguments: [
            "9223372036854775807", "inf", "1e308", "99999999999999999999", "99999999999999999999h",
            "99999999999999999999 hr", "527041",
        ])
    func durationsTooLong(text: String) throws {
        #expect(throws: ExportDuration.DurationError.longerThanAYear) { try ExportDuration.seconds(text).get() }
        #expect(throws: ExportDuration.DurationError.unreadable) { try ExportDuration.seconds("nan").get() }
        #expect(try ExportDuration.seconds("527040").get() == 366 * 24 * 3600)
    }
}
