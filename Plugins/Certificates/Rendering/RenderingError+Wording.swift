import Kernel

extension RenderingError {
    /// Why the certificate could not be drawn, in `t`'s language, for the certificates pages and API problems. In
    /// English it is ``description``, word for word; cairo's own words stay English inside the sentence.
    func worded(_ t: Localizer) -> String {
        guard t.language != .english else { return description }
        switch self {
        case let .cairo(reason):
            return t("cairo could not write the PDF: {reason}.", ["reason": reason])
        case let .uncoveredText(.recipientName, missing):
            return t.plural(
                "No installed font can draw {count} character of the recipient's name; install the Noto fonts "
                    + "(fonts-noto-core, fonts-noto-cjk) or correct the name.",
                "No installed font can draw {count} characters of the recipient's name; install the Noto fonts "
                    + "(fonts-noto-core, fonts-noto-cjk) or correct the name.", count: missing)
        case let .uncoveredText(.seriesTitle, missing):
            return t.plural(
                "No installed font can draw {count} character of the series title; install the Noto fonts "
                    + "(fonts-noto-core, fonts-noto-cjk) or correct the title.",
                "No installed font can draw {count} characters of the series title; install the Noto fonts "
                    + "(fonts-noto-core, fonts-noto-cjk) or correct the title.", count: missing)
        case let .logo(reason):
            return t("The organization's logo cannot be used: {reason}.", ["reason": reason.worded(t)])
        case let .qrCode(length):
            return t(
                "A QR code cannot hold the {length}-byte verification URL; shorten the base URL.",
                ["length": t.number(length)])
        }
    }
}
