public import Foundation
public import Kernel

/// Everything printed on one certificate: a pure value, so the same content always renders to the same bytes.
public struct CertificateContent: Sendable, Equatable {
    /// Someone who signs the certificate: a facilitator of the series, or the organization's signatory.
    public struct Signatory: Sendable, Equatable {
        public var name: String
        public var role: String

        public init(name: String, role: String) {
            self.name = name
            self.role = role
        }
    }

    public var organizationName: String
    public var seriesTitle: String
    public var recipientName: String
    /// The line under the series title, such as "Held from 21 to 30 June 2023 · Issued on 3 July 2023".
    public var datesLine: String
    /// The moment the certificate was issued; also the PDF's creation and modification date.
    public var issuedAt: Date
    public var signatories: [Signatory]
    /// The verification code as printed, in groups (`7KQ2-M9XD-4TAW-ZC8R`).
    public var code: String
    /// Where the QR code points: the public verification page of this certificate.
    public var verificationURL: String
    /// The language of the certificate's wording (Arabic is laid out right to left).
    public var language: Language

    public init(
        organizationName: String, seriesTitle: String, recipientName: String, datesLine: String, issuedAt: Date,
        signatories: [Signatory], code: String, verificationURL: String, language: Language = .english
    ) {
        self.language = language
        self.organizationName = organizationName
        self.seriesTitle = seriesTitle
        self.recipientName = recipientName
        self.datesLine = datesLine
        self.issuedAt = issuedAt
        self.signatories = signatories
        self.code = code
        self.verificationURL = verificationURL
    }
}
