import Kernel

/// The plugin's tables: every certificate issued, with what was printed on it, its signed Open Badges credential
/// and its status; the PDF it was issued as; and each organization's logo.
enum CertificatesSchema {
    static let migrations = [
        PluginMigration(
            "0001-create-certificate",
            sql: """
                CREATE TABLE certificates_certificate (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    organizationId INTEGER NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
                    seriesId INTEGER NOT NULL REFERENCES webinarSeries(id) ON DELETE CASCADE,
                    personId INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
                    code TEXT NOT NULL UNIQUE,
                    -- Public verification looks certificates up by this SHA-256 of the code.
                    codeHash TEXT NOT NULL UNIQUE,
                    recipientName TEXT NOT NULL,
                    seriesTitle TEXT NOT NULL,
                    organizationName TEXT NOT NULL,
                    datesLine TEXT NOT NULL,
                    signatories TEXT NOT NULL,
                    verificationURL TEXT NOT NULL,
                    credential TEXT NOT NULL,
                    keyId TEXT NOT NULL,
                    issuedAt DATETIME NOT NULL,
                    issuedBy TEXT NOT NULL,
                    status TEXT NOT NULL DEFAULT 'valid' CHECK (status IN ('valid', 'revoked')),
                    revokedAt DATETIME,
                    revokedReason TEXT,
                    revokedBy TEXT,
                    replacesId INTEGER REFERENCES certificates_certificate(id) ON DELETE SET NULL,
                    CHECK ((status = 'revoked') = (revokedAt IS NOT NULL))
                );
                -- Never two valid certificates for one person and series.
                CREATE UNIQUE INDEX certificates_certificate_valid ON certificates_certificate(seriesId, personId)
                    WHERE status = 'valid';
                CREATE INDEX certificates_certificate_series ON certificates_certificate(seriesId, personId);
                CREATE INDEX certificates_certificate_organization ON certificates_certificate(organizationId);
                """),
        // The PDF each certificate was issued as, so that every download is the same file whatever the settings
        // (colours, heading, logo, signatory) or installed fonts are later; and each organization's uploaded logo,
        // kept here rather than read from a path on the server.
        PluginMigration(
            "0002-keep-issued-pdf-and-logo",
            sql: """
                CREATE TABLE certificates_document (
                    certificateId INTEGER PRIMARY KEY REFERENCES certificates_certificate(id) ON DELETE CASCADE,
                    pdf BLOB NOT NULL
                );
                -- Each credential's bit in the organization's revocation status list, drawn at random (W3C
                -- Bitstring Status List, privacy considerations): the list tells nothing of the order of issue.
                -- Certificates from before have none and use their id.
                ALTER TABLE certificates_certificate ADD COLUMN statusIndex INTEGER;
                CREATE UNIQUE INDEX certificates_certificate_status
                    ON certificates_certificate(organizationId, statusIndex) WHERE statusIndex IS NOT NULL;
                CREATE TABLE certificates_logo (
                    organizationId INTEGER PRIMARY KEY REFERENCES organization(id) ON DELETE CASCADE,
                    png BLOB NOT NULL,
                    uploadedAt DATETIME NOT NULL,
                    uploadedBy TEXT NOT NULL
                );
                """),
        // The language each certificate was printed in (the holder's choice when it was issued), so that it is
        // printed again the same.
        PluginMigration(
            "0003-certificate-language",
            sql: "ALTER TABLE certificates_certificate ADD COLUMN language TEXT NOT NULL DEFAULT 'en';"),
    ]
}
