import Foundation
import GRDB
import Kernel
import KernelTesting
import Testing

@testable import Retention

/// Real-world exports that used to record wrong attendance without an error (issue 13, items 1-7).
@Suite("Attendance import edge cases")
struct ImportEdgeCaseTests {
    static let zoomHeader = """
        Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants
        "845 2291 7730",Introduction,06/21/2023 01:52:40 PM,06/21/2023 03:04:18 PM,host.team@example.net,72,3

        Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest

        """

    @Test("1. A Zoom guest who renamed themselves is one person: rows before the rename join by the original name")
    func renamedGuest() async throws {
        let fixture = try await RetentionFixture()
        let text =
            Self.zoomHeader + """
                Tariro's iPhone,,06/21/2023 02:00:00 PM,06/21/2023 02:25:00 PM,25,Yes
                Tariro Moyo (Tariro's iPhone),,06/21/2023 02:25:00 PM,06/21/2023 03:00:00 PM,35,Yes
                """
        let plan = try await fixture.importFile(Data(text.utf8), into: "intro")
        #expect(plan.unmatched.isEmpty)
        #expect(plan.entries.map { $0.lines.sorted() } == [[5, 6]])
        #expect(try await fixture.attendance("intro") == ["tariro.moyo@example.org": "present 60"])
    }

    @Test("1. Two guests who joined under the same original name are not merged into one")
    func sharedOriginalName() async throws {
        let fixture = try await RetentionFixture()
        let text =
            Self.zoomHeader + """
                iPhone,,06/21/2023 02:00:00 PM,06/21/2023 02:10:00 PM,10,Yes
                Tariro Moyo (iPhone),,06/21/2023 02:10:00 PM,06/21/2023 03:00:00 PM,50,Yes
                Zoë Ndlovu (iPhone),,06/21/2023 02:00:00 PM,06/21/2023 03:00:00 PM,60,Yes
                """
        let plan = try await fixture.plan(Data(text.utf8), into: "intro")
        #expect(plan.unmatched.map(\.lines) == [[5]])
        #expect(plan.entries.map(\.minutes).sorted() == [50, 60])
    }

    @Test("1. Resolving a review item for someone already recorded merges the visits instead of replacing them")
    func resolveMerges() async throws {
        let fixture = try await RetentionFixture()
        let text = """
            Name,Email,Join Time,Leave Time
            Tariro Moyo,tariro.moyo@example.org,06/21/2023 02:00 PM,06/21/2023 02:50 PM
            Laptop 7,,06/21/2023 02:40 PM,06/21/2023 03:00 PM
            """
        try await fixture.importFile(Data(text.utf8), into: "intro")
        #expect(try await fixture.attendance("intro") == ["tariro.moyo@example.org": "present 50"])
        let items = try await fixture.openItems()
        #expect(items.map(\.minutes) == [20])
        try await fixture.resolve(items[0].id, .link(try await fixture.personId("tariro.moyo@example.org")))
        // 14:00-14:50 and 14:40-15:00: the hour, the overlap counted once.
        #expect(try await fixture.attendance("intro") == ["tariro.moyo@example.org": "present 60"])
        // The same file again: the link matches the laptop row to Tariro, and nothing changes.
        #expect(try await fixture.plan(Data(text.utf8), into: "intro").changesSomething == false)
    }

    @Test("1. A review item never lowers a record made without intervals")
    func resolveKeepsManualRecord() async throws {
        let fixture = try await RetentionFixture()
        let tariro = try await fixture.personId("tariro.moyo@example.org")
        let session = try await fixture.session("intro")
        try await fixture.harness.workspace.write(as: AuditActor("test")) { transaction in
            try transaction.recordAttendance(of: tariro, at: session.id!, status: .present, minutes: 50)
        }
        try await fixture.importFile(
            Data("Name,Email,Duration\nLaptop 7,,10\n".utf8), into: "intro")
        try await fixture.resolve(try await fixture.openItems()[0].id, .link(tariro))
        #expect(try await fixture.attendance("intro") == ["tariro.moyo@example.org": "present 50"])
    }

