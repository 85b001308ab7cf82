public import Hummingbird
import Kernel
public import PluginKit

extension WebInterface {
    /// The answer to an address no route takes: browsers get the "page not found" page in their language; the
    /// JSON API's addresses, and clients that ask for JSON only, get `nil` and keep the API's problem.
    public func unknownAddressPage(_ request: Request, _ context: IndabaRequestContext) -> Response? {
        guard !request.uri.path.hasPrefix("/api/"), Self.acceptsPages(request.headers[.accept]) else { return nil }
        return notFoundPage(request, context)
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
