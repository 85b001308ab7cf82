import GRDB
import Kernel

/// Keeps certificates with their person when two records of one person are merged: the duplicate's certificates
/// move to the kept record (their codes keep verifying). Where both records hold a valid certificate for the same
/// series, the duplicate's is revoked first ("merged"), since one person holds one valid certificate per series.
enum CertificateMerging {
    static let handlers: [EventHandler] = [
        .maintaining(PeopleMerged.self) { event, db in
            try db.execute(
                sql: """
                    UPDATE certificates_certificate
                    SET status = 'revoked', revokedAt = CURRENT_TIMESTAMP, revokedBy = 'merge',
                        revokedReason = 'Merged into the certificate of the same person for this series'
                    WHERE personId = :duplicate AND status = 'valid' AND seriesId IN (
                        SELECT seriesId FROM certificates_certificate WHERE personId = :kept AND status = 'valid')
                    """, arguments: ["duplicate": event.duplicateId, "kept": event.keptId])
            try db.execute(
                sql: "UPDATE certificates_certificate SET personId = ? WHERE personId = ?",
                arguments: [event.keptId, event.duplicateId])
        }
    ]
}
