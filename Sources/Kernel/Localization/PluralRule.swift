/// A language's plural rule from the CLDR (integers only), numbered as gettext numbers `msgstr[N]`.
///
/// English and Swahili have two forms (one, other); French and Portuguese too, but 0 and 1 take the singular;
/// Arabic has six (zero, one, two, few, many, other).
public struct PluralRule: Sendable, Equatable {
    /// How many forms a catalogue of the language holds for each plural message.
    public let formCount: Int
    /// The `Plural-Forms` header translators' tools expect for the language.
    public let header: String
    private let code: String

    init(language: Language) {
        code = language.code
        switch language.code {
        case "ar":
            formCount = 6
            header =
                "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);"
        case "fr", "pt":
            formCount = 2
            header = "nplurals=2; plural=(n > 1);"
        default:
            formCount = 2
            header = "nplurals=2; plural=(n != 1);"
        }
    }

    /// The index of the form for `count` (0 ..< ``formCount``).
    public func form(for count: Int) -> Int {
        let n = count.magnitude
        switch code {
        case "ar":
            if n == 0 { return 0 }
            if n == 1 { return 1 }
            if n == 2 { return 2 }
            if (3...10).contains(n % 100) { return 3 }
            if (11...99).contains(n % 100) { return 4 }
            return 5
        case "fr", "pt":
            return n > 1 ? 1 : 0
        default:
            return n == 1 ? 0 : 1
        }
    }
}
