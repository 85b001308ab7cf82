import Foundation
import Kernel
import KernelTesting
import ServerTesting
import Testing

@Suite struct EnrolmentTests {
    let name = ("name", "Amina Okafor")

    @Test("a new person is enrolled once and gets a private calendar link that works")
    func newPerson() async throws {
        let web = try await WebFixture()
        let reply = try await web.enrol([name, ("email", "amina@example.org"), ("channel", "newsletter")])
        #expect(reply.status == 200)
        #expect(reply.text.contains("You are enrolled"))
        let link = try #require(
            reply.text.firstMatch(
                of: /href="https:\/\/indaba\.example\.org(\/public\/[^"]+\/calendar\.ics)(\?download)?"/))
        #expect(link.1.contains("/feeds/personal/"))
        #expect(try await web.client.get(String(link.1)).status == 200)
        #expect(try await web.count("SELECT count(*) FROM person WHERE emailKey = 'amina@example.org'") == 1)
        #expect(
            try await web.count(
                "SELECT count(*) FROM enrolment e JOIN person p ON p.id = e.personId "
                    + "WHERE p.emailKey = 'amina@example.org' AND e.channel = 'newsletter'") == 1)
    }

    @Test("the same e-mail again is recognised: one person, one enrolment, and no new calendar link")
    func duplicate() async throws {
        let web = try await WebFixture()
        _ = try await web.enrol([name, ("email", "amina@example.org")])
        let again = try await web.enrol([("name", "Someone Else"), ("email", " AMINA@example.org ")])
        #expect(again.status == 200)
        #expect(again.text.contains("You were already enrolled"))
        #expect(!again.text.contains("/feeds/personal/"))
        #expect(try await web.count("SELECT count(*) FROM person WHERE emailKey = 'amina@example.org'") == 1)
        #expect(try await web.count("SELECT count(*) FROM person WHERE displayName = 'Someone Else'") == 0)
        #expect(
            try await web.count(
                "SELECT count(*) FROM enrolment e JOIN person p ON p.id = e.personId "
                    + "WHERE p.emailKey = 'amina@example.org'") == 1)
    }

    @Test("a known person not yet enrolled is enrolled, but is not handed a private link")
    func knownPerson() async throws {
        let web = try await WebFixture()
        let before = try await web.count(
            "SELECT count(*) FROM enrolment e JOIN person p ON p.id = e.personId "
                + "WHERE p.emailKey = 'facilitator@example.org'")
        #expect(before == 0)
        let reply = try await web.enrol([("name", "P2"), ("email", "facilitator@example.org")])
        #expect(reply.text.contains("You are enrolled"))
        #expect(!reply.text.contains("/feeds/personal/"))
        #expect(try await web.count("SELECT count(*) FROM person WHERE displayName = 'Test Facilitator'") == 1)
        #expect(try await web.count("SELECT count(*) FROM person WHERE displayName = 'P2'") == 0)
    }

    @Test("gender is stored only with consent, and asking to store it without consent is explained")
    func genderConsent() async throws {
        let web = try await WebFixture()
        let refused = try await web.enrol([name, ("email", "a@example.org"), ("gender", "woman")])
        #expect(refused.status == 422)
        #expect(refused.text.contains("Tick the box below"))
        #expect(refused.text.contains("value=\"a@example.org\""))
        #expect(try await web.count("SELECT count(*) FROM person WHERE emailKey = 'a@example.org'") == 0)
        let kept = try await web.enrol([name, ("email", "a@example.org"), ("gender", "woman"), ("consent", "yes")])
        #expect(kept.status == 200)
        #expect(
            try await web.count("SELECT count(*) FROM person WHERE emailKey = 'a@example.org' AND gender = 'woman'")
                == 1)
    }

    @Test("missing name and a bad e-mail are refused next to their fields, with nothing written")
    func validation() async throws {
        let web = try await WebFixture()
        let before = try await web.count("SELECT count(*) FROM enrolment")
        let reply = try await web.enrol([("name", " "), ("email", "not-an-address"), ("channel", "carrier-pigeon")])
        #expect(reply.status == 422)
        #expect(reply.text.contains("id=\"name-error\">Enter your name."))
        #expect(reply.text.contains("id=\"email-error\">Enter an e-mail address like name@example.org."))
        #expect(reply.text.contains("id=\"channel-error\""))
        #expect(reply.text.contains("aria-invalid=\"true\""))
        #expect(try await web.count("SELECT count(*) FROM enrolment") == before)
    }

    @Test("the channels offered are the retention plugin's setting when it is enabled, else a default list")
    func channels() async throws {
        let web = try await WebFixture()
        let plain = try await web.open("/series/\(web.series)/enrol")
        #expect(!plain.reply.text.contains("value=\"whatsapp\""))
        #expect(plain.reply.text.contains("value=\"word-of-mouth\""))
        try await web.enable("retention")
        let retention = try await web.open("/series/\(web.series)/enrol")
        #expect(retention.reply.text.contains("value=\"whatsapp\""))
    }

    @Test("a filled honeypot field is refused")
    func honeypot() async throws {
        let web = try await WebFixture()
        let reply = try await web.enrol([name, ("email", "bot@example.org"), ("website", "http://spam.example")])
        #expect(reply.status == 422)
        #expect(try await web.count("SELECT count(*) FROM person WHERE emailKey = 'bot@example.org'") == 0)
    }

    @Test("a form sent back faster than a person can type is refused")
    func tooFast() async throws {
        let web = try await WebFixture()
        let reply = try await web.enrol([name, ("email", "fast@example.org")], wait: 0)
        #expect(reply.status == 422)
        #expect(reply.text.contains("faster than a person"))
        #expect(try await web.count("SELECT count(*) FROM person WHERE emailKey = 'fast@example.org'") == 0)
    }

    @Test("a post without the form cookie or with a forged token is refused (CSRF)")
    func csrf() async throws {
        let web = try await WebFixture()
        let form = try await web.open("/series/\(web.series)/enrol")
        web.harness.clock.advance(by: 5)
        let fields = [name, ("email", "csrf@example.org")]
        let noCookie = try await web.post("/series/\(web.series)/enrol", [("form", form.token)] + fields, cookie: "")
        #expect(noCookie.status == 403)
        let forged = String(form.token.dropLast()) + (form.token.hasSuffix("0") ? "1" : "0")
        let badToken = try await web.post(
            "/series/\(web.series)/enrol", [("form", forged)] + fields, cookie: form.cookie)
        #expect(badToken.status == 403)
        let otherCookie = try await web.post(
            "/series/\(web.series)/enrol", [("form", form.token)] + fields,
            cookie: "indaba_form=0123456789abcdef0123456789abcdef")
        #expect(otherCookie.status == 403)
        #expect(try await web.count("SELECT count(*) FROM person WHERE emailKey = 'csrf@example.org'") == 0)
    }

    @Test("more than twenty enrolments from one address in ten minutes are refused")
    func rateLimit() async throws {
        let web = try await WebFixture()
        for index in 1...20 {
            #expect(try await web.enrol([name, ("email", "p\(index)@example.org")], wait: 3).status == 200)
        }
        let next = try await web.enrol([name, ("email", "p21@example.org")], wait: 3)
        #expect(next.status == 429)
        #expect(try await web.count("SELECT count(*) FROM person WHERE emailKey = 'p21@example.org'") == 0)
        web.harness.clock.advance(by: 600)
        #expect(try await web.enrol([name, ("email", "p22@example.org")]).status == 200)
    }
}
