/// Characters that change how text is shown rather than what it says: terminal control codes, bidirectional
/// overrides and isolates (which make `gro.elpmaxe@` read backwards), and invisible ones (which make `a​b@…` a second
/// address that looks like the first). People's names and e-mails refuse them; terminals get them escaped.
public enum HostileCharacters {
    /// Bidirectional embeddings, overrides and isolates (LRE … RLO, LRI … PDI).
    static let bidiControls: Set<UInt32> = [0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069]

    /// Whether `scalar` is a control character (C0, DEL, C1) or a line or paragraph separator.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator: true
        default: false
        }
    }

    /// Whether `scalar` is a bidirectional embedding, override or isolate.
    public static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        bidiControls.contains(scalar.value)
    }

    /// Whether `scalar` shows nothing: format characters (zero-width space, joiners, the byte-order mark, soft
    /// hyphen, bidi marks), any kind of space, private-use and unassigned code points.
    public static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .format, .spaceSeparator, .control, .lineSeparator, .paragraphSeparator, .privateUse, .unassigned,
            .surrogate:
            true
        default: scalar.properties.isDefaultIgnorableCodePoint || scalar.properties.isWhitespace
        }
    }

    /// `text` safe to print on a terminal: controls (except new line and tab), bidi controls and other format
    /// characters become visible `\u{…}` escapes, so a name cannot move the cursor, clear the screen or reverse
    /// the lines around it.
    public static func escapedForTerminal(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if needsEscape(scalar) {
                result.append(contentsOf: "\\u{\(String(scalar.value, radix: 16))}".unicodeScalars)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == "\n" || scalar == "\t" { return false }
        return isControl(scalar) || isBidiControl(scalar)
            || scalar.properties.generalCategory == .format
                && scalar.value != 0x200C && scalar.value != 0x200D
    }
}
