import Foundation
import GRDB
import HTTPTypes
import Kernel
import KernelTesting
import ServerTesting
import Testing

/// The retention plugin's upload and review-queue pages, through the page protocol's forms.
@Suite struct AttendancePageTests {
    /// A Zoom participant report of the sample's feedback session: one enrolled participant, one unknown caller.
    static let export = """
        Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants
        "845 2291 7730","Feedback",06/30/2023 01:55:00 PM,06/30/2023 03:30:00 PM,facilitator@example.org,95,3

        Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest,Recording Consent,In Waiting Room
        Participant One,participant.one@example.org,06/30/2023 02:00:00 PM,06/30/2023 03:25:00 PM,85,Yes,Y,No
        Mystery Guest,,06/30/2023 02:05:00 PM,06/30/2023 03:00:00 PM,55,Yes,Y,No

        """

    private func prepare() async throws -> (WebFixture, cookie: String, token: String, session: Int64) {
        let web = try await WebFixture()
        try await web.enable("retention")
        let cookie = try await web.signIn()
        let page = try await web.open("/orgs/\(web.network)/retention/attendance", cookie: cookie)
        #expect(page.reply.status == 200)
        #expect(page.reply.text.contains("<input type=\"file\" id=\"export\" name=\"export\""))
        let session = try await web.harness.workspace.read { db in
            try Int64.fetchOne(db, sql: "SELECT id FROM session WHERE slug = 'feedback'")
        }
        return (web, page.cookie, page.token, try #require(session))
    }

    private func upload(
        _ web: WebFixture, cookie: String, token: String, session: Int64, content: String = Self.export,
        dryRun: Bool = false, organization: Int64? = nil, language: String? = nil
    ) async throws -> TestClient.Reply {
        try await web.upload(
            "/orgs/\(organization ?? web.network)/retention/attendance",
            [("form", token), ("session", "\(session)")] + (dryRun ? [("dryRun", "yes")] : []),
            files: [("export", "zoom.csv", content)], cookie: cookie,
            headers: language.map { ["Accept-Language": $0] } ?? [:])
    }

    @Test("an upload records attendance, queues the unknown row and shows counts; a dry run writes nothing")
    func uploadAndPreview() async throws {
        let (web, cookie, token, session) = try await prepare()
        let audited = try await web.count("SELECT count(*) FROM auditLog")
        let preview = try await upload(web, cookie: cookie, token: token, session: session, dryRun: true)
        #expect(preview.status == 200)
        #expect(preview.text.contains("Preview (nothing written)"))
        #expect(preview.text.contains("1 rows for the review"))
        let french = try await upload(web, cookie: cookie, token: token, session: session, dryRun: true, language: "fr")
        #expect(french.text.contains("lignes pour la file de vérification : 1."))
        #expect(french.text.contains("Essai à blanc : rien n’a été écrit."))
        let broken = Self.export.replacingOccurrences(of: "Mystery Guest,", with: "\"Mystery Guest,")
        let refused = try await upload(
            web, cookie: cookie, token: token, session: session, content: broken, language: "sw")
        #expect(refused.text.contains("Mstari 6 unafungua sehemu ya alama za nukuu"))
        #expect(try await web.count("SELECT count(*) FROM retention_import") == 0)
        #expect(try await web.count("SELECT count(*) FROM retention_unmatched") == 0)
        #expect(try await web.count("SELECT count(*) FROM auditLog") == audited)

        let done = try await upload(web, cookie: cookie, token: token, session: session)
        #expect(done.status == 200)
        #expect(done.text.contains("Attendance recorded"))
        #expect(done.text.contains("1 present"))
        #expect(!done.text.contains("Mystery Guest"))
        #expect(try await web.count("SELECT count(*) FROM retention_import") == 1)
        #expect(try await web.count("SELECT count(*) FROM attendance WHERE sessionId = \(session)") == 1)
        #expect(try await web.count("SELECT count(*) FROM retention_unmatched WHERE status = 'open'") == 1)
    }

    @Test("a broken file is refused next to the file field with its line, and nothing is written")
    func brokenFile() async throws {
        let (web, cookie, token, session) = try await prepare()
        let broken = Self.export.replacingOccurrences(of: "Mystery Guest,", with: "\"Mystery Guest,")
        let reply = try await upload(web, cookie: cookie, token: token, session: session, content: broken)
        #expect(reply.status == 422)
        #expect(reply.text.contains("id=\"export-error\" role=\"alert\">Line 6 opens a quoted field"))
        #expect(reply.text.contains("aria-describedby=\"export-error\""))
        #expect(!reply.text.contains("Mystery"))
        #expect(try await web.count("SELECT count(*) FROM retention_import") == 0)
        #expect(try await web.count("SELECT count(*) FROM attendance WHERE sessionId = \(session)") == 0)
        #expect(try await web.count("SELECT count(*) FROM retention_unmatched") == 0)

        let noFile = try await web.upload(
            "/orgs/\(web.network)/retention/attendance", [("form", token), ("session", "\(session)")], files: [],
            cookie: cookie)
        #expect(noFile.status == 422)
        #expect(noFile.text.contains("Choose the export file"))
        let noSession = try await upload(web, cookie: cookie, token: token, session: 999)
        #expect(noSession.status == 422)
        #expect(noSession.text.contains("id=\"session-error\" role=\"alert\">Choose one of the sessions"))
    }

    @Test("a forged or cookieless upload is refused with 403 and writes nothing")
    func csrf() async throws {
        let (web, cookie, token, session) = try await prepare()
        let forged = try await upload(web, cookie: cookie, token: "1.2.3", session: session)
        #expect(forged.status == 403)
        let session2 = cookie.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { $0.hasPrefix("indaba_session=") }.joined()
        let cookieless = try await upload(web, cookie: session2, token: token, session: session)
        #expect(cookieless.status == 403)
        #expect(try await web.count("SELECT count(*) FROM retention_import") == 0)
    }

    @Test("the pages need sign-in, vanish with the plugin, and refuse another organization's sessions")
    func gating() async throws {
        let (web, cookie, _, session) = try await prepare()
        let path = "/orgs/\(web.network)/retention/attendance"
        #expect(try await web.client.get(path).status == 401)
        #expect(try await web.client.get("/orgs/\(web.network)/retention/review").status == 401)
        try await web.disable("retention")
        #expect(try await web.client.request(.get, path, headers: ["Cookie": cookie]).status == 404)
        #expect(try await web.client.request(.post, path, headers: ["Cookie": cookie]).status == 404)

        // An administrator of the member organization: the network's series is not theirs.
        let member = try await web.member()
        try await web.enable("retention", for: member)
        let memberCookie = try await web.signIn(role: .organizationAdmin, organization: member)
        let page = try await web.open("/orgs/\(member)/retention/attendance", cookie: memberCookie)
        #expect(page.reply.status == 200)
        #expect(!page.reply.text.contains("value=\"\(session)\""))
        let refused = try await upload(
            web, cookie: page.cookie, token: page.token, session: session, organization: member)
        #expect(refused.status == 422)
        #expect(try await web.count("SELECT count(*) FROM retention_import") == 0)
        let network = try await web.client.request(
            .get, "/orgs/\(web.network)/retention/attendance", headers: ["Cookie": memberCookie])
        #expect(network.status == 404)
    }

    /// A member's series (one held session, one cancelled) and a cancelled session in the network's own series.
    static let memberSeries = """
        format: indaba/1
        network:
          slug: testnet
          name: Test Network
          country: ZW
          timeZone: Africa/Harare
          programmes:
            - slug: webinars
              title: Webinars
              series:
                - slug: series-one
                  title: Series One
                  status: published
                  timeZone: Africa/Harare
                  sessions:
                    - {slug: called-off, title: Network Called Off, kind: live, starts: 2023-07-01T14:00, ends: 2023-07-01T15:00, status: cancelled}
          members:
            - slug: lagos-member
              name: Lagos Member
              country: NG
              timeZone: Africa/Lagos
              programmes:
                - slug: local
                  title: Local
                  series:
                    - slug: member-series
                      title: Member Series
                      status: published
                      timeZone: Africa/Lagos
                      sessions:
                        - {slug: held, title: Member Held Session, kind: live, starts: 2023-06-21T14:00, ends: 2023-06-21T15:00}
                        - {slug: dropped, title: Member Dropped Session, kind: live, starts: 2023-06-22T14:00, ends: 2023-06-22T15:00, status: cancelled}
        """

    @Test(
        "a network's page lists its own series' held sessions only: no member's titles, no cancelled session",
        arguments: [AccessRole.organizationAdmin, .networkCoordinator])
    func networkPageListsOwnSessions(role: AccessRole) async throws {
        let web = try await WebFixture()
        try await web.importMemberSeries()
        try await web.enable("retention")
        let cookie = try await web.signIn(role: role)
        let page = try await web.open("/orgs/\(web.network)/retention/attendance", cookie: cookie)
        #expect(page.reply.status == 200)
        #expect(page.reply.text.contains(">Introduction</option>"))
        #expect(!page.reply.text.contains("Member Held Session"))
        #expect(!page.reply.text.contains("Member Dropped Session"))
        #expect(!page.reply.text.contains("Member Series"))
        #expect(!page.reply.text.contains("Network Called Off"))
        // Posting a hidden session answers like a session that does not exist.
        let held = try await web.count("SELECT id FROM session WHERE slug = 'held'")
        let hidden = try await upload(web, cookie: page.cookie, token: page.token, session: Int64(held))
        let missing = try await upload(web, cookie: page.cookie, token: page.token, session: 999_999)
        #expect(hidden.status == 422)
        #expect(missing.status == 422)
        #expect(hidden.text.contains("id=\"session-error\" role=\"alert\">Choose one of the sessions"))
        #expect(try await web.count("SELECT count(*) FROM retention_import") == 0)
    }

    @Test("the API answers 404 for a member's session to a network administrator, as for a missing one")
    func apiHidesMemberSessions() async throws {
        let web = try await WebFixture()
        try await web.importMemberSeries()
        try await web.enable("retention")
        let (_, secret) = try await web.harness.workspace.write(as: AuditActor("test")) {
            try $0.createToken(role: .organizationAdmin, organization: Organization.ID(web.network), label: "t")
        }
        let held = try await web.count("SELECT id FROM session WHERE slug = 'held'")
        for session in [held, 999_999] {
            let reply = try await web.client.request(
                .post, "/api/v1/orgs/\(web.network)/retention/attendance/import?session=\(session)",
                token: secret, json: Self.export, contentType: "text/csv")
            #expect(reply.status == 404)
            #expect(reply.text.contains("session"))
        }
    }
}

extension WebFixture {
    func importMemberSeries() async throws {
        try await harness.importText(AttendancePageTests.memberSeries, file: "member.yaml")
    }
}

/// How the page protocol reads a posted body it cannot use.
@Suite struct PostedFormTests {
    @Test("a multipart body that does not parse is a 400 page, an upload over 8 MiB a 413 page; nothing written")
    func unreadableBodies() async throws {
        let web = try await WebFixture()
        try await web.enable("retention")
        let cookie = try await web.signIn()
        let path = "/orgs/\(web.network)/retention/attendance"
        let page = try await web.open(path, cookie: cookie)
        let broken = try await web.client.request(
            .post, path, headers: ["Cookie": page.cookie], json: "--b\r\nContent-Disposition: form-data\r\n\r\nx",
            contentType: "multipart/form-data; boundary=b")
        #expect(broken.status == 400)
        #expect(broken.text.contains("The form&#39;s multipart body could not be read."))
        let huge = String(repeating: "x", count: 8 * 1024 * 1024 + 1)
        let tooLarge = try await web.upload(
            path, [("form", page.token)], files: [("export", "big.csv", huge)], cookie: page.cookie)
        #expect(tooLarge.status == 413)
        // The kernel's own small forms too: a 70 KiB sign-in form is refused with a page, not a server error.
        let signIn = try await web.post("/sign-in", [("link", String(repeating: "x", count: 70_000))], cookie: "")
        #expect(signIn.status == 413)
        #expect(try await web.count("SELECT count(*) FROM retention_import") == 0)
    }
}

/// Issue 13: no silent wipes, and the date check, on the upload page; the gender groups page.
extension AttendancePageTests {
    @Test("a re-upload that would set someone back to absent stops at a confirm step, and records only once confirmed")
    func confirmStep() async throws {
        let (web, cookie, token, session) = try await prepare()
        #expect(try await upload(web, cookie: cookie, token: token, session: session).status == 200)
        let present = "SELECT count(*) FROM attendance WHERE sessionId = \(session) AND status = 'present'"
        #expect(try await web.count(present) == 1)
        let shorter = Self.export.replacingOccurrences(
            of:
                "Participant One,participant.one@example.org,06/30/2023 02:00:00 PM,06/30/2023 03:25:00 PM,85,Yes,Y,No\n",
            with: "")
        let step = try await upload(web, cookie: cookie, token: token, session: session, content: shorter)
        #expect(step.status == 200)
        #expect(step.text.contains("Confirm: set 1 person back to absent"))
        #expect(step.text.contains("1 set back to absent"))
        #expect(step.text.contains("name=\"confirmAbsent\""))
        #expect(try await web.count(present) == 1)
        #expect(try await web.count("SELECT count(*) FROM retention_import") == 1)
        let carried = try #require(step.text.firstMatch(of: /name="exportData" value="([^"]+)"/).map { String($0.1) })
        // The carried file without the box ticked is previewed again; with it, recorded.
        let again = try await web.upload(
            "/orgs/\(web.network)/retention/attendance",
            [("form", token), ("session", "\(session)"), ("exportData", carried)], files: [], cookie: cookie)
        #expect(again.text.contains("Confirm: set 1 person back to absent"))
        #expect(try await web.count(present) == 1)
        let confirmed = try await web.upload(
            "/orgs/\(web.network)/retention/attendance",
            [("form", token), ("session", "\(session)"), ("exportData", carried), ("confirmAbsent", "yes")],
            files: [], cookie: cookie)
        #expect(confirmed.status == 200)
        #expect(confirmed.text.contains("Attendance recorded"))
        #expect(try await web.count(present) == 0)
    }

