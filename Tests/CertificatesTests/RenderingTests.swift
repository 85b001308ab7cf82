import Foundation
import Kernel
import Testing

@testable import Certificates

@Suite("Certificates render every script, searchable, embedded, reproducible, with a readable QR code")
struct RenderingTests {
    static let names: [(label: String, name: String)] = [
        ("Latin with diacritics, NFC", "Adébáyọ̀ Ọláolúwa Nguyễn Zoë".precomposedStringWithCanonicalMapping),
        ("Latin with diacritics, NFD", "Adébáyọ̀ Ọláolúwa Nguyễn Zoë".decomposedStringWithCanonicalMapping),
        ("Amharic", "ብርቱካን አለሙ"),
        ("Arabic", "أمينة حسن"),
        ("Chinese", "王秀英"),
        ("110 characters", RenderingTests.longName),
        ("mixed scripts", "Amina Yusuf أمينة يوسف 王秀英 ብርቱካን"),
        ("markup characters", "Thandi <b>Ncube</b> & Sons"),
    ]

    static let longName =
        "Maria Alexandra Wanjiku Nomvula Chidinma Oluwaseun Akua Nokuthula Thandiwe Mbali Tsitsi Adaeze Ngozi Ife Kunle"

    static func content(name: String, code: String = "7KQ2-M9XD-4TAW-ZC8R") -> CertificateContent {
        CertificateContent(
            organizationName: "Africa Sign Knowledge Network",
            seriesTitle: "Creating Inclusive Spaces for Women in Tech and Media",
            recipientName: name, datesLine: "Held from 21 to 30 June 2023 · Issued on 3 July 2023",
            issuedAt: Date(timeIntervalSince1970: 1_688_371_200),
            signatories: [
                .init(name: "Kudzai Mubaiwa", role: "Facilitator"), .init(name: "Soneni Mafu", role: "Facilitator"),
            ], code: code, verificationURL: "http://127.0.0.1:8080/verify/\(code)")
    }

    @Test("the long name really has 110 characters")
    func longNameLength() {
        #expect(Self.longName.count == 110)
    }

    @Test(
        "pdftotext gives the name back and pdffonts shows every font embedded",
        .enabled(
            if: ExternalTool.available("pdftotext") && ExternalTool.available("pdffonts"),
            "needs pdftotext and pdffonts (Debian poppler-utils)"),
        arguments: RenderingTests.names)
    func nameComesBack(_ label: String, _ name: String) throws {
        let directory = try ExternalTool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("certificate.pdf")
        try CertificateRenderer().pdf(Self.content(name: name)).write(to: file)

        let text = try ExternalTool.run("pdftotext", ["-enc", "UTF-8", file.path, "-"])
        #expect(text.status == 0)
        // Swift compares strings by canonical equivalence: an NFD name equals its NFC text.
        let lines = comparableText(text.text)
        if label == "mixed scripts" {
            // pdftotext drops the space where a right-to-left run meets a left-to-right one: compare the letters.
            let letters = { (text: String) in text.filter { !$0.isWhitespace } }
            #expect(letters(lines).contains(letters(comparableText(name))), "\(label): \(lines)")
        } else {
            #expect(lines.contains(comparableText(name)), "\(label): \(lines)")
        }

        let fonts = try ExternalTool.run("pdffonts", [file.path])
        let rows = fonts.text.split(separator: "\n").dropFirst(2)
        #expect(!rows.isEmpty)
        for row in rows {
            let columns = row.split(separator: " ", omittingEmptySubsequences: true)
            // name type encoding emb sub uni object ID: "emb", "sub" and "uni" must all be "yes".
            let flags = columns.suffix(5).prefix(3)
            #expect(flags.allSatisfy { $0 == "yes" }, "\(label): \(row)")
        }
    }

