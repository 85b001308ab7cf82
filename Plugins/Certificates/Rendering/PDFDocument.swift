import CPangoCairo
import Foundation
public import Kernel

/// A PDF being written by cairo, page by page, into memory.
///
/// cairo stamps the current time into a PDF unless told otherwise; ``init(creationDate:title:author:)`` sets both
/// metadata dates, so identical pages give identical bytes.
final class PDFDocument {
    static let width = 297 * 72 / 25.4
    static let height = 210 * 72 / 25.4

    private let sink = ByteSink()
    private let surface: OpaquePointer
    let cairo: OpaquePointer
    private var finished = false

    init(creationDate: Date, title: String, author: String) throws {
        let unmanaged = Unmanaged.passUnretained(sink).toOpaque()
        surface = cairo_pdf_surface_create_for_stream(
            { closure, bytes, length in
                guard let closure, let bytes else { return CAIRO_STATUS_WRITE_ERROR }
                Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue().bytes.append(
                    contentsOf: UnsafeBufferPointer(start: bytes, count: Int(length)))
                return CAIRO_STATUS_SUCCESS
            }, unmanaged, Self.width, Self.height)
        cairo = cairo_create(surface)
        let stamp = Self.pdfDate(creationDate)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, stamp)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, stamp)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, author)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Indaba certificates")
        try check()
    }

    deinit {
        cairo_destroy(cairo)
        cairo_surface_destroy(surface)
    }

    /// Ends the current page and starts the next.
    func endPage() {
        cairo_show_page(cairo)
    }

    /// Finishes the document and returns its bytes.
    func finish() throws -> Data {
        precondition(!finished, "A PDF document was finished twice")
        finished = true
        cairo_surface_finish(surface)
        try check()
        return Data(sink.bytes)
    }

    private func check() throws {
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw RenderingError.cairo(String(cString: cairo_status_to_string(status)))
        }
    }

    /// cairo's metadata date format (ISO 8601, UTC).
    private static func pdfDate(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}

/// Collects what cairo writes; reached from cairo's C callback through an unretained pointer.
private final class ByteSink {
    var bytes: [UInt8] = []
}

/// Why a certificate could not be drawn.
public enum RenderingError: Error, CustomStringConvertible, Equatable {
    /// A text of the certificate that a font must cover.
    public enum Text: String, Sendable {
        case recipientName = "recipient's name"
        case seriesTitle = "series title"
    }

    case cairo(String)
    case uncoveredText(field: Text, missingGlyphs: Int)
    case logo(reason: FieldReason)
    case qrCode(length: Int)

    public var description: String {
        switch self {
        case let .cairo(reason): "cairo could not write the PDF: \(reason)."
        case let .uncoveredText(field, missing):
            "No installed font can draw \(missing) character(s) of the \(field.rawValue); install the Noto fonts "
                + "(fonts-noto-core, fonts-noto-cjk) or correct the text."
        case let .logo(reason): "The organization's logo cannot be used: \(reason)."
        case let .qrCode(length): "A QR code cannot hold the \(length)-byte verification URL; shorten the base URL."
        }
    }
}
