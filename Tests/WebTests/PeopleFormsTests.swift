import Foundation
import GRDB
import HTTPTypes
import Kernel
import KernelTesting
import ServerTesting
import Testing

@Suite struct PeopleFormsTests {
    @Test("a gender without the consent tick is refused next to the box, input kept; with it, it is kept")
    func consent() async throws {
        let web = try await WebFixture()
        let cookie = try await web.signIn()
        let path = "/workspace/orgs/\(web.network)/people/new"
        let fields = [("name", "Ada Newcomer"), ("email", "ada@example.org"), ("gender", "non-binary")]
        let refused = try await web.submit(path, fields, cookie: cookie)
        #expect(refused.status == 422)
        #expect(refused.text.contains("id=\"field-consent-error\">Tick this box"))
        #expect(refused.text.contains("value=\"non-binary\""))
        #expect(!refused.text.contains("ada@example.org is"))
        let bad = try await web.submit(path, [("name", ""), ("email", "not-an-address")], cookie: cookie)
        #expect(bad.status == 422)
        #expect(bad.text.contains("The name must not be empty."))
        #expect(bad.text.contains("The e-mail address is not a valid e-mail address"))
        let saved = try await web.submit(path, fields + [("consent", "yes")], cookie: cookie)
        #expect(saved.status == 303)
        let person = try await web.harness.workspace.read { db in try Lookup.person("ada@example.org", in: db) }
        #expect(person.gender == "non-binary" && person.consent)
        let again = try await web.submit(path, [("name", "Ada Again"), ("email", "ADA@example.org")], cookie: cookie)
        #expect(again.status == 422)
        #expect(again.text.contains("already registered"))
        // Untick consent on the edit form: the kernel erases the gender.
        let edit = "/manage/people/\(person.id!.rawValue)"
        #expect(try await web.open(edit, cookie: cookie).reply.text.contains("value=\"non-binary\""))
        let withdrawn = try await web.submit(edit, [("name", "Ada Newcomer")], cookie: cookie)
        #expect(withdrawn.status == 303)
        let after = try await web.harness.workspace.read { db in try Person.fetchOne(db, key: person.id!) }
        #expect(after?.gender == nil && after?.consent == false)
    }

    @Test("administrators see a gender in the enrolment list; facilitators see the list without it")
    func genderVisibility() async throws {
        let web = try await WebFixture()
        let path = "/manage/series/\(web.series)/enrolments"
        let coordinator = try await web.signIn()
        let full = try await web.client.request(.get, path, headers: ["Cookie": coordinator])
        #expect(full.status == 200)
        #expect(full.text.contains("Participant One") && full.text.contains("<td>woman</td>"))
        let facilitator = try await web.signIn(.facilitator, of: "testnet", as: "facilitator@example.org")
        let list = try await web.client.request(.get, path, headers: ["Cookie": facilitator])
        #expect(list.status == 200)
        #expect(list.text.contains("Participant One"))
        #expect(!list.text.contains("woman") && !list.text.contains("Gender"))
        #expect(!list.text.contains("name=\"email\""))
        let person = try await web.harness.workspace.read { db in
            try Lookup.person("participant.one@example.org", in: db).id!.rawValue
        }
        let page = try await web.client.request(.get, "/manage/people/\(person)", headers: ["Cookie": facilitator])
        #expect([403, 404].contains(page.status))
        #expect(!page.text.contains("woman"))
        let enrol = try await web.post(path, [("email", "ada@example.org"), ("channel", "x")], cookie: facilitator)
        #expect([403, 404].contains(enrol.status))
    }

    @Test("an administrator enrols a registered person with a channel; unknown and enrolled people are refused")
    func enrol() async throws {
        let web = try await WebFixture()
        let cookie = try await web.signIn()
        let path = "/manage/series/\(web.series)/enrolments"
        _ = try await web.submit(
            "/workspace/orgs/\(web.network)/people/new", [("name", "Ada"), ("email", "ada@example.org")],
            cookie: cookie)
        let unknown = try await web.submit(
            path, [("email", "nobody@example.org"), ("channel", "newsletter")], cookie: cookie)
        #expect(unknown.status == 422)
        #expect(unknown.text.contains("No one you can see is registered with this address"))
        #expect(unknown.text.contains("<option value=\"newsletter\" selected>Newsletter</option>"))
        let twice = try await web.submit(
            path, [("email", "participant.one@example.org"), ("channel", "newsletter")], cookie: cookie)
        #expect(twice.status == 422)
        #expect(twice.text.contains("already enrolled"))
        // The channel is chosen from the organization's list: none, or one typed by hand, is refused.
        for channel in ["", "newsleter"] {
            let refused = try await web.submit(
                path, [("email", "ada@example.org"), ("channel", channel)], cookie: cookie)
            #expect(refused.status == 422)
            #expect(
                refused.text.contains(
                    "id=\"field-channel-error\">Choose how they heard of the series from the list."))
        }
        let before = try await web.count("SELECT count(*) FROM enrolment WHERE channel = 'partner-org'")
        let good = try await web.submit(
            path, [("email", "Ada@Example.org"), ("channel", "partner-org")], cookie: cookie)
        #expect(good.status == 303)
        #expect(try await web.count("SELECT count(*) FROM enrolment WHERE channel = 'partner-org'") == before + 1)
        #expect(
            try await web.client.request(.get, path, headers: ["Cookie": cookie]).text.contains(
                "<td>A partner organization</td>"))
        #expect(try await web.client.request(.get, path, headers: ["Cookie": cookie]).text.contains("3 enrolled"))
    }
}
