/// Pseudo-localisation: English made to look translated (accented letters) and about 40% longer, so that layouts which
/// break under a longer translation, and text that escapes translation, show up in tests before a translator sees
/// them. Placeholders (`{name}`, `{{name}}`) and markup (`<strong>`) are left alone.
enum PseudoLocalization {
    static func transform(_ text: String) -> String {
        var result = ""
        var letters = 0
        var depth = (braces: 0, tag: false)
        for character in text {
            if character == "{" { depth.braces += 1 }
            if character == "<" { depth.tag = true }
            if depth.braces == 0, !depth.tag, let accented = accents[character] {
                result.append(accented)
                letters += 1
            } else {
                result.append(character)
                if character.isLetter, depth.braces == 0, !depth.tag { letters += 1 }
            }
            if character == "}" { depth.braces = max(0, depth.braces - 1) }
            if character == ">" { depth.tag = false }
        }
        // Padding in short words, as a translation is longer: one long run would test a word no language has.
        let padding = stride(from: 0, to: (letters * 2 + 4) / 5, by: 5).map { _ in "~~~~" }.joined(separator: " ")
        return "[" + result + " " + padding + "]"
    }

    private static let accents: [Character: Character] = [
        "a": "á", "b": "ƀ", "c": "ç", "d": "đ", "e": "é", "f": "ƒ", "g": "ğ", "h": "ĥ", "i": "í", "j": "ĵ", "k": "ķ",
        "l": "ļ", "n": "ñ", "o": "ö", "r": "ŕ", "s": "š", "t": "ŧ", "u": "ü", "w": "ŵ", "y": "ý", "z": "ž",
        "A": "Å", "C": "Ç", "D": "Đ", "E": "É", "G": "Ğ", "I": "Î", "L": "Ļ", "N": "Ñ", "O": "Ö", "S": "Š", "T": "Ŧ",
        "U": "Ü", "Y": "Ý", "Z": "Ž",
    ]
}
