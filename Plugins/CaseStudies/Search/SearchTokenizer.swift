import Foundation

/// FTS5's `unicode61 remove_diacritics 2` tokenizer (the one `caseStudies_search` uses) in Swift, so that titles and
/// snippets mark exactly the words FTS5 matched. It reads UTF-8 bytes and gives each token's byte range and its folded
/// form: letters, numbers, private-use characters (and characters that SQLite's Unicode 6.2 tables do not know) make
/// tokens, anything else separates them; ASCII is lowercased in place; other characters are case-folded, and a Latin letter with diacritics becomes its ASCII base (`É` → `e`,
/// `ọ̀` → `o`); the combining marks SQLite counts as diacritics are part of a token and vanish (so decomposed text
/// matches composed text), other marks (Arabic vowel signs) separate tokens, as in SQLite; marks with no letter or
/// digit beside them make no token at all.
/// `SearchTokenizerTests` compares it with FTS5 itself, character by character.
struct SearchTokenizer {
    /// A token: its bytes in the text are `start..<end`. An ASCII token's folded form is its bytes with `| 0x20`
    /// (letters lowercased, digits unchanged); another's is in the `folded` buffer given to ``next(_:at:folded:)``.
    struct Token {
        let start: Int
        let end: Int
        let isASCII: Bool
    }

    /// Folded UTF-8 of the non-ASCII characters seen so far (nil: a separator).
    private var folds: [UInt32: [UInt8]?] = [:]

    /// The next token of `bytes` from `position` (moved past it); nil at the end. `folded` holds its folded form when
    /// the token is not all ASCII (ASCII tokens, most of them, are not copied). Plain ASCII words are read eight bytes
    /// at a time (``ASCIIWords``), the rest character by character.
    @inline(__always)
    mutating func next(_ bytes: UnsafeBufferPointer<UInt8>, at position: inout Int, folded: inout [UInt8]) -> Token? {
        if let word = ASCIIWords.next(bytes, at: &position) { return word }
        return nextCharacterByCharacter(bytes, at: &position, folded: &folded)
    }

    /// ``next(_:at:folded:)`` reading every character, whatever the text.
    mutating func nextCharacterByCharacter(
        _ bytes: UnsafeBufferPointer<UInt8>, at position: inout Int, folded: inout [UInt8]
    ) -> Token? {
        while let run = nextRun(bytes, at: &position, folded: &folded) {
            // Combining marks alone fold to nothing: FTS5 makes no token of them, and gives them no position.
            if run.isASCII || !folded.isEmpty { return run }
        }
        return nil
    }

    /// The next run of characters that are part of tokens, read one by one, and its folded form.
    private mutating func nextRun(
        _ bytes: UnsafeBufferPointer<UInt8>, at position: inout Int, folded: inout [UInt8]
    ) -> Token? {
        var index = position
        var start = -1
        var isASCII = true
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte < 0x80 {
                if ASCIIWords.isWordByte(byte) {
                    if start < 0 { start = index }
                    if !isASCII { folded.append(byte | 0x20) }
                    index += 1
                } else if start >= 0 {
                    break
                } else {
                    index += 1
                }
                continue
            }
            let (scalar, length) = Self.decode(bytes, at: index)
            guard let fold = fold(scalar) else {
                if start >= 0 { break }
                index += length
                continue
            }
            if start < 0 { start = index }
            if isASCII {
                isASCII = false
                folded.removeAll(keepingCapacity: true)
                folded += bytes[start..<index].map { $0 | 0x20 }
            }
            folded.append(contentsOf: fold)
            index += length
        }
        position = index
        return start < 0 ? nil : Token(start: start, end: index, isASCII: isASCII)
    }

    private mutating func fold(_ scalar: Unicode.Scalar) -> [UInt8]? {
        if let known = folds[scalar.value] { return known }
        let fold = Self.fold(scalar)
        folds[scalar.value] = fold
        return fold
    }

    /// The folded UTF-8 of a non-ASCII character, or nil when it separates tokens.
    static func fold(_ scalar: Unicode.Scalar) -> [UInt8]? {
        if removedDiacritics.contains(scalar.value) { return [] }
        // SQLite's tables are of Unicode 6.2: what was unassigned then is part of a token, as it is.
        guard let age = scalar.properties.age, age.major < 6 || (age.major == 6 && age.minor < 3) else {
            return Array(String(scalar).utf8)
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber,
            .letterNumber, .otherNumber, .privateUse:
            break
        default:
            return nil
        }
        if let special = caseFoldings[scalar.value] { return Array(String(special).utf8) }
        let lowered = scalar.properties.lowercaseMapping
        let parts = Array(lowered.decomposedStringWithCanonicalMapping.unicodeScalars)
        if parts.count > 1, parts[0].isASCII, parts.dropFirst().allSatisfy({ (0x300..<0x370).contains($0.value) }) {
            return [UInt8(parts[0].value)]
        }
        return Array(lowered.utf8)
    }

    /// The combining marks SQLite treats as diacritics (inside a token, removed): U+0300–U+0331 but these.
    private static let removedDiacritics: Set<UInt32> = Set(0x300...0x331).subtracting([
        0x305, 0x30D, 0x30E, 0x310, 0x312, 0x313, 0x314, 0x315, 0x316, 0x317, 0x318, 0x319, 0x31A, 0x31C, 0x31D, 0x31E,
        0x31F, 0x320, 0x321, 0x322, 0x329, 0x32A, 0x32B, 0x32C, 0x32F,
    ])

    /// Where SQLite case-folds rather than lowercases (`ς` → `σ`, `ſ` → `s`), or keeps a letter it has no base for.
    private static let caseFoldings: [UInt32: Unicode.Scalar] = [
        0xB5: "μ", 0x17F: "s", 0x1E9B: "s", 0x3C2: "σ", 0x3D0: "β", 0x3D1: "θ", 0x3D5: "φ", 0x3D6: "π", 0x3F0: "κ",
        0x3F1: "ρ",
        0x3F5: "ε", 0x1E0: "\u{1E1}", 0x1E1: "\u{1E1}",
    ]

    /// The scalar starting at `index` of valid UTF-8, and its length in bytes.
    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, Int) {
        let lead = UInt32(bytes[index])
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
        guard index + length <= bytes.count, length > 1 else { return (Unicode.Scalar(UInt8(lead)), 1) }
        var value = lead & (0xFF >> (length + 1))
        for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }
}
