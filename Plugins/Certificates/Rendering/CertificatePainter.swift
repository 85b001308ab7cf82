import CPangoCairo
import Foundation
import Kernel

/// Draws one certificate on an A4 landscape page: frame, heading, organization, name, series, dates, signatures,
/// the verification code and its QR code, worded in the certificate's language. A right-to-left language mirrors
/// the layout: the verification code on the right, the QR code on the left.
struct CertificatePainter {
    let branding: Branding
    /// The logo, loaded once per document.
    let logo: LogoImage?
    /// The certificates' wording in every language.
    let translations: Translations

    private static let width = PDFDocument.width
    private static let height = PDFDocument.height
    private static let textWidth = 600.0

    /// Paints `content` on the current page of `document`.
    /// - Throws: ``RenderingError/uncoveredText(field:missingGlyphs:)`` when no font covers the name or title.
    func paint(_ content: CertificateContent, on document: PDFDocument) throws {
        let cairo = document.cairo
        let type = Typesetter(cairo: cairo, slantsItalic: !content.language.isRightToLeft)
        let t = translations.localizer(for: content.language)
        drawFrame(cairo)
        let centre = Self.width / 2
        var y = 104.0
        if let logo {
            logo.draw(on: cairo, centredOn: centre, top: 46, height: 44)
            y = 132
        }
        let organization = type.line(
            content.organizationName, .serif, size: 13, width: Self.textWidth, minimum: 7, spacing: 1.5)
        type.draw(organization, centredOn: centre, baseline: y, colour: branding.accent)
        let wording = branding.heading == Branding.standardHeading ? t("Certificate of Completion") : branding.heading
        let heading = type.line(wording, .serifBold, size: 34, width: Self.textWidth, minimum: 20)
        type.draw(heading, centredOn: centre, baseline: y + 60, colour: branding.primary)
        drawRule(cairo, centre: centre, y: y + 80)
        type.draw(
            type.line(t("This certifies that"), .serifItalic, size: 14, width: Self.textWidth), centredOn: centre,
            baseline: y + 118, colour: RGB(0x444444))

        let name = type.fitted(
            content.recipientName, .serifBold, size: 40, shrinkTo: 24, width: Self.textWidth, height: 92)
        try requireCoverage(type, name, field: .recipientName)
        let nameTop = y + 132
        type.draw(name, centredOn: centre, baseline: nameTop + baselineOffset(name), colour: branding.primary)
        let afterName = nameTop + max(name.height, 48)
        drawUnderline(cairo, centre: centre, y: afterName + 4, width: min(max(name.width + 40, 260), 640))

        type.draw(
            type.line(t("has completed the webinar series"), .serifItalic, size: 14, width: Self.textWidth),
            centredOn: centre, baseline: afterName + 36, colour: RGB(0x444444))
        let series = type.fitted(
            content.seriesTitle, .serifBold, size: 19, shrinkTo: 14, width: Self.textWidth, height: 48)
        try requireCoverage(type, series, field: .seriesTitle)
        let seriesTop = afterName + 48
        type.draw(series, centredOn: centre, baseline: seriesTop + baselineOffset(series), colour: RGB(0x222222))
        let dates = type.line(content.datesLine, .serif, size: 12, width: Self.textWidth, minimum: 8)
        type.draw(dates, centredOn: centre, baseline: seriesTop + series.height + 24, colour: RGB(0x444444))

        drawSignatures(content.signatories, rightToLeft: content.language.isRightToLeft, type: type, cairo: cairo)
        try drawVerification(content, label: t("Verify this certificate"), type: type, cairo: cairo)
    }

    private func baselineOffset(_ block: Typesetter.Block) -> Double {
        Double(pango_layout_get_baseline(block.layout)) / Double(PANGO_SCALE)
    }

    private func requireCoverage(_ type: Typesetter, _ block: Typesetter.Block, field: RenderingError.Text) throws {
        let missing = type.unknownGlyphs(block)
        if missing > 0 { throw RenderingError.uncoveredText(field: field, missingGlyphs: missing) }
    }

    // MARK: - Ornament

    private func drawFrame(_ cairo: OpaquePointer) {
        let (w, h) = (Self.width, Self.height)
        cairo_set_source_rgb(cairo, branding.paper.red, branding.paper.green, branding.paper.blue)
        cairo_rectangle(cairo, 0, 0, w, h)
        cairo_fill(cairo)
        setColour(cairo, branding.primary)
        cairo_set_line_width(cairo, 7)
        cairo_rectangle(cairo, 20, 20, w - 40, h - 40)
        cairo_stroke(cairo)
        setColour(cairo, branding.accent)
        cairo_set_line_width(cairo, 1.2)
        cairo_rectangle(cairo, 30, 30, w - 60, h - 60)
        cairo_stroke(cairo)
        // A small diamond at each corner of the inner frame.
        for (x, y) in [(30.0, 30.0), (w - 30, 30), (30, h - 30), (w - 30, h - 30)] {
            cairo_move_to(cairo, x, y - 6)
            cairo_line_to(cairo, x + 6, y)
            cairo_line_to(cairo, x, y + 6)
            cairo_line_to(cairo, x - 6, y)
            cairo_close_path(cairo)
            cairo_fill(cairo)
        }
    }

