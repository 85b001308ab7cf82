import Foundation
import Kernel

/// "Your certificate is ready": queued through the kernel's outbox in the transaction that issues the certificate,
/// with the PDF and the verification link, in the certificate's language. It goes wherever the server delivers mail.
extension CertificatesPlugin {
    func tellHolder(_ certificate: Certificate, pdf: Data, in transaction: WriteTransaction) throws {
        guard
            let holder = try MessageAudience.participant(
                certificate.personId, of: certificate.seriesId, in: transaction.db)
        else { return }
        // In the language the certificate was printed in: the holder's choice when it was issued.
        let t = Self.translations.localizer(for: Language(tag: certificate.language) ?? .english)
        let values = [
            "name": certificate.recipientName, "organization": certificate.organizationName,
            "series": certificate.seriesTitle,
        ]
        let body = [
            t("Hello {name},", values), "",
            t(
                "Congratulations: {organization} has issued your certificate for {series}. It is attached as a PDF.",
                values),
            "", t("Anyone can check it at this address (also printed on it, as a QR code):"),
            certificate.verificationURL, "", "--", t("{organization} · sent by Indaba", values),
        ]
        try transaction.queue(
            MessageDraft(
                organizationId: certificate.organizationId, personId: certificate.personId, recipient: holder.address,
                sender: .indaba(at: context.baseURL, name: certificate.organizationName), category: .transactional,
                kind: Self.issuedMessage, idempotencyKey: Self.mailKey(of: certificate),
                subject: t("Your certificate: {series}", values),
                textBody: t.language.directingLines(of: body.joined(separator: "\n")),
                attachment: MailAttachment(
                    filename: "certificate-\(certificate.code).pdf", contentType: "application/pdf", data: pdf)))
    }

    /// Withdraws the "your certificate" e-mail of `certificate` if it has not left yet: a revoked certificate is not
    /// announced (the holder would be congratulated on what no longer verifies).
    static func withdrawMail(of certificate: Certificate, in transaction: WriteTransaction) throws {
        try transaction.cancelQueued(idempotencyKey: mailKey(of: certificate), organization: certificate.organizationId)
    }

    /// The outbox key of a certificate's e-mail: one e-mail per certificate.
    private static func mailKey(of certificate: Certificate) -> String { "\(issuedMessage):\(certificate.id!)" }
}