    @Test(
        "the QR code on the page decodes to the verification URL",
        .enabled(
            if: ExternalTool.available("pdftoppm") && ExternalTool.available("zbarimg"),
            "needs pdftoppm (poppler-utils) and zbarimg (zbar-tools)"))
    func qrCodeDecodes() throws {
        let directory = try ExternalTool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("certificate.pdf")
        let content = Self.content(name: "Zoë Ndlovu", code: "AB12-CD34-EF56-GH78")
        try CertificateRenderer().pdf(content).write(to: file)
        let prefix = directory.appendingPathComponent("page").path
        #expect(
            try ExternalTool.run("pdftoppm", ["-png", "-r", "150", "-f", "1", "-l", "1", file.path, prefix]).status == 0
        )
        let image = try #require(
            try FileManager.default.contentsOfDirectory(atPath: directory.path).first { $0.hasSuffix(".png") })
        let decoded = try ExternalTool.run("zbarimg", ["-q", "--raw", directory.appendingPathComponent(image).path])
        #expect(decoded.text.trimmingCharacters(in: .whitespacesAndNewlines) == content.verificationURL)
    }

    @Test("identical input gives identical bytes, and another name other bytes")
    func reproducible() throws {
        let renderer = CertificateRenderer()
        let first = try renderer.pdf(Self.content(name: "Zoë Ndlovu"))
        let second = try renderer.pdf(Self.content(name: "Zoë Ndlovu"))
        #expect(first == second)
        #expect(first.starts(with: Data("%PDF-".utf8)))
        #expect(try renderer.pdf(Self.content(name: "Zoe Ndlovu")) != first)
    }

    @Test("several certificates make one PDF with a page each")
    func multiPage() throws {
        let pages = Self.names.map { Self.content(name: $0.name) }
        let pdf = try CertificateRenderer().pdf(pages: pages, date: pages[0].issuedAt)
        let count = String(decoding: pdf, as: UTF8.self).components(separatedBy: "/Type /Page\n").count - 1
        #expect(count == pages.count || String(decoding: pdf, as: UTF8.self).contains("/Count \(pages.count)"))
    }

    @Test("a name no installed font covers is refused rather than printed as boxes")
    func uncovered() throws {
        // U+E000 is a private-use character: no font maps it.
        #expect(throws: RenderingError.self) {
            try CertificateRenderer().pdf(Self.content(name: "Name \u{E000}\u{E001}"))
        }
    }

    @Test(
        "branding: a PNG logo, colours and the organization's signatory are drawn",
        .enabled(if: ExternalTool.available("pdftotext"), "needs pdftotext (Debian poppler-utils)"))
    func branding() throws {
        let directory = try ExternalTool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // A 1×1 PNG.
        let png = Data(
            base64Encoded:
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")!
        let branded = CertificateRenderer(
            branding: Branding(
                primary: RGB(0x5A1F3A), heading: "Certificate of Participation", logo: png,
                signature: .init(name: "Nomvula Dube", role: "Programme Director")))
        let pdf = try branded.pdf(Self.content(name: "Zoë Ndlovu"))
        #expect(pdf != (try CertificateRenderer().pdf(Self.content(name: "Zoë Ndlovu"))))
        let file = directory.appendingPathComponent("branded.pdf")
        try pdf.write(to: file)
        let text = comparableText(try ExternalTool.run("pdftotext", ["-enc", "UTF-8", file.path, "-"]).text)
        #expect(text.contains("Certificate of Participation"))
        #expect(text.contains("Nomvula Dube") && text.contains("Programme Director"))
        #expect(text.contains("Kudzai Mubaiwa"))
    }

    @Test("a logo that is not a PNG is refused, saying so and naming no file")
    func badLogo() throws {
        let renderer = CertificateRenderer(branding: Branding(logo: Data("GIF89a".utf8)))
        #expect(throws: RenderingError.logo(reason: FieldReason("it is not a PNG image"))) {
            try renderer.pdf(Self.content(name: "Zoë"))
        }
    }

    @Test(
        "emoji and symbols in a name are drawn from the Symbola fallback",
        .enabled(if: ExternalTool.available("fc-list") && ExternalTool.fontInstalled("Symbola"), "needs fonts-symbola"))
    func emojiNames() throws {
        _ = try CertificateRenderer().pdf(Self.content(name: "Amina 🎉 Yusuf ☀"))
    }
}
