import Foundation
import GRDB
import Hummingbird
public import Kernel
public import PluginKit

/// What the certificates plugin adds to a participant's own pages: their valid certificates, each as the PDF it
/// was issued as and as its Open Badges credential; what it keeps about them, for their data download; and what
/// happens to their certificates when they are erased.
extension CertificatesPlugin {
    public func participantSections(for page: ParticipantPageRequest) async throws -> [PageSection] {
        let organization = page.organization.id!
        let t = page.localizer
        // The dates line as printed when the certificate is in the page's language, else said again in it.
        let certificates = try await context.store.read { db in
            try Self.held(by: page.person, in: organization, db).map { certificate in
                guard certificate.language != t.language.code,
                    let series = try OrganizationSeries.series(certificate.seriesId, runBy: organization, in: db)
                else { return (certificate, certificate.datesLine) }
                let facts = try SeriesFacts(
                    series: series, organization: organization, issuedAt: certificate.issuedAt, in: db)
                return (certificate, facts.datesLine(in: t))
            }
        }
        guard !certificates.isEmpty else { return [] }
        let items: [HTML] = certificates.map { certificate, datesLine in
            let base = page.basePath + "certificates/\(certificate.id!.rawValue)/"
            return """
                <li><strong><bdi>\(certificate.seriesTitle)</bdi></strong>: <bdi>\(datesLine)</bdi>. \
                <a href="\(base)certificate.pdf" download>\(t("Certificate (PDF)"))</a> · \
                <a href="\(base)credential.jwt" download>\(t("Open Badges credential"))</a> · \
                <a href="\(certificate.verificationURL)">\(t("Verification page"))</a></li>
                """
        }
        let note = t(
            "The credential is an Open Badges 3.0 file you can add to a digital wallet or share; anyone can check it "
                + "at the verification page.")
        return [
            PageSection(
                title: t("Your certificates ({organization})", ["organization": page.organization.name]),
                body: "<ul>\(items)</ul><p class=\"note\">\(note)</p>", order: 30)
        ]
    }

    public func addParticipantPages(to pages: PageRoutes) {
        pages.page("certificates/:certificate/certificate.pdf") { page in
            let certificate = try await held(page)
            return .file(
                try await pdf(of: certificate), contentType: "application/pdf",
                filename: "certificate-\(certificate.id!.rawValue).pdf")
        }
        pages.page("certificates/:certificate/credential.jwt") { page in
            let certificate = try await held(page)
            return .file(
                try credential(of: certificate), contentType: "application/vc+jwt",
                filename: "certificate-\(certificate.id!.rawValue).jwt")
        }
    }

    public func personalData(of person: Person.ID) async throws -> JSONValue? {
        let certificates = try await context.store.read { db in
            try Certificate.filter(Column("personId") == person).order(Column("id")).fetchAll(db)
        }
        guard !certificates.isEmpty else { return nil }
        let dates = ISO8601DateFormatter()
        return .object([
            "certificates": .array(
                certificates.map { certificate in
                    .object([
                        "series": .string(certificate.seriesTitle),
                        "organization": .string(certificate.organizationName),
                        "nameAsPrinted": .string(certificate.recipientName), "code": .string(certificate.code),
                        "issuedAt": .string(dates.string(from: certificate.issuedAt)),
                        "status": .string(certificate.status.rawValue),
                        "verificationURL": .string(certificate.verificationURL),
                    ])
                })
        ])
    }

    /// The valid certificates `person` holds from `organization`, newest first.
    static func held(by person: Person.ID, in organization: Organization.ID, _ db: Database) throws -> [Certificate] {
        try Certificate.filter(Column("personId") == person && Column("organizationId") == organization)
            .filter(Column("status") == Certificate.Status.valid.rawValue).order(Column("id").desc).fetchAll(db)
    }

    /// The certificate named in the path, if the signed-in participant holds it (valid) from this organization;
    /// else 404, as for one that does not exist.
    private func held(_ page: PageRequest) async throws -> Certificate {
        guard let person = page.context.participant,
            let id = page.context.parameters.get("certificate", as: Int64.self)
        else { throw AccessError.notFound(entity: "certificate", id: 0) }
        let organization = page.organization.id!
        let certificate = try await context.store.read { db in
            try Self.held(by: person, in: organization, db).first { $0.id == Certificate.ID(id) }
        }
        guard let certificate else { throw AccessError.notFound(entity: "certificate", id: id) }
        return certificate
    }
}

/// Erasing a person revokes their certificates (a printed one must no longer verify as theirs), removes the name
/// from them and deletes the stored PDFs and credentials, whichever organization issued them, enabled or not.
enum CertificateErasure {
    /// The name an erased holder's certificates keep.
    static let recipientName = "Erased person"

    /// Whether `certificate`'s PDF and credential were deleted with its holder (it is revoked, nameless, without a
    /// credential).
    static func removedFiles(of certificate: Certificate) -> Bool {
        certificate.status == .revoked && certificate.credential.isEmpty && certificate.recipientName == recipientName
    }

    static let handlers: [EventHandler] = [
        .maintaining(PersonErased.self) { event, db in
            let ids = try Certificate.ID.fetchAll(
                db, sql: "SELECT id FROM certificates_certificate WHERE personId = ?", arguments: [event.personId])
            guard !ids.isEmpty else { return }
            try db.execute(
                sql: """
                    UPDATE certificates_certificate SET recipientName = ?, credential = '',
                    revokedReason = coalesce(revokedReason, 'Erased at the holder''s request'),
                    revokedAt = coalesce(revokedAt, CURRENT_TIMESTAMP), revokedBy = coalesce(revokedBy, 'erasure'),
                    status = 'revoked' WHERE personId = ?
                    """, arguments: [recipientName, event.personId])
            try db.execute(
                sql: """
                    DELETE FROM certificates_document WHERE certificateId IN \
                    (SELECT id FROM certificates_certificate WHERE personId = ?)
                    """, arguments: [event.personId])
        }
    ]
}
