import Foundation
import HTTPTypes
public import Hummingbird
public import Kernel
public import PluginKit

/// The server-rendered web interface: public series pages and enrolment, staff sign-in and the workspace, and the
/// pages plugins contribute. Works without JavaScript; every page is rendered from the embedded templates.
///
/// Browser sessions are honoured only on these routes: the JSON API keeps bearer tokens, so a session cookie can
/// never be used to call it from another site.
public struct WebInterface: Sendable {
    let workspace: Workspace
    let configuration: WebConfiguration
    let renderer: PageRenderer
    let forms = FormTokens()
    let enrolmentLimit: RateLimiter
    let signInLimit: RateLimiter
    /// Public pages as anyone sees them, rendered once and served with strong validators until something changes.
    let publicPages: PublicResponseCache
    /// The interface's catalogues and those of the installed plugins, by language.
    let translations: Translations
    /// What audit actions read as on the audit log page, in each language.
    let auditActionLabels: AuditActionLabels
    /// What kinds of outgoing message read as on the outbox page, in each language.
    let messageKindLabels: MessageKindLabels
    var cookies: Cookies { Cookies(secure: configuration.secureCookies) }

    public init(workspace: Workspace, configuration: WebConfiguration) {
        self.workspace = workspace
        self.configuration = configuration
        enrolmentLimit = RateLimiter(limit: configuration.enrolmentsPerWindow, window: configuration.rateWindow)
        signInLimit = RateLimiter(limit: configuration.signInsPerWindow, window: configuration.rateWindow)
        publicPages = PublicResponseCache(counter: workspace.writes)
        var translations = Translations()
        do {
            try translations.add(EmbeddedCatalogues.byLanguage, module: "Sources/Web")
            try translations.add(Translations.kernelCatalogues, module: Translations.kernelModule)
            try translations.add(PluginKitCatalogues.byLanguage, module: PluginKitCatalogues.module)
            for plugin in workspace.installedPlugins {
                let type = type(of: plugin)
                try translations.add(type.translationCatalogues, module: type.id.catalogueModule)
            }
        } catch {
            // Catalogues are compiled in and checked by the tests, like the templates.
            preconditionFailure("A compiled-in translation catalogue does not parse: \(error)")
        }
        self.translations = translations
        renderer = PageRenderer(translations: translations)
        auditActionLabels = AuditActionLabels(plugins: workspace.registry.plugins)
        messageKindLabels = MessageKindLabels(plugins: workspace.registry.plugins)
    }

    /// Adds the pages, their session handling and their HTML error pages to `router`.
    public func add(to router: Router<IndabaRequestContext>) {
        StaticFiles().add(to: router)
        LanguageSwitch(web: self).add(to: router.group(""))
        // The session is read first, so that error pages know who is signed in and an unusable session cookie is
        // cleared on error pages too.
        let pages = router.group("").add(middleware: SessionMiddleware(web: self))
            .add(middleware: WebErrorMiddleware(web: self))
        HomePage(web: self).add(to: pages)
        SeriesPage(web: self).add(to: pages)
        EnrolmentPage(web: self).add(to: pages)
        UnsubscribePage(web: self).add(to: pages)
        SignInPages(web: self).add(to: pages)
        WorkspacePage(web: self).add(to: pages)
        ReportPage(web: self).add(to: pages)
        PluginSwitch(web: self).add(to: pages)
        OutboxPage(web: self).add(to: pages)
        AuditPage(web: self).add(to: pages)
        ManageSeriesPage(web: self).add(to: pages)
        ProgrammeForms(web: self).add(to: pages)
        OrganizationForms(web: self).add(to: pages)
        OrganizationLogoPage(web: self).add(to: pages)
        SeriesForms(web: self).add(to: pages)
        SeriesLeadersForm(web: self).add(to: pages)
        SeriesCloneForm(web: self).add(to: pages)
        PersonForms(web: self).add(to: pages)
        PeopleListPage(web: self).add(to: pages)
        PersonMergeForm(web: self).add(to: pages)
        EnrolmentForms(web: self).add(to: pages)
        PluginSettingsForm(web: self).add(to: pages)
        QuoteForms(web: self).add(to: pages)
        PluginPagePresenter(web: self).add(to: pages)
        // Participants' own pages sign in from their own cookie, never from a staff session.
        let participantPages = pages.group("").add(middleware: ParticipantSessionMiddleware(web: self))
        ParticipantSignInPages(web: self).add(to: participantPages)
        MyIndabaPage(web: self).add(to: participantPages)
        PluginPagePresenter(web: self).addParticipantPages(to: participantPages)
    }

