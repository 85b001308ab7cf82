import Foundation
import GRDB
import HTTPTypes
import Kernel
import KernelTesting
import ServerTesting
import Testing

/// The organization's logo and methodology paragraph, which its series reports carry.
@Suite("Organization logo and methodology in series reports")
struct OrganizationLogoTests {
    /// A 1×1 PNG.
    static let png = Data(
        base64Encoded:
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")!

    @Test("a logo that is not a PNG is refused next to the form; a PNG is kept and the report shows it")
    func logo() async throws {
        let web = try await WebFixture()
        let cookie = try await web.signIn()
        let path = "/manage/orgs/\(web.network)/logo"
        let form = try await web.open(path, cookie: cookie)
        #expect(form.reply.status == 200)
        let refused = try await web.upload(
            path, [("form", form.token)], files: [("logo", "logo.csv", "name,email\n")], cookie: form.cookie)
        #expect(refused.status == 422)
        #expect(refused.text.contains("is not a PNG image"))
        #expect(try await web.count("SELECT count(*) FROM organizationLogo") == 0)
        #expect(OrganizationLogo.problem(Self.png) == nil)
        var huge = Self.png
        huge.replaceSubrange(16..<20, with: [0, 0, 0x27, 0x11])  // 10,001 pixels wide
        #expect(OrganizationLogo.problem(huge)?.contains("at most 4000") == true)

        try await web.harness.workspace.write(as: AuditActor("test")) {
            try $0.setLogo(Self.png, for: Organization.ID(web.network))
        }
        let report = try await web.client.request(.get, "/reports/series/\(web.series)", headers: ["Cookie": cookie])
        #expect(report.text.contains("<img src=\"/reports/series/\(web.series)/logo.png\" alt=\"Test Network\""))
        let image = try await web.client.request(
            .get, "/reports/series/\(web.series)/logo.png", headers: ["Cookie": cookie])
        #expect(image.body == Self.png)
        #expect(image.headers[.contentType] == "image/png")
        // The report as a file carries the logo inline.
        let document = try await SeriesReportDocument.build(
            series: WebinarSeries.ID(web.series), workspace: web.harness.workspace)
        #expect(document.html.markup.contains("data:image/png;base64,"))
        // Another organization's administrator reads neither the logo page nor the image.
        let member = try await web.signIn(role: .organizationAdmin, organization: try await web.member())
        let hidden = try await web.client.request(.get, path, headers: ["Cookie": member])
        #expect(hidden.status == 404)
        let audit = try await web.harness.workspace.read { db in
            try String.fetchAll(db, sql: "SELECT action FROM auditLog WHERE action LIKE 'organization.logo%'")
        }
        #expect(audit == ["organization.logoChanged"])
    }

    @Test("the methodology paragraph is set on the organization's form and appears in its series reports")
    func methodology() async throws {
        let web = try await WebFixture()
        let cookie = try await web.signIn()
        let path = "/manage/orgs/\(web.network)/edit"
        let form = try await web.open(path, cookie: cookie)
        let fields: [(String, String)] = [
            ("name", "Test Network"), ("country", "ZW"), ("timeZone", "Africa/Harare"), ("website", ""),
        ]
        let tooLong = try await web.post(
            path, [("form", form.token)] + fields + [("methodology", String(repeating: "x", count: 4001))],
            cookie: form.cookie)
        #expect(tooLong.status == 422)
        let saved = try await web.post(
            path, [("form", form.token)] + fields + [("methodology", "We count a participant once per session.")],
            cookie: form.cookie)
        #expect(saved.status == 303)
        let report = try await web.client.request(.get, "/reports/series/\(web.series)", headers: ["Cookie": cookie])
        #expect(report.text.contains("Methodology"))
        #expect(report.text.contains("We count a participant once per session."))
    }
}
