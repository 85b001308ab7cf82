import Foundation
import HTTPTypes
import Hummingbird

/// The cookies of the web interface: names, reading, and `Set-Cookie` values with safe flags.
struct Cookies {
    /// The signed-in browser session's secret.
    static let session = "indaba_session"
    /// A participant's session on their own pages ("My Indaba"), apart from staff sessions.
    static let participant = "indaba_me"
    /// The nonce that form tokens are bound to (see ``FormTokens``).
    static let form = "indaba_form"
    /// The language chosen with the switcher (see ``LanguageSwitch``).
    static let language = "indaba_lang"

    let secure: Bool

    /// The value of cookie `name` in the request, if any.
    static func value(_ name: String, in request: Request) -> String? {
        for header in request.headers[values: .cookie] {
            for pair in header.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == name {
                    return parts[1].trimmingCharacters(in: .whitespaces)
                }
            }
        }
        return nil
    }

    /// A `Set-Cookie` value: HttpOnly, SameSite=Lax, path `/`, and Secure over https.
    func set(_ name: String, _ value: String, maxAge: Int) -> String {
        "\(name)=\(value); Path=/; Max-Age=\(maxAge); HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "")
    }

    /// A `Set-Cookie` value that deletes the cookie.
    func clear(_ name: String) -> String {
        set(name, "", maxAge: 0)
    }
}
