public import Kernel

extension CertificatesPlugin {
    /// The audit actions the plugin writes (one entry per certificate), as the audit log page names them.
    public static let auditActions = [
        AuditActionName("certificates", label: "Any certificate change"),
        AuditActionName("certificates.issued", label: "Certificate issued"),
        AuditActionName("certificates.revoked", label: "Certificate revoked"),
        AuditActionName("certificates.reissued", label: "Certificate re-issued"),
    ]

    /// The message the plugin sends (a certificate, attached), as the outbox page names it.
    public static let messageKinds = [MessageKindName(issuedMessage, label: "Certificate sent")]

    /// The kind of the e-mail that carries a newly issued certificate.
    static let issuedMessage = "certificates.issued"
}

extension AuditSubject {
    /// A certificate, as the audit log names it.
    static func certificate(_ id: Certificate.ID) -> AuditSubject { AuditSubject(kind: "certificate", id: id.rawValue) }
}

extension WriteTransaction {
    /// Records what happened to `certificate` (issued, revoked, re-issued), with its series and holder by id.
    func auditCertificate(_ action: String, _ certificate: Certificate, detail: [String: JSONValue] = [:]) throws {
        try audit(
            action, organization: certificate.organizationId, subject: .certificate(certificate.id!),
            plugin: CertificatesPlugin.id,
            detail: detail.merging([
                "seriesId": .integer(certificate.seriesId.rawValue),
                "personId": .integer(certificate.personId.rawValue),
            ]) { own, _ in own })
    }
}
