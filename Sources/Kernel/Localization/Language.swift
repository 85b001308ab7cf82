public import Foundation

/// A language the interface speaks: its code (BCP 47 base language), its own name, its writing direction and how
/// it chooses plural forms.
public struct Language: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The BCP 47 code: `en`, `fr`, `pt`, `ar`, `sw` (or `en-XA`, the pseudo-language of layout tests).
    public let code: String

    public static let english = Language(code: "en")
    public static let french = Language(code: "fr")
    public static let portuguese = Language(code: "pt")
    public static let arabic = Language(code: "ar")
    public static let swahili = Language(code: "sw")
    /// Pseudo-localised English: accented and 40% longer, to find strings left untranslated and layouts that
    /// break when a translation is longer. Offered only where pseudo-localisation is switched on.
    public static let pseudo = Language(code: "en-XA")

    /// The languages the interface ships in, English (the source) first.
    public static let shipped: [Language] = [.english, .french, .portuguese, .arabic, .swahili]

    private init(code: String) {
        self.code = code
    }

    /// The shipped language a BCP 47 tag names (`fr`, `fr-SN`, `PT_br`, `ar-EG`), or nil.
    public init?(tag: String, allowingPseudo: Bool = false) {
        let normalized = tag.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: "-").lowercased()
        if allowingPseudo, normalized == Self.pseudo.code.lowercased() {
            self = .pseudo
            return
        }
        let base = normalized.split(separator: "-", maxSplits: 1).first.map(String.init) ?? ""
        guard let language = Self.shipped.first(where: { $0.code == base }) else { return nil }
        self = language
    }

    public var description: String { code }

    /// The language's name in itself, as a switcher shows it.
    public var nativeName: String {
        switch code {
        case "fr": "Français"
        case "pt": "Português"
        case "ar": "العربية"
        case "sw": "Kiswahili"
        case Self.pseudo.code: "Ƥşēŭđō"
        default: "English"
        }
    }

    /// Whether the language is written right to left.
    public var isRightToLeft: Bool { code == "ar" }

    /// The language's comma (`،` in Arabic).
    public var comma: String { code == "ar" ? "،" : "," }

    /// The language's semicolon (`؛` in Arabic).
    public var semicolon: String { code == "ar" ? "؛" : ";" }

    /// `text` (a plain-text e-mail) with each line started by a right-to-left mark, in a right-to-left language: a
    /// mail client lays a plain-text line out by its first strong letter, and a line that starts with a date, a
    /// number or an isolated name would otherwise read left to right. A line that is a web address alone is left
    /// as it is (copied into a browser, it must be the address and nothing else), as are empty lines. Other
    /// languages get `text` as it is.
    public func directingLines(of text: String) -> String {
        guard isRightToLeft else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { line in
                let alone =
                    line.isEmpty || line.first == "\u{200F}" || line.hasPrefix("http://")
                    || line.hasPrefix("https://")
                return alone ? String(line) : "\u{200F}" + line
            }
            .joined(separator: "\n")
    }

    /// The `dir` attribute of a page in this language.
    public var direction: String { isRightToLeft ? "rtl" : "ltr" }

    /// The locale of dates, times, numbers and percentages: British conventions for English (day before month, a
    /// 24-hour clock), as the network has always used.
    public var locale: Locale {
        switch code {
        case "fr": Locale(identifier: "fr")
        case "pt": Locale(identifier: "pt_PT")
        case "ar": Locale(identifier: "ar")
        case "sw": Locale(identifier: "sw")
        default: Locale(identifier: "en_GB")
        }
    }

    /// How this language chooses among its plural forms (CLDR rules, as gettext indexes them).
    public var plurals: PluralRule { PluralRule(language: self) }
}