    @Test("an export of another day is refused next to the file field, with a box to record it anyway")
    func otherDay() async throws {
        let (web, cookie, token, session) = try await prepare()
        let earlier = Self.export.replacingOccurrences(of: "06/30/2023", with: "06/20/2023")
        let refused = try await upload(web, cookie: cookie, token: token, session: session, content: earlier)
        #expect(refused.status == 422)
        #expect(refused.text.contains("do not overlap the session"))
        #expect(refused.text.contains("name=\"anyDate\""))
        #expect(try await web.count("SELECT count(*) FROM retention_import") == 0)
        let recorded = try await web.upload(
            "/orgs/\(web.network)/retention/attendance",
            [("form", token), ("session", "\(session)"), ("anyDate", "yes")],
            files: [("export", "zoom.csv", earlier)], cookie: cookie)
        #expect(recorded.status == 200)
        #expect(try await web.count("SELECT count(*) FROM retention_import") == 1)
    }

    @Test("the gender groups page lists self-descriptions, and a change is saved through the kernel and audited")
    func genderGroups() async throws {
        let web = try await WebFixture()
        try await web.enable("retention")
        let cookie = try await web.signIn()
        let path = "/orgs/\(web.network)/retention/gender-groups"
        let page = try await web.open(path, cookie: cookie)
        #expect(page.reply.status == 200)
        #expect(page.reply.text.contains("<th scope=\"row\"><bdi>woman</bdi><input type=\"hidden\" name=\"term-0\""))
        #expect(page.reply.text.contains("Women <span class=\"note\">(built-in word)</span>"))
        let audited = try await web.count("SELECT count(*) FROM auditLog WHERE action = 'plugin.settingsChanged'")
        let saved = try await web.post(
            path, [("form", page.token), ("term-0", "woman"), ("group-0", "anotherGender")], cookie: page.cookie)
        #expect(saved.status == 303)
        #expect(
            try await web.count("SELECT count(*) FROM auditLog WHERE action = 'plugin.settingsChanged'") == audited + 1)
        let after = try await web.open(path + "?saved=1", cookie: page.cookie)
        #expect(after.reply.text.contains("Another gender <span class=\"note\">(your choice)</span>"))
        let bad = try await web.post(
            path, [("form", after.token), ("term-0", "woman"), ("group-0", "female")], cookie: after.cookie)
        #expect(bad.status == 422)
    }

