import Foundation
import HTTPTypes
import Kernel
import KernelTesting
import ServerTesting
import Testing

@testable import Certificates

/// Issue 17: the public verification page speaks the visitor's language (switcher cookie, then the browser's), else
/// the certificate's; unknown codes answer alike in every language.
@Suite("The verification page in French and Arabic")
struct VerificationLanguageTests {
    @Test("French from Accept-Language, Arabic from the switcher's cookie, right to left, with dates in the language")
    func languages() async throws {
        let fixture = try await CertificatesFixture()
        _ = try await fixture.issue()
        let certificate = try await fixture.certificates()[0]
        let client = TestClient(workspace: fixture.harness.workspace)
        let french = try await client.request(
            .get, "/verify/\(certificate.code)", headers: ["Accept-Language": "fr-CM, en;q=0.5"])
        #expect(french.status == 200)
        #expect(french.text.contains("<html lang=\"fr\" dir=\"ltr\">"))
        #expect(french.text.contains("<h1>Vérification de certificat</h1>"))
        #expect(french.text.contains("✓ Certificat valide"))
        #expect(french.text.contains("<dt>Décerné à</dt>"))
        #expect(french.header("Vary")?.contains("Accept-Language") == true)
        let arabic = try await client.request(
            .get, "/verify/\(certificate.code)", headers: ["Cookie": "indaba_lang=ar", "Accept-Language": "fr"])
        #expect(arabic.text.contains("<html lang=\"ar\" dir=\"rtl\">"))
        #expect(arabic.text.contains("<h1>التحقق من الشهادة</h1>"))
        #expect(arabic.text.contains("<dt>مُنحت إلى</dt>"))
        #expect(arabic.text.contains("<code dir=\"ltr\">\(certificate.code)</code>"))
        let issued = Translations.init().localizer(for: .arabic).dateFormatter(
            "yMMMMd", in: TimeZone(identifier: "Africa/Harare")!
        ).string(from: certificate.issuedAt)
        #expect(arabic.text.contains("<dd>\(issued)</dd>"))
        let english = try await client.get("/verify/\(certificate.code)")
        #expect(english.text.contains("<html lang=\"en\" dir=\"ltr\">") && english.text.contains("Valid certificate"))
    }

    @Test("an unknown code's page is the same 404 in Arabic whatever the code")
    func unknownInArabic() async throws {
        let fixture = try await CertificatesFixture()
        let client = TestClient(workspace: fixture.harness.workspace)
        let headers = ["Accept-Language": "ar"]
        let one = try await client.request(.get, "/verify/AAAA-BBBB-CCCC-DDDD", headers: headers)
        let other = try await client.request(.get, "/verify/not-a-code", headers: headers)
        #expect(one.status == 404 && other.status == 404)
        #expect(one.text == other.text)
        #expect(one.text.contains("<html lang=\"ar\" dir=\"rtl\">"))
        #expect(one.text.contains("لا توجد شهادة بهذا الرمز."))
    }
}