    @Test(
        "3. NUL bytes are refused as a damaged file, a file without rows is refused, and nothing is written",
        arguments: [
            ("nul", AttendanceFileError.damaged(line: 12)),
            ("header", AttendanceFileError.noRows),
            ("summary", AttendanceFileError.noRows),
        ])
    func cutShortFiles(shape: String, expected: AttendanceFileError) async throws {
        let fixture = try await RetentionFixture()
        let sample = try RetentionFixture.export("zoom-meeting-participants.csv")
        try await fixture.importFile(sample, into: "intro")
        let before = try await fixture.dump()
        let recorded = try await fixture.attendance("intro")
        let text = String(decoding: sample, as: UTF8.self)
        let data: Data
        switch shape {
        case "nul":
            data =
                Data(text.components(separatedBy: "\r\n").prefix(12).joined(separator: "\r\n").utf8)
                + Data(count: 4096)
        case "header":
            data = Data("Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)\r\n".utf8)
        default:
            data = Data(text.components(separatedBy: "\r\n").prefix(4).joined(separator: "\r\n").utf8)
        }
        let error = await #expect(throws: AttendanceFileError.self) {
            try await fixture.importFile(data, into: "intro", confirmAbsent: true)
        }
        #expect(error == expected)
        #expect(try await fixture.dump() == before)
        #expect(try await fixture.attendance("intro") == recorded)
    }

    @Test("3. A re-import that would set people back to absent is refused until it is confirmed")
    func clearingNeedsConfirmation() async throws {
        let fixture = try await RetentionFixture()
        let sample = try RetentionFixture.export("meet-attendance.csv")
        try await fixture.importFile(sample, into: "intro")
        let recorded = try await fixture.attendance("intro")
        let shorter = String(decoding: sample, as: UTF8.self)
            .replacingOccurrences(of: "Kwabena,Asante,kwabena.asante@example.org,1 hr,14:00,15:00\n", with: "")
        let preview = try await fixture.plan(Data(shorter.utf8), into: "intro")
        #expect(preview.clearedCount == 1)
        #expect(ImportSummary(plan: preview, dryRun: true).lines.contains { $0.contains("1 set back to absent") })
        let error = await #expect(throws: ClearingNotConfirmed.self) {
            try await fixture.importFile(Data(shorter.utf8), into: "intro")
        }
        #expect(error == ClearingNotConfirmed(people: 1))
        #expect(try await fixture.attendance("intro") == recorded)
        try await fixture.importFile(Data(shorter.utf8), into: "intro", confirmAbsent: true)
        #expect(try await fixture.attendance("intro")["kwabena.asante@example.org"] == "absent 0")
    }

    @Test("4. An unquoted semicolon in a Zoom topic does not shift the summary: the host is still the host")
    func semicolonInTopic() async throws {
        let fixture = try await RetentionFixture()
        // The host's address belongs to a person of the organization who is not in the series: read as a
        // participant, they would be enrolled as a walk-in and counted present.
        let original = String(decoding: try RetentionFixture.export("zoom-meeting-participants.csv"), as: UTF8.self)
            .replacingOccurrences(of: "host.team@example.net", with: "other.kwabena@example.org")
        let reference = try await fixture.plan(Data(original.utf8), into: "intro")
        let semicolons = original.replacingOccurrences(of: ",", with: ";")
            .replacingOccurrences(
                of: "\"Inclusive Spaces webinar; session 1: Introduction\"",
                with: "Inclusive Spaces webinar; session 1: Introduction")
        let plan = try await fixture.plan(Data(semicolons.utf8), into: "intro")
        #expect(reference.skippedRows == 1)
        #expect(plan.skippedRows == 1)
        #expect(plan.entries == reference.entries)
        #expect(plan.entries.filter(\.walkIn).isEmpty)
    }

    @Test("7. The threshold is compared before rounding: 29 min 30 s of a 60-minute session is not half")
    func thresholdBeforeRounding() async throws {
        let fixture = try await RetentionFixture()
        let text = """
            Name,Email,Duration
            Tariro Moyo,tariro.moyo@example.org,29m 30s
            Zoë Ndlovu,zoe.ndlovu@example.org,30m
            """
        try await fixture.importFile(Data(text.utf8), into: "intro")
        #expect(
            try await fixture.attendance("intro") == [
                "tariro.moyo@example.org": "absent 30", "zoe.ndlovu@example.org": "present 30",
            ])
    }

    @Test("2. A Google Meet report past midnight imports: times of day are placed nearest the session")
    func meetPastMidnight() async throws {
        let fixture = try await RetentionFixture()
        var session = try await fixture.session("feedback")
        session.startsAt = try Date("2023-06-30T21:30:00Z", strategy: .iso8601)
        session.endsAt = try Date("2023-06-30T22:30:00Z", strategy: .iso8601)
        let draft = session
        try await fixture.harness.workspace.write(as: AuditActor("test")) { transaction in
            _ = try transaction.save(draft)
        }
        let text = """
            Meeting code,abc-defg-hij
            Meeting date,2023-06-30
            Organizer,host.team@example.net

            First name,Last name,Email,Duration,Time joined,Time exited
            Tariro,Moyo,tariro.moyo@example.org,1 hr,23:30,00:30
            Zoë,Ndlovu,zoe.ndlovu@example.org,25 min,00:05,00:30
            """
        try await fixture.importFile(Data(text.utf8), into: "feedback")
        #expect(
            try await fixture.attendance("feedback") == [
                "tariro.moyo@example.org": "present 60", "zoe.ndlovu@example.org": "absent 25",
            ])
    }

    @Test("5. mm:ss durations re-saved by a spreadsheet are read as minutes, and the choice is shown")
    func minutesSecondsDurations() async throws {
        let fixture = try await RetentionFixture()
        let text = """
            Name,Email,Duration
            Tariro Moyo,tariro.moyo@example.org,48:10
            Zoë Ndlovu,zoe.ndlovu@example.org,12:30
            """
        let plan = try await fixture.importFile(Data(text.utf8), into: "intro")
        #expect(plan.durationReading == .minutesSeconds)
        #expect(ImportSummary(plan: plan, dryRun: false).lines.contains { $0.contains("read as minutes:seconds") })
        #expect(
            try await fixture.attendance("intro") == [
                "tariro.moyo@example.org": "present 48", "zoe.ndlovu@example.org": "absent 13",
            ])
        // h:mm stays the reading when it is the plausible one.
        let hours = try await fixture.plan(Data("Name,Email,Duration\nZoë Ndlovu,,0:55\n".utf8), into: "intro")
        #expect(hours.durationReading == .hoursMinutes)
        #expect(hours.entries.filter { $0.change != .cleared }.map(\.minutes) == [55])
    }

    @Test("5. Minutes far beyond the session's length are refused, naming the line")
    func implausibleMinutes() async throws {
        let fixture = try await RetentionFixture()
        let before = try await fixture.dump()
        let error = await #expect(throws: AttendanceFileError.self) {
            try await fixture.importFile(
                Data("Name,Email,Duration\nZoë Ndlovu,,45\nTariro Moyo,tariro.moyo@example.org,300\n".utf8),
                into: "intro")
        }
        #expect(error == .implausibleMinutes(lines: [3], minutes: 300, limit: 180))
        #expect(error.map { !$0.description.contains("Tariro") } == true)
        #expect(try await fixture.dump() == before)
    }

    @Test("6. An export of another day is refused unless the date is confirmed")
    func otherDay() async throws {
        let fixture = try await RetentionFixture()
        let sample = try RetentionFixture.export("zoom-meeting-participants.csv")
        let before = try await fixture.dump()
        let error = await #expect(throws: AttendanceFileError.self) {
            try await fixture.importFile(sample, into: "case-study")
        }
        #expect(
            error
                == .otherDate(
                    file: "2023-06-21 13:52 – 2023-06-21 15:04 Africa/Harare",
                    session: "2023-06-22 14:00 – 2023-06-22 15:00 Africa/Harare"))
        #expect(try await fixture.dump() == before)
        let plan = try await fixture.importFile(sample, into: "case-study", anyDate: true)
        #expect(plan.entries.count == 6)
    }

    @Test("Review queue: an open item that a later import records closes itself, linked to the person")
    func itemClosesItself() async throws {
        let fixture = try await RetentionFixture()
        let text = """
            Name,Email,Join Time,Leave Time
            Tariro Moyo,tariro.moyo@example.org,06/21/2023 02:00 PM,06/21/2023 03:00 PM
            Tari Moyo,,06/21/2023 02:00 PM,06/21/2023 02:40 PM
            """
        try await fixture.importFile(Data(text.utf8), into: "intro")
        #expect(try await fixture.openItems().count == 1)
        // The name is linked to Tariro for another session's item: the link is the organization's.
        let next = text.replacingOccurrences(of: "06/21/2023", with: "06/22/2023")
        try await fixture.importFile(Data(next.utf8), into: "case-study")
        let items = try await fixture.openItems()
        #expect(items.count == 2)
        let tariro = try await fixture.personId("tariro.moyo@example.org")
        #expect(items[0].sessionId != items[1].sessionId)
        try await fixture.resolve(items[1].id, .link(tariro))
        // The first session's export again: its open item now matches Tariro and closes itself.
        let again = try await fixture.importFile(Data(text.utf8), into: "intro")
        #expect(again.closedItems.map(\.personId) == [tariro])
        #expect(try await fixture.openItems().isEmpty)
        #expect(try await fixture.plan(Data(text.utf8), into: "intro").changesSomething == false)
    }
}
