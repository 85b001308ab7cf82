import Foundation
public import GRDB
public import Kernel

/// An organization's certificate settings: eligibility rules per series, where verification links point, and the
/// look of its certificates.
public struct CertificatesSettings: PluginSettings {
    /// One rule per series; a series without a rule has no certificates.
    public var rules: [EligibilityRule]
    /// The public address of this Indaba server; QR codes point to `<verificationBaseURL>/verify/<code>`. Empty
    /// (the default): the server's own base URL (see ``VerificationAddress``).
    public var verificationBaseURL: String
    /// Frame, heading and name colour, `#RRGGBB`.
    public var primaryColour: String
    /// Ornaments and the organization's name, `#RRGGBB`.
    public var accentColour: String
    /// The page's background, `#RRGGBB`.
    public var paperColour: String
    /// The heading, such as "Certificate of Completion".
    public var heading: String
    /// A signatory printed beside the facilitators (such as the director); empty for none.
    public var signatureName: String
    /// The signatory's role, such as "Programme Director".
    public var signatureRole: String
    /// How new Open Badges credentials are signed: `RS256` (what every verifier supports) or `ES256`.
    public var signingAlgorithm: String

    public static let defaults = CertificatesSettings(
        rules: [], verificationBaseURL: "", primaryColour: "#1F3A5F", accentColour: "#A67C2E",
        paperColour: "#FFFDF7", heading: "Certificate of Completion", signatureName: "",
        signatureRole: "", signingAlgorithm: "RS256")

    public init(
        rules: [EligibilityRule], verificationBaseURL: String, primaryColour: String, accentColour: String,
        paperColour: String, heading: String, signatureName: String, signatureRole: String,
        signingAlgorithm: String
    ) {
        self.rules = rules
        self.verificationBaseURL = verificationBaseURL
        self.primaryColour = primaryColour
        self.accentColour = accentColour
        self.paperColour = paperColour
        self.heading = heading
        self.signatureName = signatureName
        self.signatureRole = signatureRole
        self.signingAlgorithm = signingAlgorithm
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        rules = try container.decode([EligibilityRule].self, forKey: .rules)
        verificationBaseURL = try container.decode(String.self, forKey: .verificationBaseURL)
        primaryColour = try container.decode(String.self, forKey: .primaryColour)
        accentColour = try container.decode(String.self, forKey: .accentColour)
        paperColour = try container.decode(String.self, forKey: .paperColour)
        heading = try container.decode(String.self, forKey: .heading)
        signatureName = try container.decode(String.self, forKey: .signatureName)
        signatureRole = try container.decode(String.self, forKey: .signatureRole)
        signingAlgorithm = try container.decode(String.self, forKey: .signingAlgorithm)
        guard SigningAlgorithm(rawValue: signingAlgorithm) != nil else {
            throw SettingRefusal("must be RS256 or ES256", forKey: .signingAlgorithm, in: container)
        }
        let series = rules.map(\.series)
        if let twice = series.first(where: { name in series.filter { $0 == name }.count > 1 }) {
            throw SettingRefusal(
                "series '{series}' has more than one rule", ["series": twice], forKey: .rules, in: container)
        }
        if !verificationBaseURL.isEmpty {
            guard let url = URL(string: verificationBaseURL), ["http", "https"].contains(url.scheme ?? ""),
                url.host != nil, url.query == nil, !verificationBaseURL.hasSuffix("/")
            else {
                throw SettingRefusal(
                    "must be empty (the server's address) or an http(s) address without a trailing slash, "
                        + "such as https://indaba.example.org", forKey: .verificationBaseURL, in: container)
            }
        }
        for (key, value) in [
            (CodingKeys.primaryColour, primaryColour), (.accentColour, accentColour), (.paperColour, paperColour),
        ]
        where RGB(hex: value) == nil {
            throw SettingRefusal(
                "'{value}' is not a colour like #1F3A5F", ["value": value], forKey: key, in: container)
        }
        for (key, value, limit) in [
            (CodingKeys.heading, heading, 80), (.signatureName, signatureName, 120),
            (.signatureRole, signatureRole, 80),
        ] where !value.isEmpty {
            if let problem = FieldRules.textProblem(value, limit: limit) {
                throw SettingRefusal(field: problem, forKey: key, in: container)
            }
        }
    }

    /// Refuses a second rule for one of the organization's series (a draft too), named another way (`"3"` and its
    /// slug path): the first would silently win. A rule naming a series the organization does not run, or not yet
    /// (an import enables plugins before it creates the series), is kept and applies to nothing: another
    /// organization's series and a missing one are alike here, as everywhere.
    public func check(for organization: Organization.ID, in db: Database) throws {
        var first: [WebinarSeries.ID: (index: Int, name: String)] = [:]
        for (index, rule) in rules.enumerated() {
            // The series the rule applies to, named as ``rule(forPath:id:)`` matches it: its id or its slug path.
            guard let found = try? Lookup.series(rule.series, in: db), let id = found.id,
                try SeriesOwnership.owner(ofSeries: id, in: db) == organization,
                try rule.series == "\(id.rawValue)" || rule.series == Lookup.path(of: found, in: db)
            else { continue }
            if let earlier = first[id] {
                throw SettingRefusal(
                    "series '{series}' is the series of rule {earlier} ('{other}'): give each series one rule",
                    ["series": rule.series, "earlier": "\(earlier.index + 1)", "other": earlier.name],
                    key: "rules.[\(index)].series")
            }
            first[id] = (index, rule.series)
        }
    }

    /// The algorithm new credentials are signed with.
    var algorithm: SigningAlgorithm { SigningAlgorithm(rawValue: signingAlgorithm) ?? .rs256 }

    /// The rule for `series` given its slug path and id, if any.
    func rule(forPath path: String, id: WebinarSeries.ID) -> EligibilityRule? {
        rules.first { $0.series == path || $0.series == "\(id)" }
    }

    /// The branding these settings describe, with the organization's uploaded logo (kept by Indaba, never named
    /// by a path: see ``CertificateLogos``).
    func branding(logo: Data?) -> Branding {
        Branding(
            primary: RGB(hex: primaryColour) ?? Branding().primary, accent: RGB(hex: accentColour) ?? Branding().accent,
            paper: RGB(hex: paperColour) ?? Branding().paper, heading: heading, logo: logo,
            signature: signatureName.isEmpty
                ? nil : CertificateContent.Signatory(name: signatureName, role: signatureRole))
    }

    private enum CodingKeys: String, CodingKey {
        case rules, verificationBaseURL, primaryColour, accentColour, paperColour, heading, signatureName,
            signatureRole, signingAlgorithm
    }
}
