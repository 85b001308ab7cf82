import Foundation
import GRDB
import HTTPTypes
import Kernel
import KernelTesting
import ServerTesting
import Testing

/// The signed-in pages, My Indaba and the error pages speak the visitor's language as the public pages do.
@Suite("Staff pages, My Indaba and error pages in the visitor's language")
struct StaffLanguageTests {
    @Test("the workspace in French and Arabic: lang, dir, its sentences and the role in the language")
    func workspace() async throws {
        let web = try await WebFixture()
        let cookie = try await web.signIn()
        let french = try await web.client.request(
            .get, "/workspace", headers: ["Cookie": cookie, "Accept-Language": "fr"])
        #expect(french.status == 200)
        #expect(french.text.hasPrefix("<!DOCTYPE html>\n<html lang=\"fr\" dir=\"ltr\">"))
        #expect(french.text.contains("<h1>Espace de travail</h1>"))
        #expect(
            french.text.contains(
                "Connecté·e en tant que coordinateur·rice du réseau. Voici les organisations dont vous vous occupez"))
        #expect(french.text.contains(">Journal d’audit</a>"))
        let arabic = try await web.client.request(
            .get, "/workspace", headers: ["Cookie": cookie, "Accept-Language": "ar"])
        #expect(arabic.text.hasPrefix("<!DOCTYPE html>\n<html lang=\"ar\" dir=\"rtl\">"))
        #expect(arabic.text.contains("<h1>مساحة العمل</h1>"))
        #expect(arabic.text.contains("أنت مسجّل الدخول بصفتك منسّق الشبكة."))
        #expect(!arabic.text.contains("Signed in as"))
    }

    @Test("a staff form's field errors in French and Arabic; the e-mail field stays left to right")
    func formError() async throws {
        let web = try await WebFixture()
        let cookie = try await web.signIn()
        let path = "/workspace/orgs/\(web.network)/people/new"
        for (language, sentence) in [
            ("fr", "Le nom : ce champ ne doit pas être vide."),
            ("ar", "يجب ألّا يكون هذا الحقل فارغًا."),
        ] {
            let form = try await web.open(path, cookie: cookie, headers: ["Accept-Language": language])
            #expect(form.reply.text.contains("type=\"email\" dir=\"ltr\""), "\(language)")
            let refused = try await web.post(
                path, [("form", form.token), ("name", " "), ("email", "new.person@example.org")],
                cookie: form.cookie, headers: ["Accept-Language": language])
            #expect(refused.status == 422, "\(language)")
            #expect(refused.text.contains("<html lang=\"\(language)\""), "\(language)")
            #expect(refused.text.contains(sentence), "\(language)")
            #expect(!refused.text.contains("must not be empty"), "\(language)")
        }
        // English keeps its sentence as before.
        let form = try await web.open(path, cookie: cookie)
        let english = try await web.post(
            path, [("form", form.token), ("name", " "), ("email", "new.person@example.org")], cookie: form.cookie)
        #expect(english.text.contains("The name must not be empty."))
    }

    @Test("My Indaba in French and Arabic: headings, the attendance sentence and the form in the language")
    func myIndaba() async throws {
        let web = try await MyIndabaTests.fixture()
        let cookie = try await MyIndabaTests.signIn(web)
        let french = try await web.client.request(.get, "/me", headers: ["Cookie": cookie, "Accept-Language": "fr"])
        #expect(french.text.contains("<html lang=\"fr\" dir=\"ltr\">"))
        #expect(french.text.contains("<h1>Mon Indaba</h1>"))
        #expect(french.text.contains("Connecté·e : <bdi>Participant One</bdi>"))
        #expect(french.text.contains("<h2>Vos séries</h2>"))
        #expect(french.text.contains("Présent·e à 1 sur 2 sessions en direct"))
        #expect(french.text.contains("Enregistrer mes informations"))
        let arabic = try await web.client.request(.get, "/me", headers: ["Cookie": cookie, "Accept-Language": "ar"])
        #expect(arabic.text.contains("<html lang=\"ar\" dir=\"rtl\">"))
        #expect(arabic.text.contains("<h2>سلاسلك</h2>"))
        #expect(arabic.text.contains("<bdi>Participant One</bdi>"))
        #expect(!arabic.text.contains("Your series"))
        let signedOut = try await web.client.request(.get, "/me", headers: ["Accept-Language": "fr"])
        #expect(signedOut.text.contains("Envoyez-moi un lien de connexion"))
        #expect(signedOut.text.contains("type=\"email\" dir=\"ltr\""))
    }

    @Test("the 404 page in French and Arabic; a hidden and a missing series answer byte for byte alike in Arabic")
    func notFound() async throws {
        let web = try await WebFixture()
        let french = try await web.client.request(.get, "/series/999999", headers: ["Accept-Language": "fr"])
        #expect(french.status == 404)
        #expect(french.text.contains("<html lang=\"fr\" dir=\"ltr\">"))
        #expect(french.text.contains("<h1>Page introuvable</h1>"))
        #expect(french.text.contains("Il n’y a rien à cette adresse."))
        let arabic = try await web.client.request(.get, "/series/999998", headers: ["Accept-Language": "ar"])
        #expect(arabic.text.contains("<html lang=\"ar\" dir=\"rtl\">"))
        #expect(arabic.text.contains("<h1>الصفحة غير موجودة</h1>"))
        // A draft series is hidden from the public: it answers exactly as one that does not exist.
        let series = web.series
        try await web.harness.workspace.write(as: AuditActor("test")) { transaction in
            try transaction.db.execute(
                sql: "UPDATE webinarSeries SET status = 'draft' WHERE id = ?", arguments: [series])
        }
        let hidden = try await web.client.request(.get, "/series/\(web.series)", headers: ["Accept-Language": "ar"])
        let missing = try await web.client.request(.get, "/series/999999", headers: ["Accept-Language": "ar"])
        #expect(hidden.status == 404 && missing.status == 404)
        #expect(hidden.text == missing.text)
        #expect(hidden.text.contains("<h1>الصفحة غير موجودة</h1>"))
    }

    @Test("an address nothing serves: browsers get the 404 page in their language, API and JSON clients the problem")
    func unknownAddress() async throws {
        // A known address asked with another method is still 405.
        let web = try await WebFixture()
        let browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
        for path in ["/nowhere", "/series/1/nowhere/else", "/public/orgs/x/feeds/nowhere.ics"] {
            let french = try await web.client.request(
                .get, path, headers: ["Accept": browser, "Accept-Language": "fr"])
            #expect(french.status == 404, "\(path)")
            #expect(french.header("Content-Type")?.hasPrefix("text/html") == true, "\(path)")
            #expect(french.text.contains("<html lang=\"fr\" dir=\"ltr\">"), "\(path)")
            #expect(french.text.contains("<h1>Page introuvable</h1>"), "\(path)")
        }
        // The same page as an object that is not there, in Arabic.
        let arabic = try await web.client.request(
            .get, "/nowhere", headers: ["Accept": browser, "Accept-Language": "ar"])
        let missing = try await web.client.request(
            .get, "/series/999999", headers: ["Accept": browser, "Accept-Language": "ar"])
        #expect(arabic.text == missing.text)
        // curl asks for anything: it gets the page too.
        #expect(try await web.client.request(.get, "/nowhere", headers: ["Accept": "*/*"]).text.contains("<h1>"))
        for (path, accept) in [("/api/v1/nowhere", browser), ("/nowhere", "application/json")] {
            let problem = try await web.client.request(
                .get, path, headers: ["Accept": accept, "Accept-Language": "fr"])
            #expect(problem.status == 404, "\(path)")
            #expect(problem.header("Content-Type") == "application/problem+json", "\(path)")
        }
        let wrongMethod = try await web.client.request(.delete, "/series/\(web.series)", headers: ["Accept": browser])
        #expect(wrongMethod.status == 405)
        #expect(wrongMethod.header("Allow")?.contains("GET") == true)
        #expect(wrongMethod.header("Content-Type") == "application/problem+json")
        // A form's address opened in a browser (a bookmarked or reopened result page): a page in the reader's
        // language, still 405 with Allow; a JSON client keeps the problem.
        let formAddress = "/manage/series/\(web.series)/leaders/remove"
        let visit = try await web.client.request(
            .get, formAddress, headers: ["Accept": browser, "Accept-Language": "fr"])
        #expect(visit.status == 405)
        #expect(visit.header("Allow") == "POST")
        #expect(visit.header("Content-Type")?.hasPrefix("text/html") == true)
        #expect(visit.text.contains("<html lang=\"fr\" dir=\"ltr\">"))
        #expect(visit.text.contains("<h1>Cette page s’ouvre depuis son formulaire</h1>"))
        let json = try await web.client.request(.get, formAddress, headers: ["Accept": "application/json"])
        #expect(json.status == 405)
        #expect(json.header("Content-Type") == "application/problem+json")
    }

    @Test("a staff page's hidden and missing organization answer alike in Arabic (the audit log)")
    func hiddenStaffPage() async throws {
        let web = try await WebFixture()
        _ = try await web.member()
        let memberAdmin = try await web.signIn(.organizationAdmin, of: "testnet/lagos-member")
        let headers = ["Cookie": memberAdmin, "Accept-Language": "ar"]
        let hidden = try await web.client.request(.get, "/workspace/orgs/\(web.network)/audit", headers: headers)
        let missing = try await web.client.request(.get, "/workspace/orgs/999999/audit", headers: headers)
        #expect(hidden.status == 404 && missing.status == 404)
        #expect(hidden.text == missing.text)
        #expect(hidden.text.contains("dir=\"rtl\"") && hidden.text.contains("<h1>الصفحة غير موجودة</h1>"))
    }
}