    @Test(
        "hand-ins of an offline exercise are recorded in bulk on the web, with date and link; a bad date writes nothing"
    )
    func handIns() async throws {
        let web = try await WebFixture()
        try await web.enable("retention")
        let cookie = try await web.signIn()
        let exercise = try #require(
            try await web.harness.workspace.read { db in
                try Int64.fetchOne(db, sql: "SELECT id FROM session WHERE slug = 'homework'")
            })
        let person = try #require(
            try await web.harness.workspace.read { db in
                try Int64.fetchOne(db, sql: "SELECT id FROM person WHERE emailKey = 'participant.one@example.org'")
            })
        let path = "/orgs/\(web.network)/retention/hand-ins"
        let picker = try await web.open(path, cookie: cookie)
        #expect(picker.reply.text.contains("<option value=\"\(exercise)\">Homework</option>"))
        let page = try await web.open(path + "?session=\(exercise)", cookie: cookie)
        #expect(page.reply.status == 200)
        // Participant Two handed in already (the sample); Participant One did not; the facilitator is not listed.
        #expect(page.reply.text.contains("value=\"yes\" checked> <label for=\"handedIn-"))
        #expect(page.reply.text.contains("Participant One"))
        #expect(!page.reply.text.contains("Test Facilitator</label>"))
        let handedIn = "SELECT count(*) FROM exerciseSubmission WHERE sessionId = \(exercise)"
        #expect(try await web.count(handedIn) == 1)
        let bad = try await web.post(
            path,
            [
                ("form", page.token), ("session", "\(exercise)"), ("handedIn-\(person)", "yes"),
                ("date-\(person)", "27 June"), ("detail-\(person)", ""),
            ], cookie: page.cookie)
        #expect(bad.status == 422)
        #expect(bad.text.contains("Give the date it was handed in"))
        #expect(try await web.count(handedIn) == 1)
        let saved = try await web.post(
            path,
            [
                ("form", page.token), ("session", "\(exercise)"), ("handedIn-\(person)", "yes"),
                ("date-\(person)", "2023-06-27"), ("detail-\(person)", "https://example.org/essay"),
            ], cookie: page.cookie)
        #expect(saved.status == 303)
        #expect(try await web.count(handedIn) == 2)
        #expect(
            try await web.count(
                "SELECT count(*) FROM exerciseSubmission WHERE personId = \(person) AND link = 'https://example.org/essay'"
            )
                == 1)
    }

    @Test("a session that has not started takes no attendance: the form says so (422), not an error page")
    func futureSession() async throws {
        let (web, cookie, token, session) = try await prepare()
        try await web.harness.workspace.write(as: AuditActor("test")) { transaction in
            try transaction.db.execute(
                sql: "UPDATE session SET startsAt = ?, endsAt = ? WHERE id = ?",
                arguments: [
                    transaction.now.addingTimeInterval(86_400), transaction.now.addingTimeInterval(90_000), session,
                ])
        }
        let before = try await web.count("SELECT count(*) FROM attendance")
        let refused = try await web.upload(
            "/orgs/\(web.network)/retention/attendance",
            [("form", token), ("session", "\(session)"), ("anyDate", "yes")],
            files: [("export", "zoom.csv", Self.export)], cookie: cookie)
        #expect(refused.status == 422)
        #expect(refused.text.contains("Nothing was recorded"))
        #expect(try await web.count("SELECT count(*) FROM attendance") == before)
    }
}
