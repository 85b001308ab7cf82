public import Foundation

/// How the web interface behaves: cookie security, spam and abuse limits, the clock.
public struct WebConfiguration: Sendable {
    /// The server's public URL; cookies get the `Secure` flag when it is https.
    public var baseURL: String
    /// Public enrolment forms accepted per client address per ``rateWindow``. Generous on purpose: a workshop room
    /// behind one address may enrol together; the form token and the fill time stop robots first.
    public var enrolmentsPerWindow: Int
    /// Failed sign-ins (with a genuine form token) accepted per client address per ``rateWindow``.
    public var signInsPerWindow: Int
    /// The window of the two rate limits.
    public var rateWindow: TimeInterval
    /// A public form sent back sooner than this after it was served is refused (people take longer; robots don't).
    public var minimumFillTime: TimeInterval
    /// How long a served form stays valid.
    public var formLifetime: TimeInterval
    /// How long a form on a plugin's staff page stays valid (shorter: these forms change attendance, certificates
    /// and case studies).
    public var pluginFormLifetime: TimeInterval
    /// Whether the pseudo-language `en-XA` may be chosen (layout tests; never on a real site).
    public var pseudoLocalization: Bool

    public init(
        baseURL: String, enrolmentsPerWindow: Int = 20, signInsPerWindow: Int = 10, rateWindow: TimeInterval = 600,
        minimumFillTime: TimeInterval = 2, formLifetime: TimeInterval = 4 * 3600,
        pluginFormLifetime: TimeInterval = 3600, pseudoLocalization: Bool = false
    ) {
        self.pseudoLocalization = pseudoLocalization
        self.baseURL = baseURL
        self.enrolmentsPerWindow = enrolmentsPerWindow
        self.signInsPerWindow = signInsPerWindow
        self.rateWindow = rateWindow
        self.minimumFillTime = minimumFillTime
        self.formLifetime = formLifetime
        self.pluginFormLifetime = pluginFormLifetime
    }

    /// Whether cookies must only travel over https.
    public var secureCookies: Bool { baseURL.lowercased().hasPrefix("https://") }
}
