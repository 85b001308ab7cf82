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
                return VerificationPage.response(VerificationPage.unknown, status: .notFound)
            }
            if wantsJSON { return try Replies.json(found) }
            return VerificationPage.response(VerificationPage.html(found))
        }
    }
}

/// The verification page: what was certified and whether it still holds, readable on a phone.
enum VerificationPage {
    static func html(_ verification: Verification) -> String {
        let valid = verification.status == .valid
        let status =
            valid
            ? "<p class=\"status valid\">✓ Valid certificate</p>"
            : "<p class=\"status revoked\">✗ This certificate was revoked on \(escape(verification.revokedOn ?? ""))"
                + " and is no longer valid.</p>"
        return page(
            title: "Certificate \(escape(verification.code))",
            body: """
                \(status)
                <dl>
                <dt>Awarded to</dt><dd class="name">\(escape(verification.recipientName))</dd>
                <dt>For completing</dt><dd>\(escape(verification.seriesTitle))</dd>
                <dt>Issued by</dt><dd>\(escape(verification.organizationName))</dd>
                <dt>Issued on</dt><dd>\(escape(verification.issuedOn))</dd>
                <dt>Code</dt><dd><code>\(escape(verification.code))</code></dd>
                </dl>
                """)
    }

    static let unknown = page(
        title: "Unknown certificate",
        body: "<p class=\"status revoked\">No certificate has this code.</p>"
            + "<p>Check the code printed at the bottom left of the certificate; letters and digits are grouped in "
            + "fours, like <code>7KQ2-M9XD-4TAW-ZC8R</code>.</p>")

    /// The page's one inline style sheet; the page's `Content-Security-Policy` allows exactly it, by hash.
    static let style = """
        body{font-family:"Noto Serif",Georgia,serif;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#222}
        h1{color:#1F3A5F;font-size:1.5rem}.status{font-weight:bold;padding:.6rem .8rem;border-radius:.3rem}
        .valid{background:#e6f4ea;color:#1e6b34}.revoked{background:#fdecea;color:#8a1c1c}
        dt{color:#595959;font-size:.85rem;margin-top:.8rem}dd{margin:0;font-size:1.1rem}.name{font-size:1.4rem;font-weight:bold}
        .skip{position:absolute;left:-9999px}.skip:focus{left:1rem;top:1rem}footer{margin-top:2rem;color:#595959;font-size:.85rem}

        """

    /// Nothing but the page's own style; no scripts, no frames around it (a forged "valid" cannot be framed).
    static let policy =
        "default-src 'none'; style-src 'sha256-\(Data(SHA256.hash(data: Data(style.utf8))).base64EncodedString())'; "
        + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    /// The page as an answer: HTML, never cached, with its own `Content-Security-Policy`.
    static func response(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        var response = Replies.bytes(Data(html.utf8), type: "text/html; charset=utf-8", status: status)
        response.headers[.contentSecurityPolicy] = policy
        return response
    }

    private static func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex">
        <title>\(title)</title>
        <style>\(style)</style></head>
        <body><a class="skip" href="#main">Skip to the verification</a>
        <header><nav aria-label="Site"><a href="/">Indaba</a></nav></header>
        <main id="main"><h1>Certificate verification</h1>
        \(body)
        </main>
        <footer><p>Checked against the issuer's records when this page was opened.</p></footer>
        </body></html>

        """
    }

    static func escape(_ text: String) -> String { HTML.escape(text) }
}
