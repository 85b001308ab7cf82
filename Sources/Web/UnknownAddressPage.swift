public import Hummingbird
import Kernel
public import PluginKit

extension WebInterface {
    /// The answer to an address no route takes: browsers get the "page not found" page in their language; the
    /// JSON API's addresses, and clients that ask for JSON only, get `nil` and keep the API's problem.
    ///
    /// A browser visiting a known address that only takes forms (`allowed` is then what it takes), such as a result
    /// page's address bookmarked or reopened, gets a page saying so, still a 405 with `Allow`. Other methods keep
    /// the problem: only a visit (GET, HEAD) comes from someone reading.
    public func unknownAddressPage(
        _ request: Request, _ context: IndabaRequestContext, allowed: String?
    ) -> Response? {
        guard !request.uri.path.hasPrefix("/api/"), Self.acceptsPages(request.headers[.accept]) else { return nil }
        guard let allowed else { return notFoundPage(request, context) }
        guard [.get, .head].contains(request.method) else { return nil }
        let chrome = chrome(for: request, context: context)
        let t = chrome.localizer
        var page = renderer.message(
            heading: t("This page opens from its form"),
            t(
                "This address receives what a form sends; a link or a bookmark cannot open it. Go back to the page "
                    + "with the form and send it again."),
            link: ("/", t("See all series")), chrome: chrome, status: .methodNotAllowed)
        page.headers[.allow] = allowed
        return page
    }

    /// Whether a client with this `Accept` header reads HTML: browsers name `text/html`, tools such as curl send
    /// `*/*` or nothing; a client naming JSON and not HTML gets the problem.
    static func acceptsPages(_ accept: String?) -> Bool {
        guard let accept = accept?.lowercased() else { return true }
        return accept.contains("text/html") || !accept.contains("json")
    }

    /// The "page not found" page: the same for an unknown address, a missing object and a hidden one.
    func notFoundPage(_ request: Request, _ context: IndabaRequestContext) -> Response {
        let chrome = chrome(for: request, context: context)
        let t = chrome.localizer
        return renderer.message(
            heading: t("Page not found"), t("There is nothing at this address."), link: ("/", t("See all series")),
            chrome: chrome, status: .notFound)
    }
}