    private func drawRule(_ cairo: OpaquePointer, centre: Double, y: Double) {
        setColour(cairo, branding.accent)
        cairo_set_line_width(cairo, 1)
        cairo_move_to(cairo, centre - 70, y)
        cairo_line_to(cairo, centre - 8, y)
        cairo_move_to(cairo, centre + 8, y)
        cairo_line_to(cairo, centre + 70, y)
        cairo_stroke(cairo)
        cairo_move_to(cairo, centre, y - 4)
        cairo_line_to(cairo, centre + 4, y)
        cairo_line_to(cairo, centre, y + 4)
        cairo_line_to(cairo, centre - 4, y)
        cairo_close_path(cairo)
        cairo_fill(cairo)
    }

    private func drawUnderline(_ cairo: OpaquePointer, centre: Double, y: Double, width: Double) {
        setColour(cairo, branding.accent)
        cairo_set_line_width(cairo, 0.8)
        cairo_move_to(cairo, centre - width / 2, y)
        cairo_line_to(cairo, centre + width / 2, y)
        cairo_stroke(cairo)
    }

    // MARK: - Signatures and verification

    // Every text uses three faces of one family (regular, bold, italic): each face is a font subset embedded in
    // every PDF, and subsetting is most of the cost of a one-page file.

    /// Up to four signature lines between the verification block and the QR code, the first one where reading
    /// starts (on the left, or on the right for a right-to-left language).
    private func drawSignatures(
        _ signatories: [CertificateContent.Signatory], rightToLeft: Bool, type: Typesetter, cairo: OpaquePointer
    ) {
        let shown = Array((signatories + (branding.signature.map { [$0] } ?? [])).prefix(4))
        guard !shown.isEmpty else { return }
        let (left, right) = (215.0, Self.width - 160)
        let slot = (right - left) / Double(shown.count)
        let lineY = Self.height - 96
        for (index, person) in shown.enumerated() {
            let position = rightToLeft ? shown.count - 1 - index : index
            let centre = left + slot * (Double(position) + 0.5)
            let span = min(slot - 18, 150)
            setColour(cairo, RGB(0x666666))
            cairo_set_line_width(cairo, 0.6)
            cairo_move_to(cairo, centre - span / 2, lineY)
            cairo_line_to(cairo, centre + span / 2, lineY)
            cairo_stroke(cairo)
            let name = type.line(person.name, .serifBold, size: 10.5, width: span + 10, minimum: 6.5)
            type.draw(name, centredOn: centre, baseline: lineY + 15, colour: RGB(0x222222))
            let role = type.line(person.role, .serifItalic, size: 9, width: span + 10, minimum: 6)
            type.draw(role, centredOn: centre, baseline: lineY + 28, colour: RGB(0x555555))
        }
    }

    private func drawVerification(
        _ content: CertificateContent, label: String, type: Typesetter, cairo: OpaquePointer
    ) throws {
        let rightToLeft = content.language.isRightToLeft
        let bottom = Self.height - 52
        let lines = [
            (type.line(label, .serifItalic, size: 8.5, width: 160), bottom - 34, RGB(0x666666)),
            (type.line(content.code, .serifBold, size: 11, width: 160, minimum: 7), bottom - 20, branding.primary),
            (
                type.line(content.verificationURL, .serif, size: 6.5, width: 170, minimum: 4.5), bottom - 8,
                RGB(0x666666)
            ),
        ]
        for (block, baseline, colour) in lines {
            // Right to left, the block ends at the right margin where left to right it starts at the left one.
            let left = rightToLeft ? Self.width - 52 - block.width : 52
            type.draw(block, left: left, baseline: baseline, colour: colour)
        }

        let qr = try QRCode(content.verificationURL)
        let side = 74.0
        let cell = side / Double(qr.size)
        let (x0, y0) = (rightToLeft ? 52 : Self.width - 52 - side, bottom - side)
        setColour(cairo, RGB(0x000000))
        for run in qr.runs {
            cairo_rectangle(
                cairo, x0 + Double(run.column) * cell, y0 + Double(run.row) * cell, Double(run.length) * cell, cell)
        }
        cairo_fill(cairo)
    }

    private func setColour(_ cairo: OpaquePointer, _ colour: RGB) {
        cairo_set_source_rgb(cairo, colour.red, colour.green, colour.blue)
    }
}
