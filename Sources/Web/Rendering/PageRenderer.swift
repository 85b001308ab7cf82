import Foundation
import HTTPTypes
import Hummingbird
import Kernel
import Mustache

/// What every page's frame needs besides its content.
struct Chrome: Sendable {
    /// Whether a staff member is signed in (the header then offers the workspace and signing out).
    var signedIn = false
    /// The form token of the sign-out button.
    var signOutToken = ""
    /// A same-origin script to load (progressive enhancement only).
    var script: String?
    /// Cookies to set with the response.
    var cookies: [String] = []
    /// The language of the page (see ``WebInterface/localizer(_:_:organization:)``).
    var localizer = Localizer.english
    /// The languages the switcher offers.
    var languages = Language.shipped
}

/// Renders the embedded Mustache templates inside the shared layout. Mustache escapes every `{{value}}`; only
/// `{{{triple}}}` values, which are always ``Kernel/HTML`` or rendered templates, are inserted as markup.
///
/// Templates mark what is translated as `{{#t}}English text{{/t}}`. Each language gets its own compiled copy of the
/// templates with those sections replaced by their translation (``Kernel/Localizer/translatingSections(of:)``), so `{{placeholders}}` in
/// a translation are filled and escaped like any other value, and rendering costs nothing more per language.
struct PageRenderer: Sendable {
    private let libraries: [Language: MustacheLibrary]

    init(translations: Translations = Translations()) {
        let templates = [
            ("layout", LayoutTemplates.layout), ("message", LayoutTemplates.message),
            ("sign-in", LayoutTemplates.signIn), ("plugin-page", LayoutTemplates.pluginPage),
            ("participant-page", LayoutTemplates.participantPage),
            ("home", PublicTemplates.home), ("series", PublicTemplates.series), ("enrol", PublicTemplates.enrol),
            ("enrolled", PublicTemplates.enrolled),
            ("unsubscribe", PublicTemplates.unsubscribe), ("workspace", StaffTemplates.workspace),
            ("outbox", StaffTemplates.outbox), ("audit", AuditTemplates.audit),
            ("manage", StaffTemplates.manage), ("staff-form", FormTemplates.staffForm),
        ]
        var libraries: [Language: MustacheLibrary] = [:]
        for language in Language.shipped + [.pseudo] {
            let localizer = translations.localizer(for: language)
            var library = MustacheLibrary()
            for (name, text) in templates {
                do {
                    try library.register(localizer.translatingSections(of: text), named: name)
                } catch {
                    preconditionFailure("The embedded template '\(name)' does not parse in \(language): \(error)")
                }
            }
            libraries[language] = library
        }
        self.libraries = libraries
    }

    /// The page `template` rendered with `model`, inside the layout, as an HTML response.
    func page(
        _ template: String, title: String, model: Any, chrome: Chrome, status: HTTPResponse.Status = .ok
    ) -> Response {
        let content = render(model, template, chrome)
        return html(content: content, title: title, chrome: chrome, status: status)
    }

    /// A participant's own page: `body` under the heading `title`, with a way back to My Indaba.
    func participantPage(title: String, body: HTML, chrome: Chrome, status: HTTPResponse.Status = .ok) -> Response {
        page(
            "participant-page", title: title, model: ParticipantPageModel(title: title, body: body.markup),
            chrome: chrome, status: status)
    }

    /// A short page with a heading, a message and an optional link.
    func message(
        heading: String, _ message: String, link: (href: String, text: String)? = nil, chrome: Chrome,
        status: HTTPResponse.Status
    ) -> Response {
        let model = MessageModel(
            heading: heading, message: message, link: link.map { LinkModel(href: $0.href, text: $0.text) })
        return page("message", title: heading, model: model, chrome: chrome, status: status)
    }

    /// The whole document of the page `template` rendered with `model` inside the layout, for a cache to keep.
    ///
    /// It is rendered on threads of its own, not on Swift's cooperative pool (as many threads as cores): a long
    /// render there would hold up everything else the server does, health checks and new connections included.
    func document(_ template: String, title: String, model: Any, chrome: Chrome) async throws -> String {
        try Task.checkCancellation()
        let job = RenderJob(model: model)
        return await withCheckedContinuation { continuation in
            Self.renderQueue.async {
                continuation.resume(
                    returning: layout(content: render(job.model, template, chrome), title: title, chrome: chrome))
            }
        }
    }

    private static let renderQueue = DispatchQueue(label: "indaba.render", qos: .userInitiated, attributes: .concurrent)

    /// `model` rendered with `template` in the page's language.
    private func render(_ model: Any, _ template: String, _ chrome: Chrome) -> String {
        libraries[chrome.localizer.language]?.render(model, withTemplate: template) ?? ""
    }

    private func layout(content: String, title: String, chrome: Chrome) -> String {
        let language = chrome.localizer.language
        let model = LayoutModel(
            title: title, content: content, signedIn: chrome.signedIn, signOutToken: chrome.signOutToken,
            script: chrome.script, lang: language.code, dir: language.direction,
            languages: chrome.languages.map { other in
                LanguageLink(
                    code: other.code, name: other.nativeName, current: other == language,
                    href: LanguageSwitch.link(to: other))
            })
        return render(model, "layout", chrome)
    }

    /// `content` (already rendered markup) inside the layout.
    func html(content: String, title: String, chrome: Chrome, status: HTTPResponse.Status) -> Response {
        response(document: layout(content: content, title: title, chrome: chrome), chrome: chrome, status: status)
    }

    /// A whole document (from ``document(_:title:model:chrome:)``) as an HTML response that no cache keeps.
    func response(document body: String, chrome: Chrome, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        // The security headers (self-only CSP, no framing, nosniff, Referrer-Policy: same-origin so sign-in links
        // and private calendar addresses never leak as a Referer) are set on every answer by the server's
        // SecurityHeadersMiddleware.
        for cookie in chrome.cookies { headers.append(HTTPField(name: .setCookie, value: cookie)) }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}

struct LayoutModel {
    let title: String
    let content: String
    let signedIn: Bool
    let signOutToken: String
    let script: String?
    let lang: String
    let dir: String
    let languages: [LanguageLink]
}

/// One entry of the language switcher.
struct LanguageLink {
    let code: String
    let name: String
    let current: Bool
    let href: String
}

struct MessageModel {
    let heading: String
    let message: String
    let link: LinkModel?
}

struct LinkModel {
    let href: String
    let text: String
}

struct ParticipantPageModel {
    let title: String
    let body: String
}

/// A page's template model on its way to the render queue; nothing else uses it meanwhile.
private struct RenderJob: @unchecked Sendable {
    let model: Any
}
