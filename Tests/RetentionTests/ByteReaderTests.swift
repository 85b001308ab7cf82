import Foundation
import KernelTesting
import Testing

@testable import Retention

/// The byte-by-byte readers an import uses for speed (issue 19, item 6) read exactly as the character-by-character
/// code they stand in front of, which stays as the reference (and as the reader of what they leave to it).
@Suite("Export text read byte by byte, as character by character")
struct ByteReaderTests {
    static let records = [
        "Name,Email,Join Time\nZoë Ndlovu,zoe@example.org,06/21/2023 01:52:40 PM\n",
        "a,b\r\nc,d\re,f\n\ng,h", "  a  ,\t b \t, c", "\"quoted, with comma\",\"double \"\"quote\"\"\",x",
        "\"line\r\nbreak\",\"other\u{2028}break\u{0085}\",y\n", "  \"spaced quote\" tail,z", "a\"b,c\"d",
        "\"unbalanced,x\n", "\u{00A0}nbsp\u{00A0},\u{3000}ideographic\u{3000},x", "\u{00A0}\"q\",x",
        "café,naïve;x\ty", "a,\u{301}b,c", "\"\u{301}x\",y", "a\u{0600},b", "a,b\u{0B}c\u{0C}d,e", "", "\n\n",
        "Name;Duration\nA;1\n", "Name\tDuration\nA\t1\n", "x,\"a\u{2029}b\"\n", "😀,🇿🇦,a\u{200D}😀,b",
    ]

    @Test("Samples, and random texts of the characters exports are written with, split alike")
    func sameRecords() {
        let alphabet = Array(",;\t\"\r\n aZé\u{301}\u{00A0}\u{2028}\u{0085}\u{0600}x")
        var generator = SeededGenerator(seed: 19_061)
        var texts = Self.records
        for _ in 0..<3000 {
            let length = Int.random(in: 0...24, using: &generator)
            texts.append(String((0..<length).map { _ in alphabet.randomElement(using: &generator)! }))
        }
        for text in texts {
            for delimiter: Character in [",", ";", "\t"] {
                let reference = Result { () throws(AttendanceFileError) in
                    try DelimitedRecords.splitByCharacter(text, delimiter: delimiter)
                }
                let bytes = Result { () throws(AttendanceFileError) in
                    try DelimitedBytes.split(text, delimiter: delimiter)
                }
                switch (reference, bytes) {
                case let (.success(expected), .success(read)):
                    // Nil: the byte reader left the text to the character reader.
                    #expect(read == nil || read == expected, "\(text.debugDescription) split by \(delimiter)")
                case let (.failure(expected), .failure(read)):
                    #expect("\(expected)" == "\(read)", "\(text.debugDescription)")
                default:
                    Issue.record("\(text.debugDescription) split by \(delimiter): \(reference) but \(bytes)")
                }
            }
        }
    }

    @Test("A comma Unicode joins to a combining accent is left to the character reader, which keeps it in the field")
    func joinedSeparator() throws {
        #expect(try DelimitedBytes.split("a,\u{301}b,c", delimiter: ",") == nil)
        #expect(try DelimitedRecords.split("a,\u{301}b,c").map(\.fields) == [["a,\u{301}b", "c"]])
        #expect(try DelimitedBytes.split("Zoë,Émile,x", delimiter: ",")?.map(\.fields) == [["Zoë", "Émile", "x"]])
    }

    @Test("Name keys of ASCII names are the keys Foundation's folding gives")
    func asciiNameKeys() {
        var generator = SeededGenerator(seed: 19_062)
        let alphabet = Array("abzAZ09 .,'-()_@+\t\n")
        var names = ["Tariro Moyo 12", "Ndlovu, Zoe", "zoe.ndlovu", "+263 77 123 4567", "", "  ", "ZOE  ndlovu"]
        for _ in 0..<3000 {
            let length = Int.random(in: 0...20, using: &generator)
            names.append(String((0..<length).map { _ in alphabet.randomElement(using: &generator)! }))
        }
        for name in names {
            #expect(IdentityKey.name(name) == IdentityKey.foldedName(name), "\(name.debugDescription)")
            if let key = IdentityKey.asciiName(name) { #expect(key == IdentityKey.foldedName(name)) }
        }
        #expect(IdentityKey.asciiName("Zoë Ndlovu") == nil)
        #expect(IdentityKey.name("Zoë Ndlovu") == "name:ndlovu zoe")
    }

    @Test("Header names of ASCII text are normalized as the general rule normalizes them")
    func asciiHeaderNames() {
        var generator = SeededGenerator(seed: 19_063)
        let alphabet = Array("aZ (Min)\t\r\n\u{0B}\u{0C}-_:")
        var texts = ["Name (Original Name)", "  User   Email ", "JOIN\tTIME", "", "\r\n"]
        for _ in 0..<3000 {
            let length = Int.random(in: 0...16, using: &generator)
            texts.append(String((0..<length).map { _ in alphabet.randomElement(using: &generator)! }))
        }
        for text in texts {
            let reference = text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(ExportLayout.normalize(text) == reference, "\(text.debugDescription)")
        }
        #expect(ExportLayout.asciiNormalized("Durée") == nil)
        #expect(ExportLayout.normalize("  Durée  (MIN) ") == "durée (min)")
    }
}
