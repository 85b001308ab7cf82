import Crypto
import Foundation
import GRDB
import Hummingbird
import Kernel
import PluginKit

/// `GET /verify/{code}` at the site root, the address printed on every certificate and in its QR code: an HTML page
/// for people, JSON for programs (`Accept: application/json`, or `/verify/{code}.json`).
///
/// Not gated per organization by the server (the organization is known only from the code):
/// ``Verification/find(_:store:gate:)`` asks the kernel's gate itself. Unknown, malformed and disabled codes all
/// get the same 404.
struct VerificationRoutes {
    let plugin: CertificatesPlugin

    func add(to routes: RouteCollection<IndabaRequestContext>) {
        routes.get("verify/:code") { request, context in
            var code = try context.parameters.require("code")
            var wantsJSON = (request.headers[.accept] ?? "").contains("application/json")
            if code.hasSuffix(".json") {
                code.removeLast(5)
                wantsJSON = true
            }
            let typed = code
            let found = try await Verification.find(typed, store: plugin.context.store, gate: plugin.context.gate)
            guard let found else {
                if wantsJSON {
                    return try Replies.json(
                        ["status": "unknown", "detail": "No certificate has this code."], status: .notFound)
                }
                let t = VerificationPage.localizer(for: request, certificate: nil)
                return VerificationPage.response(VerificationPage.unknown(t), status: .notFound)
            }
            if wantsJSON { return try Replies.json(found) }
            let t = VerificationPage.localizer(for: request, certificate: found.language)
            return VerificationPage.response(VerificationPage.html(found, t))
        }
    }
}

/// The verification page: what was certified and whether it still holds, readable on a phone, in the visitor's
/// language.
enum VerificationPage {
    /// The page's language: the one chosen with the site's language switcher (its `indaba_lang` cookie), else the
    /// first shipped one the browser asks for, else the one the certificate is printed in, else English. The
    /// switcher sets the pseudo-language only on a server run with `--pseudo-localization`, so its cookie is
    /// honoured here too (the layout checks walk this page in it).
    static func localizer(for request: Request, certificate language: String?) -> Localizer {
        let chosen =
            request.cookies["indaba_lang"].flatMap { Language(tag: $0.value, allowingPseudo: true) }
            ?? AcceptLanguage.preferred(request.headers[.acceptLanguage])
            ?? language.flatMap { Language(tag: $0) } ?? .english
        return CertificatesPlugin.translations.localizer(for: chosen)
    }

    static func html(_ verification: Verification, _ t: Localizer) -> String {
        let valid = verification.status == .valid
        let revokedOn = verification.revokedAt.map { day($0, verification, t) } ?? verification.revokedOn ?? ""
        let status =
            valid
            ? "<p class=\"status valid\">✓ \(escape(t("Valid certificate")))</p>"
            : "<p class=\"status revoked\">✗ "
                + escape(t("This certificate was revoked on {date} and is no longer valid.", ["date": revokedOn]))
                + "</p>"
        return page(
            title: escape(t("Certificate {code}", ["code": verification.code])), t,
            body: """
                \(status)
                <dl>
                <dt>\(escape(t("Awarded to")))</dt><dd class="name"><bdi>\(escape(verification.recipientName))</bdi></dd>
                <dt>\(escape(t("For completing")))</dt><dd><bdi>\(escape(verification.seriesTitle))</bdi></dd>
                <dt>\(escape(t("Issued by")))</dt><dd><bdi>\(escape(verification.organizationName))</bdi></dd>
                <dt>\(escape(t("Issued on")))</dt><dd>\(escape(day(verification.issuedAt, verification, t)))</dd>
                <dt>\(escape(t("Code")))</dt><dd><code dir="ltr">\(escape(verification.code))</code></dd>
                </dl>
                """)
    }

