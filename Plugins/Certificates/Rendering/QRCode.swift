import CQREncode
import Foundation

/// A QR code's modules, from libqrencode: `dark[y][x]`, without the quiet zone.
struct QRCode {
    let size: Int
    let dark: [[Bool]]

    /// Encodes `text` as bytes with error correction level M (15 % of the symbol may be damaged).
    init(_ text: String) throws {
        guard let code = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1) else {
            throw RenderingError.qrCode(length: text.utf8.count)
        }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        let data = code.pointee.data!
        size = width
        dark = (0..<width).map { y in (0..<width).map { x in data[y * width + x] & 1 == 1 } }
    }

    /// The dark modules as horizontal runs (row, first column, length): fewer rectangles, a smaller PDF.
    var runs: [(row: Int, column: Int, length: Int)] {
        var runs: [(Int, Int, Int)] = []
        for (y, row) in dark.enumerated() {
            var x = 0
            while x < size {
                guard row[x] else {
                    x += 1
                    continue
                }
                let start = x
                while x < size, row[x] { x += 1 }
                runs.append((y, start, x - start))
            }
        }
        return runs
    }
}
