public import Kernel

extension CertificatesPlugin {
    /// The message the plugin sends (a certificate, attached), as the outbox page names it.
    public static let messageKinds = [MessageKindName(issuedMessage, label: "Certificate sent")]

    /// The kind of the e-mail that carries a newly issued certificate.
    static let issuedMessage = "certificates.issued"
}
