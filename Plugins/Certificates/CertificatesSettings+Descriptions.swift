public import Kernel

extension CertificatesSettings {
    /// Labels and help for the settings form.
    public static let descriptions: [String: SettingDescription] = [
        "rules": SettingDescription(
            "Eligibility rules",
            help: "One rule per series, as in the plugin's README; a series without a rule has no certificates."),
        "verificationBaseURL": SettingDescription(
            "Verification address",
            help: "The public address of this Indaba server that QR codes point to (…/verify/CODE). Leave it empty "
                + "to use the server's own address."),
        "primaryColour": SettingDescription("Main colour", help: "Frame, heading and name, as #RRGGBB."),
        "accentColour": SettingDescription(
            "Accent colour", help: "Ornaments and the organization's name, as #RRGGBB."),
        "paperColour": SettingDescription("Paper colour", help: "The page's background, as #RRGGBB."),
        "heading": SettingDescription("Heading", help: "Such as Certificate of Completion."),
        "signatureName": SettingDescription(
            "Signatory", help: "Printed beside the facilitators, such as your director; leave it empty for none."),
        "signatureRole": SettingDescription("Signatory's role", help: "Such as Programme Director."),
        "signingAlgorithm": SettingDescription(
            "Signing of Open Badges credentials", help: "How new credentials are signed.",
            kind: .choice([
                SettingDescription.Choice("RS256", label: "RS256 (what every verifier supports)"),
                SettingDescription.Choice("ES256", label: "ES256 (shorter keys; not every verifier supports it)"),
            ])),
    ]
}
