import Foundation
import Kernel

/// "Your certificate is ready": queued through the kernel's outbox in the transaction that issues the certificate,
/// with the PDF and the verification link. It goes wherever the server delivers mail.
extension CertificatesPlugin {
    func tellHolder(_ certificate: Certificate, pdf: Data, in transaction: WriteTransaction) throws {
        guard
            let holder = try MessageAudience.participant(
                certificate.personId, of: certificate.seriesId, in: transaction.db)
        else { return }
        try transaction.queue(
            MessageDraft(
                organizationId: certificate.organizationId, personId: certificate.personId, recipient: holder.address,
                sender: .indaba(at: context.baseURL, name: certificate.organizationName), category: .transactional,
                kind: "certificates.issued", idempotencyKey: "certificates.issued:\(certificate.id!)",
                subject: "Your certificate: \(certificate.seriesTitle)",
                textBody: """
                    Hello \(certificate.recipientName),

                    Congratulations: \(certificate.organizationName) has issued your certificate for \
                    \(certificate.seriesTitle). It is attached as a PDF.

                    Anyone can check it at this address (also printed on it, as a QR code):
                    \(certificate.verificationURL)

                    --
                    \(certificate.organizationName) · sent by Indaba
                    """,
                attachment: MailAttachment(
                    filename: "certificate-\(certificate.code).pdf", contentType: "application/pdf", data: pdf)))
    }
}
