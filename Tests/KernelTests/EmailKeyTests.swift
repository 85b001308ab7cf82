import KernelTesting
import Testing

@testable import Kernel

/// The byte-by-byte key of ASCII addresses (issue 19, item 6: an import keys every row's address) is the key
/// Foundation's trimming, NFC and lowercasing give, which stays as the reference and as the key of other text.
@Suite("E-mail keys of ASCII addresses, as Foundation makes them")
struct EmailKeyTests {
    @Test("Samples and random ASCII texts key alike on both paths")
    func sameKeys() {
        var generator = SeededGenerator(seed: 19_064)
        let alphabet = Array("aZz09.@+-_ \t\r\n\u{0B}\u{0C}\"'!~")
        var texts = [
            "Zoe.Ndlovu@Example.ORG", "  zoe@example.org\t", "\t \t", "", "A", " \r\nB@C.D\r\n ", "\u{0B}x@y.z\u{0C}",
        ]
        for _ in 0..<3000 {
            let length = Int.random(in: 0...24, using: &generator)
            texts.append(String((0..<length).map { _ in alphabet.randomElement(using: &generator)! }))
        }
        for text in texts {
            #expect(FieldRules.asciiEmailKey(text) == FieldRules.unicodeEmailKey(text), "\(text.debugDescription)")
            #expect(FieldRules.emailKey(text) == FieldRules.unicodeEmailKey(text))
        }
    }

    @Test("Text that is not ASCII is left to Foundation: no-break spaces trimmed, NFC, Unicode lowercase")
    func otherText() {
        for text in ["\u{00A0}Zoë@example.org\u{3000}", "Zoe\u{0308}@EXAMPLE.org", "İpek@example.org"] {
            #expect(FieldRules.asciiEmailKey(text) == nil)
            #expect(FieldRules.emailKey(text) == FieldRules.unicodeEmailKey(text))
        }
        #expect(FieldRules.emailKey("\u{00A0}Zoe\u{0308}@EXAMPLE.org ") == "zo\u{00EB}@example.org")
    }
}
