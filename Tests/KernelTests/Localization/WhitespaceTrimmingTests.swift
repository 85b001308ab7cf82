import Foundation
import Testing

@testable import Kernel

@Suite("Trimming white space without Foundation")
struct WhitespaceTrimmingTests {
    @Test("the same as trimmingCharacters(in: .whitespaces) for every scalar of the first 64k, at either end")
    func sameAsFoundation() {
        var differences: [String] = []
        for value in UInt32(0)..<0x1_0000 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = "\(scalar)\(scalar)a \(scalar)b\(scalar)"
            if text.trimmingWhitespaces() != text.trimmingCharacters(in: .whitespaces) {
                differences.append(String(value, radix: 16))
            }
        }
        for text in ["", " ", "\t \u{A0}", " a ", "\u{3000}ab\u{2009}", "x\u{301} ", " \u{301}x", "🙂 ", "a\u{200B}"] {
            if text.trimmingWhitespaces() != text.trimmingCharacters(in: .whitespaces) { differences.append(text) }
        }
        #expect(differences.isEmpty, "\(differences.prefix(20))")
    }
}
