import Foundation
import GRDB
import Kernel

/// The PDF each certificate was issued as (`certificates_document`): a download is always this file.
enum CertificateDocuments {
    static func store(_ pdf: Data, for certificate: Certificate.ID, in db: Database) throws {
        try db.execute(
            sql: "INSERT INTO certificates_document (certificateId, pdf) VALUES (?, ?)",
            arguments: [certificate, pdf])
    }

    static func pdf(of certificate: Certificate.ID, in db: Database) throws -> Data? {
        try Data.fetchOne(
            db, sql: "SELECT pdf FROM certificates_document WHERE certificateId = ?", arguments: [certificate])
    }
}

extension CertificatesPlugin {
    /// The certificate's PDF: the file it was issued as. A certificate issued before PDFs were kept is drawn once
    /// with today's settings, and that file is kept from then on.
    /// - Throws: ``CertificatesError/removedWithHolder(_:)`` once its holder was erased (the file was deleted then,
    ///   and is not drawn again).
    func pdf(of certificate: Certificate) async throws -> Data {
        let id = certificate.id!
        guard !CertificateErasure.removedFiles(of: certificate) else {
            throw CertificatesError.removedWithHolder(id.rawValue)
        }
        if let kept = try await context.store.read({ db in try CertificateDocuments.pdf(of: id, in: db) }) {
            return kept
        }
        let branding = try await branding(for: certificate.organizationId)
        let drawn = try CertificateRenderer(branding: branding).pdf(certificate.content)
        return try await context.write(as: AuditActor("plugin:certificates")) { transaction in
            // Another download may have kept one meanwhile: that one is the file.
            if let kept = try CertificateDocuments.pdf(of: id, in: transaction.db) { return kept }
            try CertificateDocuments.store(drawn, for: id, in: transaction.db)
            return drawn
        }
    }

    /// The certificate's Open Badges credential, as issued.
    /// - Throws: ``CertificatesError/removedWithHolder(_:)`` once its holder was erased (it was deleted then).
    func credential(of certificate: Certificate) throws -> Data {
        guard !CertificateErasure.removedFiles(of: certificate) else {
            throw CertificatesError.removedWithHolder(certificate.id!.rawValue)
        }
        return Data(certificate.credential.utf8)
    }
}