    /// The frame of a page for this request, in the visitor's language (`organization`: the default language of
    /// the organization whose page it is); when the page holds a form, a form cookie is set if missing.
    func chrome(
        for request: Request, context: IndabaRequestContext, script: String? = nil, organization: Language? = nil
    ) -> Chrome {
        var chrome = Chrome(script: script)
        chrome.localizer = self.localizer(request, context, organization: organization)
        if configuration.pseudoLocalization { chrome.languages.append(.pseudo) }
        if context.access.isAuthenticated {
            chrome.signedIn = true
            let nonce = formNonce(request, into: &chrome)
            chrome.signOutToken = forms.issue(purpose: "sign-out", nonce: nonce, at: workspace.now())
        }
        return chrome
    }

    /// What speaks the page's language (see ``language(_:_:organization:)``).
    func localizer(_ request: Request, _ context: IndabaRequestContext, organization: Language? = nil) -> Localizer {
        translations.localizer(for: language(request, context, organization: organization))
    }

    /// The language of a page: the one chosen with the switcher, else the signed-in participant's preference, else
    /// the first shipped one `Accept-Language` names, else the organization's default, else English.
    func language(_ request: Request, _ context: IndabaRequestContext, organization: Language? = nil) -> Language {
        askedLanguage(request, context) ?? organization ?? .english
    }

    /// The language the visitor asked for (switcher, preference, `Accept-Language`), if Indaba ships it.
    func askedLanguage(_ request: Request, _ context: IndabaRequestContext) -> Language? {
        Cookies.value(Cookies.language, in: request).flatMap {
            Language(tag: $0, allowingPseudo: configuration.pseudoLocalization)
        } ?? context.language ?? AcceptLanguage.preferred(request.headers[.acceptLanguage])
    }

    /// The browser's form nonce, or a new one whose cookie `chrome` will set.
    func formNonce(_ request: Request, into chrome: inout Chrome) -> String {
        if let nonce = Cookies.value(Cookies.form, in: request), nonce.count == 32 { return nonce }
        if let pending = chrome.cookies.first(where: { $0.hasPrefix(Cookies.form + "=") }) {
            return String(pending.dropFirst(Cookies.form.count + 1).prefix(32))
        }
        let nonce = FormTokens.newNonce()
        chrome.cookies.append(cookies.set(Cookies.form, nonce, maxAge: Int(configuration.formLifetime)))
        return nonce
    }

    /// Makes the hidden form-token input of each form on a page, given the address it posts to; the tokens are bound
    /// to this browser's form nonce (its cookie is set through `chrome` when new) and issued for `purpose(action)`.
    func formTokenField(
        _ request: Request, into chrome: inout Chrome, purpose: @escaping @Sendable (String) -> String = { $0 }
    ) -> @Sendable (String) -> HTML {
        let (forms, nonce, now) = (forms, formNonce(request, into: &chrome), workspace.now())
        return { action in
            "<input type=\"hidden\" name=\"form\" value=\"\(forms.issue(purpose: purpose(action), nonce: nonce, at: now))\">"
        }
    }

    /// Checks a posted form's token; `minimumAge` is the spam guard for public forms.
    func checkForm(
        _ form: FormData, purpose: String, request: Request, minimumAge: TimeInterval = 0
    ) throws(FormTokens.Refusal) {
        try forms.check(
            form["form"], purpose: purpose, cookieNonce: Cookies.value(Cookies.form, in: request),
            at: workspace.now(), minimumAge: minimumAge, maximumAge: configuration.formLifetime)
    }

    /// A `303 See Other` to `location`, setting `cookies`.
    func redirect(to location: String, cookies: [String] = []) -> Response {
        var response = Response(status: .seeOther)
        response.headers[.location] = location
        response.headers[.cacheControl] = "no-store"
        for cookie in cookies { response.headers.append(HTTPField(name: .setCookie, value: cookie)) }
        return response
    }

    /// The rate-limit key of a request: its client's address (behind a trusted proxy, the one it names).
    func client(_ context: IndabaRequestContext) -> String {
        context.clientAddress ?? "unknown"
    }
}

extension FormTokens.Refusal {
    /// What the person is told, with what to do.
    var message: String { message(in: .english) }

    /// What the person is told, with what to do, in `t`'s language.
    func message(in t: Localizer) -> String {
        switch self {
        case .missingCookie:
            t(
                "Your browser did not send back this site's form cookie. Allow cookies for this site, reload the "
                    + "form and send it again.")
        case .forged, .expired:
            t("This form has expired or was opened elsewhere. Please check it and send it again.")
        case .tooFast:
            t("The form came back faster than a person can fill it in. Please check it and send it again.")
        }
    }
}