    /// A day of the certificate in its series' zone: as printed in English, in the locale's own order otherwise.
    private static func day(_ date: Date, _ verification: Verification, _ t: Localizer) -> String {
        let zone = TimeZone(identifier: verification.zone) ?? TimeZone(identifier: "UTC")!
        guard t.language != .english else { return SeriesFacts.day(date, in: zone) }
        return t.dateFormatter("yMMMMd", in: zone).string(from: date)
    }

    static func unknown(_ t: Localizer) -> String {
        page(
            title: escape(t("Unknown certificate")), t,
            body: "<p class=\"status revoked\">\(escape(t("No certificate has this code.")))</p><p>"
                + escape(
                    t(
                        "Check the code printed at the bottom of the certificate; letters and digits are grouped in "
                            + "fours, like {example}.", ["example": "7KQ2-M9XD-4TAW-ZC8R"])
                ).replacingOccurrences(of: "7KQ2-M9XD-4TAW-ZC8R", with: "<code dir=\"ltr\">7KQ2-M9XD-4TAW-ZC8R</code>")
                + "</p>")
    }

    /// The page's one inline style sheet; the page's `Content-Security-Policy` allows exactly it, by hash.
    static let style = """
        body{font-family:"Noto Serif",Georgia,serif;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#222}
        h1{color:#1F3A5F;font-size:1.5rem}.status{font-weight:bold;padding:.6rem .8rem;border-radius:.3rem}
        .valid{background:#e6f4ea;color:#1e6b34}.revoked{background:#fdecea;color:#8a1c1c}
        dt{color:#595959;font-size:.85rem;margin-top:.8rem}dd{margin:0;font-size:1.1rem}.name{font-size:1.4rem;font-weight:bold}
        .skip{position:absolute;inset-inline-start:-9999px}.skip:focus{inset-inline-start:1rem;top:1rem}
        footer{margin-top:2rem;color:#595959;font-size:.85rem}
        header{display:flex;flex-wrap:wrap;justify-content:space-between;gap:.5rem}
        .languages{display:flex;flex-wrap:wrap;gap:.3rem .6rem}

        """

    /// Nothing but the page's own style; no scripts, no frames around it (a forged "valid" cannot be framed).
    static let policy =
        "default-src 'none'; style-src 'sha256-\(Data(SHA256.hash(data: Data(style.utf8))).base64EncodedString())'; "
        + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    /// The page as an answer: HTML, never cached, with its own `Content-Security-Policy`.
    static func response(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        var response = Replies.bytes(Data(html.utf8), type: "text/html; charset=utf-8", status: status)
        response.headers[.contentSecurityPolicy] = policy
        // The language follows the switcher's cookie and the browser's languages.
        response.headers[.vary] = "Cookie, Accept-Language"
        return response
    }

    private static func page(title: String, _ t: Localizer, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(t.language.code)" dir="\(t.language.direction)"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex">
        <title>\(title) · Indaba</title>
        <style>\(style)</style></head>
        <body><a class="skip" href="#main">\(escape(t("Skip to the verification")))</a>
        <header><nav aria-label="\(escape(t("Site")))"><a href="/">Indaba</a></nav>
        <nav aria-label="\(escape(t("Language")))" class="languages">\(languageLinks(t))</nav></header>
        <main id="main"><h1>\(escape(t("Certificate verification")))</h1>
        \(body)
        </main>
        <footer><p>\(escape(t("Checked against the issuer's records when this page was opened.")))</p></footer>
        </body></html>

        """
    }

    /// The site's language switcher: the page's language, then a link to each other shipped language, by its own
    /// name.
    private static func languageLinks(_ t: Localizer) -> String {
        Language.shipped.map { language in
            language == t.language
                ? "<span lang=\"\(language.code)\" aria-current=\"true\">\(escape(language.nativeName))</span>"
                : "<a lang=\"\(language.code)\" hreflang=\"\(language.code)\" href=\"\(LanguageSwitchLink.to(language))\">"
                    + "\(escape(language.nativeName))</a>"
        }
        .joined(separator: " ")
    }

    static func escape(_ text: String) -> String { HTML.escape(text) }
}
