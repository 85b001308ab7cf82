import Foundation
import Kernel
import PluginKit
import Testing

@Suite("Catalogues, plural rules, language negotiation and pseudo-localisation")
struct LocalizationTests {
    @Test("CLDR plural forms: Arabic has six, French and Portuguese count 0 and 1 as one, Swahili as English")
    func plurals() {
        let arabic = [0, 1, 2, 3, 10, 11, 99, 100, 101, 102, 103, 111, 1000].map(Language.arabic.plurals.form)
        #expect(arabic == [0, 1, 2, 3, 3, 4, 4, 5, 5, 5, 3, 4, 5])
        #expect([0, 1, 2, 5].map(Language.french.plurals.form) == [0, 0, 1, 1])
        #expect([0, 1, 2].map(Language.portuguese.plurals.form) == [0, 0, 1])
        #expect([0, 1, 2].map(Language.swahili.plurals.form) == [1, 0, 1])
        #expect(Language.arabic.plurals.formCount == 6)
    }

    @Test("a PO file: headers, contexts, plurals, continued strings and escapes")
    func readsPO() throws {
        let text = #"""
            # Translator comment
            msgid ""
            msgstr ""
            "Language: fr\n"
            "Plural-Forms: nplurals=2; plural=(n > 1);\n"

            #, fuzzy
            msgctxt "button"
            msgid "Open"
            msgstr "Ouvrir"

            msgid "Open"
            msgstr "Ouverte"

            msgid ""
            "A long sentence "
            "in two parts"
            msgstr "Une \"longue\" phrase\\"

            msgid "{count} day"
            msgid_plural "{count} days"
            msgstr[0] "{count} jour"
            msgstr[1] "{count} jours"
            """#
        let catalogue = try Catalogue(po: text, name: "fr.po")
        #expect(catalogue.header["Language"] == "fr")
        #expect(catalogue.entry(MessageKey("Open", context: "button"))?.translations == ["Ouvrir"])
        #expect(catalogue.entry(MessageKey("Open", context: "button"))?.flags == ["fuzzy"])
        #expect(catalogue.entry(MessageKey("Open"))?.translations == ["Ouverte"])
        #expect(
            catalogue.entry(MessageKey("A long  sentence\n in two parts"))?.translations == [#"Une "longue" phrase\"#])
        var translations = Translations()
        try translations.add(["fr": text], module: "Tests")
        let french = translations.localizer(for: .french)
        #expect(french.plural("{count} day", "{count} days", count: 0) == "0 jour")
        #expect(french.plural("{count} day", "{count} days", count: 1200) == "1\u{202F}200 jours")
        #expect(french("Open", context: "button") == "Ouvrir")
        #expect(french("Not in the catalogue {x}", ["x": "y"]) == "Not in the catalogue y")
    }

    @Test("placeholder values keep their own direction: isolated in Arabic, and wherever they hold Arabic letters")
    func isolatesValues() throws {
        var translations = Translations()
        try translations.add(
            [
                "ar": """
                msgid ""
                msgstr "Language: ar\\n"

                msgid "New programme of {organization}"
                msgstr "برنامج جديد لـ{organization}"
                """
            ], module: "Tests")
        let arabic = translations.localizer(for: .arabic)
        #expect(
            arabic("New programme of {organization}", ["organization": "#ASKnet"])
                == "برنامج جديد لـ\u{2068}#ASKnet\u{2069}")
        let english = translations.localizer(for: .english)
        #expect(english("Enrol in {series}", ["series": "Series One"]) == "Enrol in Series One")
        #expect(english("Enrol in {series}", ["series": "أمينة"]) == "Enrol in \u{2068}أمينة\u{2069}")
    }

    @Test("placeholders: each named one filled, templates' {{name}} and unknown or unclosed braces left as written")
    func placeholders() {
        let t = Localizer.english
        let values = ["a": "1", "name": "Amina", "b": "{a}"]
        let cases: [(String, String)] = [
            ("{a} and {a}", "1 and 1"),
            ("Hello {name}, {{name}} stays", "Hello Amina, {{name}} stays"),
            ("{unknown} {a}", "{unknown} 1"),
            ("a { b } {", "a { b } {"),
            ("{b}", "{a}"),  // a value is not filled again
            ("{{#t}}Hi {{name}}{{/t}} {a}", "{{#t}}Hi {{name}}{{/t}} 1"),
            ("é {a}…", "é 1…"),
            ("", ""),
        ]
        for (text, expected) in cases { #expect(t(text, values) == expected, "\(text)") }
    }

    @Test("right-to-left plain text: each line starts with a mark; web addresses are never isolated nor marked")
    func rightToLeftPlainText() {
        let text = "\u{2068}الأربعاء\u{2069} – 16:00\n\nhttps://indaba.example.org/verify/X\n- 2027"
        #expect(
            Language.arabic.directingLines(of: text)
                == "\u{200F}\u{2068}الأربعاء\u{2069} – 16:00\n\nhttps://indaba.example.org/verify/X\n\u{200F}- 2027")
        #expect(
            Language.arabic.directingLines(of: Language.arabic.directingLines(of: text))
                == Language.arabic.directingLines(of: text))
        #expect(Language.french.directingLines(of: text) == text)
        let arabic = Translations().localizer(for: .arabic)
        #expect(arabic("Join: {link}", ["link": "https://meet.example.org/x"]) == "Join: https://meet.example.org/x")
        #expect(arabic("{name}", ["name": "#ASKnet"]) == "\u{2068}#ASKnet\u{2069}")
        #expect(arabic("{name}", ["name": "https://a.org/x y"]) == "\u{2068}https://a.org/x y\u{2069}")
    }

    @Test("a prepared message fills exactly as the localizer does, isolation and braces included, in every language")
    func preparedMessages() throws {
        var translations = Translations()
        try translations.add(
            [
                "fr": """
                msgid "Join: {link}"
                msgstr "Rejoindre : {link}"

                msgid "{a} of {b}"
                msgstr "{b} : {a}"
                """,
                "ar": """
                msgid "Join: {link}"
                msgstr "انضم: {link}"
                """,
            ], module: "Tests")
        let messages = [
            "Join: {link}", "{a} of {b}", "{a} and {a}", "Hello {name}, {{name}} stays", "{unknown} {a}",
            "a { b } {", "{a {b}", "{b}", "é {a}…", "", "no placeholder",
        ]
        let values: KeyValuePairs = ["a": "1", "b": "{a}", "name": "أمينة", "link": "https://example.org/j"]
        let dictionary = Dictionary(uniqueKeysWithValues: values.map { ($0.key, $0.value) })
        for language in Language.shipped + [.pseudo] {
            let t = translations.localizer(for: language)
            for message in messages {
                #expect(t.prepared(message)(values) == t(message, dictionary), "\(language) \(message)")
            }
        }
        #expect(translations.localizer(for: .french).prepared("{a} of {b}")(["a": "x", "b": "y"]) == "y : x")
    }

    @Test("folding white space: folded text is returned as it is, anything else folded as before")
    func folding() {
        for text in ["Enrol", "Join the session", "Times are in {zone}.", "Vous êtes", "", "a"] {
            #expect(MessageKey.folded(text) == text)
        }
        let cases: [(String, String)] = [
            ("  lead", "lead"), ("trail ", "trail"), ("two  spaces", "two spaces"), ("line\n  break", "line break"),
            ("tab\there", "tab here"), ("no\u{00A0}break", "no break"), (" ", ""),
        ]
        for (text, expected) in cases { #expect(MessageKey.folded(text) == expected, "\(text)") }
    }

    @Test("one English message, two meanings: a module's own translation comes first for its code")
    func ownCataloguesFirst() throws {
        func po(_ translation: String) -> String {
            "msgid \"\"\nmsgstr \"Language: fr\\n\"\n\nmsgid \"Series\"\nmsgstr \"\(translation)\"\n"
        }
        var translations = Translations()
        try translations.add(["fr": po("Séries")], module: "Sources/Web")
        try translations.add(["fr": po("Série")], module: PluginID("retention").catalogueModule)
        let page = translations.localizer(for: .french)
        #expect(page("Series") == "Séries")
        #expect(page.preferring(PluginID("retention"))("Series") == "Série")
        // A module without catalogues, or the first one already, changes nothing.
        #expect(page.preferring(PluginID("feeds"))("Series") == "Séries")
        #expect(page.preferring(module: "Sources/Web")("Series") == "Séries")
    }

    @Test("a broken PO file is refused with its file and line")
    func refusesBrokenPO() {
        for (text, line, words) in [
            ("msgid \"a\"\nmsgstr \"b\\q\"", 2, "unknown escape"),
            ("msgid \"a\"\n\nmsgid \"b\"\nmsgstr \"c\"", 1, "has no msgstr"),
            ("msgid \"a\"\nmsgstr[0] \"b\"", 2, "without msgid_plural"),
            ("msgid \"a\"\nmsgstr \"b\"\nmsgid \"a\"\nmsgstr \"c\"", 3, "appears twice"),
            ("msgid \"a\nmsgstr \"b\"", 1, "double quotes"),
        ] {
            #expect {
                try Catalogue(po: text, name: "sw.po")
            } throws: { error in
                let error = error as? CatalogueError
                return error?.file == "sw.po" && error?.line == line && error?.message.contains(words) == true
            }
        }
    }

    @Test("Accept-Language: the shipped language with the highest quality, refusals ignored")
    func acceptLanguage() {
        #expect(AcceptLanguage.preferred("de-CH, fr;q=0.7, pt-BR;q=0.9") == .portuguese)
        #expect(AcceptLanguage.preferred("ar-EG,ar;q=0.9,en-US;q=0.8") == .arabic)
        #expect(AcceptLanguage.preferred("sw;q=0, en;q=0.1") == .english)
        #expect(AcceptLanguage.preferred("de, zh-Hans") == nil)
        #expect(AcceptLanguage.preferred("fr;q=abc, sw") == .swahili)
        #expect(AcceptLanguage.preferred(nil) == nil)
    }

    @Test("pseudo-localisation: accented, 40% longer, placeholders and markup intact")
    func pseudo() {
        let pseudo = Translations().localizer(for: .pseudo)
        let text = pseudo("Times are in <strong>{{zone}}</strong> for {name}")
        #expect(text.hasPrefix("[Ŧíméš áŕé íñ <strong>{{zone}}</strong> ƒöŕ {name} "))
        #expect(text.count >= Int(Double("Times are in  for ".count) * 1.4))
        #expect(Language(tag: "en-XA") == .english)
        #expect(Language(tag: "en-XA", allowingPseudo: true) == .pseudo)
    }
}
