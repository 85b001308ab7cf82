import Kernel

extension CertificatesError {
    /// The problem as a series' certificates page says it, in `t`'s language: the series is "this series" (not
    /// "series 3"), and the way out is the settings page, in English too (not a command line).
    func wordedOnSeriesPage(_ t: Localizer) -> String {
        switch self {
        case .noRule:
            return t("This series has no certificate rule yet; add one in the certificates settings.")
        case let .ruleDoesNotFit(_, reason):
            return t(
                "This series' certificate rule does not fit it: {reason}; correct the rule in the certificates settings.",
                ["reason": reason.worded(t)])
        default:
            return worded(t)
        }
    }

    /// The problem in `t`'s language, for the certificates pages and the API. In English it is ``description``,
    /// word for word (with its command-line hints); other languages point to the settings page instead. A reason
    /// given by another part (cairo's, the key store's) stays English inside the sentence.
    func worded(_ t: Localizer) -> String {
        guard t.language != .english else { return description }
        switch self {
        case let .noRule(series, _):
            return t(
                "Series {series} has no certificate rule; add one in the certificates settings.",
                ["series": "\(series)"])
        case let .ruleDoesNotFit(series, reason):
            return t(
                "The certificate rule for series {series} does not fit it: {reason}; correct the rule in the settings.",
                ["series": "\(series)", "reason": reason.worded(t)])
        case let .unknownSeries(reference):
            return t("No series '{series}' is run by this organization.", ["series": reference])
        case let .unknownCertificate(id):
            return t("There is no certificate {certificate} in this organization.", ["certificate": "\(id)"])
        case let .alreadyRevoked(id):
            return t("Certificate {certificate} is already revoked.", ["certificate": "\(id)"])
        case let .holdsValid(id, valid):
            return t(
                "Certificate {certificate} is revoked, and its holder has a valid certificate {valid} of the series; "
                    + "re-issue that one instead.", ["certificate": "\(id)", "valid": "\(valid)"])
        case let .notEligible(id):
            return t(
                "The holder of revoked certificate {certificate} is not eligible under the series' rule now; no new "
                    + "certificate was issued.", ["certificate": "\(id)"])
        case .noVerificationAddress:
            return t(
                "No verification address is known: set the server's public address, or the verification address "
                    + "in the certificates settings (such as https://indaba.example.org).")
        case let .loopbackVerificationAddress(address, server):
            return t(
                "The verification address {address} is this machine only, but the server is reached at {server}: QR "
                    + "codes would lead nowhere. Clear the verification address in the settings, or set the public "
                    + "address.", ["address": address, "server": server])
        case let .badLogo(reason):
            return t(
                "The logo cannot be used: {reason}. Upload a PNG image of at most 1 MB.", ["reason": reason.worded(t)])
        case .emptyReason:
            return t("Give a reason for the revocation, such as “issued in error”.")
        case let .rendering(person, reason):
            return t(
                "The certificate of person {person} cannot be drawn: {reason}",
                ["person": "\(person)", "reason": reason.worded(t)])
        case let .keyStore(reason):
            return t("The signing keys cannot be used: {reason}", ["reason": reason])
        case let .output(path):
            return t("Cannot write {path}; check that the folder is writable.", ["path": path])
        case .unknownCode:
            return t("No certificate has this code; check the code printed on the certificate.")
        case let .holderErased(id):
            return t(
                "The holder of certificate {certificate} was erased at their request; no certificate is issued for "
                    + "them again.", ["certificate": "\(id)"])
        case let .removedWithHolder(id):
            return t(
                "Certificate {certificate} was revoked and its files deleted when its holder was erased at their "
                    + "request.", ["certificate": "\(id)"])
        }
    }
}
