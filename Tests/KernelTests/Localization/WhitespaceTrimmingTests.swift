import Foundation
import Testing

@testable import Kernel

@Suite("Trimming white space without Foundation")
struct WhitespaceTrimmingTests {
    @Test(
        "the same as trimmingCharacters(in:) with .whitespaces and with .whitespacesAndNewlines, for every scalar of the first 64k, at either end",
        arguments: [false, true])
    func sameAsFoundation(newlines: Bool) {
        let set: CharacterSet = newlines ? .whitespacesAndNewlines : .whitespaces
        let trim = { (text: String) in newlines ? text.trimmingWhitespacesAndNewlines() : text.trimmingWhitespaces() }
        var differences: [String] = []
        for value in UInt32(0)..<0x1_0000 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = "\(scalar)\(scalar)a \(scalar)b\(scalar)"
            if trim(text) != text.trimmingCharacters(in: set) {
                differences.append(String(value, radix: 16))
            }
        }
        let samples = [
            "", " ", "\t \u{A0}", " a ", "\u{3000}ab\u{2009}", "x\u{301} ", " \u{301}x", "🙂 ", "a\u{200B}",
            "\r\n a\nb \n",
            "\u{2028}x\u{85}", "\n\u{301}",
        ]
        for text in samples where trim(text) != text.trimmingCharacters(in: set) { differences.append(text) }
        #expect(differences.isEmpty, "\(differences.prefix(20))")
    }
}
