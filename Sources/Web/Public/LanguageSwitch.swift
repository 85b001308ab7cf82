import Foundation
import Hummingbird
import Kernel
import PluginKit

/// `GET /language?to=fr`: the language switcher every page carries. It keeps the choice in a cookie for a year and
/// brings the visitor back to the page they came from (`Referer`, sent for same-origin links), or to `back=`; only
/// ever to a path on this site. Links carry no path, so a page is the same whatever address it was asked at (a
/// hidden object and a missing one answer alike).
struct LanguageSwitch {
    let web: WebInterface

    /// How long the choice is remembered.
    static let lifetime = 365 * 24 * 3600

    func add(to router: RouterGroup<IndabaRequestContext>) {
        router.get("language") { request, context in
            let parameters = request.uri.queryParameters
            guard
                let language = Language(
                    tag: parameters.get("to") ?? "", allowingPseudo: web.configuration.pseudoLocalization)
            else {
                let chrome = web.chrome(for: request, context: context)
                let localizer = chrome.localizer
                return web.renderer.message(
                    heading: localizer("Unknown language"),
                    localizer(
                        "Choose one of the languages listed at the top of the page: {languages}.",
                        ["languages": Language.shipped.map(\.nativeName).joined(separator: ", ")]),
                    chrome: chrome, status: .badRequest)
            }
            return web.redirect(
                to: Self.safeBack(parameters.get("back") ?? Self.referringPath(request)),
                cookies: [web.cookies.set(Cookies.language, language.code, maxAge: Self.lifetime)])
        }
    }

    /// The switcher's link to `language`.
    static func link(to language: Language) -> String {
        LanguageSwitchLink.to(language)
    }

    /// The path of the page the visitor came from, when it is on this site.
    static func referringPath(_ request: Request) -> String? {
        guard let referer = request.headers[.referer], let url = URL(string: referer),
            let host = url.host, let authority = request.head.authority,
            authority == host || authority.hasPrefix(host + ":")
        else { return nil }
        // Kept percent-encoded, as it arrived: a decoded path could put spaces or line breaks in `Location`.
        return url.path(percentEncoded: true) + (url.query(percentEncoded: true).map { "?" + $0 } ?? "")
    }

    /// `back` when it is a path on this site, else the home page: the switcher never sends anyone elsewhere.
    static func safeBack(_ back: String?) -> String {
        guard let back, back.hasPrefix("/"), !back.hasPrefix("//"), !back.hasPrefix("/\\"),
            !back.contains(where: { $0.isNewline || $0 == "\\" })
        else { return "/" }
        return back
    }
}
