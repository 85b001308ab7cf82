import Foundation
import GRDB
import HTTPTypes
import Kernel
import KernelTesting
import ServerTesting
import Testing

@Suite struct QuoteFormTests {
    @Test("administrators record quotes; only consented ones reach the report; an empty quote is refused")
    func record() async throws {
        let web = try await WebFixture()
        let cookie = try await web.signIn()
        let path = "/manage/series/\(web.series)/quotes"
        let empty = try await web.submit(path, [("text", ""), ("attribution", "Ama")], cookie: cookie)
        #expect(empty.status == 422)
        #expect(empty.text.contains("id=\"field-text-error\">The quote must not be empty."))
        #expect(empty.text.contains("value=\"Ama\""))
        let shown = try await web.submit(
            path, [("text", "I found my voice."), ("attribution", "A participant"), ("consent", "yes")],
            cookie: cookie)
        #expect(shown.status == 303)
        let hidden = try await web.submit(path, [("text", "Keep this between us.")], cookie: cookie)
        #expect(hidden.status == 303)
        let page = try await web.client.request(.get, path, headers: ["Cookie": cookie])
        #expect(page.text.contains("not shown: no consent"))
        let report = try await web.client.request(.get, "/reports/series/\(web.series)", headers: ["Cookie": cookie])
        #expect(report.text.contains("I found my voice.") && !report.text.contains("Keep this between us."))
        let forged = try await web.submit(path, [("text", "Forged")], cookie: cookie, token: "x")
        #expect(forged.status == 403)
        let facilitator = try await web.signIn(.facilitator, of: "testnet", as: "facilitator@example.org")
        #expect(try await web.client.request(.get, path, headers: ["Cookie": facilitator]).status == 403)
    }
}
