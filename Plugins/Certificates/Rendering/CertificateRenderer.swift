public import Foundation

/// Renders certificates to PDF: one file per certificate, or many pages in one file.
///
/// Each call builds its own cairo and Pango objects and frees them before returning: nothing is cached globally, so
/// renderers can run on several tasks at once.
public struct CertificateRenderer: Sendable {
    public let branding: Branding

    public init(branding: Branding = Branding()) {
        self.branding = branding
    }

    /// One certificate as a one-page PDF. The same content always gives the same bytes.
    /// - Throws: ``RenderingError`` when a text cannot be drawn or the logo cannot be read.
    public func pdf(_ content: CertificateContent) throws -> Data {
        try pdf(pages: [content], date: content.issuedAt)
    }

    /// Several certificates as pages of one PDF, dated `date` (the PDF's creation and modification date).
    /// - Parameter progress: Called after each page with the number of pages done.
    public func pdf(
        pages: [CertificateContent], date: Date, progress: (Int) -> Void = { _ in }
    ) throws -> Data {
        let title = pages.count == 1 ? "Certificate \(pages[0].code)" : "Certificates"
        let author = pages.first?.organizationName ?? ""
        let document = try PDFDocument(creationDate: date, title: title, author: author)
        let painter = CertificatePainter(
            branding: branding, logo: try branding.logo.map { try LogoImage(png: $0) },
            translations: CertificatesPlugin.translations)
        for (index, content) in pages.enumerated() {
            if index > 0 { document.endPage() }
            try painter.paint(content, on: document)
            progress(index + 1)
        }
        return try document.finish()
    }
}
