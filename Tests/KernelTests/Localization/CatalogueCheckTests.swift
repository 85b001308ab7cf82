import Foundation
import Kernel
import Testing

/// The catalogue check of `make test`: every message the code asks to translate has a translation in every shipped
/// language, with the same placeholders and markup; plural messages have every form the language needs; no
/// catalogue keeps a message the code no longer uses.
///
/// `RECORD_CATALOGUES=1` rewrites each module's `Locales/messages.pot` and adds new messages (untranslated) to,
/// and drops unused ones from, its `.po` files, for translators to fill in; the check still fails until they do.
@Suite struct CatalogueCheckTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let translated = Language.shipped.filter { $0 != .english }

    /// Every module with code: the kernel, the surfaces, the plugins.
    static func modules() throws -> [URL] {
        try ["Sources", "Plugins"].flatMap { folder in
            try FileManager.default.contentsOfDirectory(
                at: root.appending(path: folder), includingPropertiesForKeys: [.isDirectoryKey]
            ).filter { (try? $0.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true }
        }.sorted { $0.path < $1.path }
    }

    @Test func everyMessageIsTranslatedInEveryShippedLanguage() throws {
        var problems: [String] = []
        var checked = 0
        for module in try Self.modules() {
            let found = try MessageExtractor.messages(under: module, root: Self.root)
            problems += found.problems
            guard !found.messages.isEmpty else { continue }
            if ProcessInfo.processInfo.environment["RECORD_CATALOGUES"] == "1" {
                try CatalogueRecorder.record(found, in: module, root: Self.root)
            }
            for language in Self.translated {
                let file = module.appending(path: "Locales/\(language.code).po")
                let name = String(file.path.dropFirst(Self.root.path.count + 1))
                guard let text = try? String(contentsOf: file, encoding: .utf8) else {
                    problems.append("\(name) is missing: \(found.messages.count) messages need translating")
                    continue
                }
                let catalogue = try Catalogue(po: text, name: name)
                problems += Self.problems(of: catalogue, language: language, messages: found.messages)
                checked += found.messages.count
            }
        }
        #expect(
            problems.isEmpty,
            Comment(rawValue: "\(problems.count) problems:\n" + problems.prefix(60).joined(separator: "\n")))
        #expect(checked > 100, "the check saw only \(checked) message translations; is the extractor broken?")
    }

    static func problems(
        of catalogue: Catalogue, language: Language, messages: [MessageExtractor.Message: String]
    ) -> [String] {
        var problems: [String] = []
        let rule = language.plurals
        if catalogue.header["Language"] != language.code {
            problems.append("\(catalogue.name): the header's Language is not \(language.code)")
        }
        if catalogue.header["Plural-Forms"] != rule.header {
            problems.append("\(catalogue.name): Plural-Forms must be \"\(rule.header)\"")
        }
        for (message, place) in messages.sorted(by: { $0.value < $1.value }) {
            guard let entry = catalogue.entry(message.key) else {
                problems.append("\(catalogue.name): no translation of \"\(message.id)\" (used at \(place))")
                continue
            }
            let forms = message.plural == nil ? 1 : rule.formCount
            if entry.pluralId != message.plural || entry.translations.count != forms {
                problems.append(
                    "\(catalogue.name):\(entry.line): \"\(message.id)\" needs \(forms) form(s) in \(language.code)")
            }
            for (index, translation) in entry.translations.enumerated() {
                if translation.isEmpty {
                    problems.append("\(catalogue.name):\(entry.line): \"\(message.id)\" is not translated yet")
                    continue
                }
                let source = index == 0 || message.plural == nil ? message.id : message.plural!
                var (marks, sourceMarks) = (Self.marks(in: translation), Self.marks(in: source))
                // A plural form may say the count in words (Arabic's one and two).
                if message.plural != nil { (_, _) = (marks.remove("{count}"), sourceMarks.remove("{count}")) }
                if marks != sourceMarks {
                    problems.append(
                        "\(catalogue.name):\(entry.line): the translation of \"\(message.id)\" has "
                            + "\(marks.sorted()) where the English has \(sourceMarks.sorted())")
                }
            }
        }
        let used = Set(messages.keys.map(\.key))
        for entry in catalogue.entries where !used.contains(entry.key) {
            problems.append("\(catalogue.name):\(entry.line): \"\(entry.id)\" is no longer used by the code; remove it")
        }
        return problems
    }

    /// Placeholders (`{name}`, `{{name}}`) and tags (`<strong>`, `</bdi>`) a translation must keep.
    static func marks(in text: String) -> Set<String> {
        Set(text.matches(of: /\{\{[^}]+\}\}|\{[A-Za-z]+\}|<\/?[a-z]+/).map { String(text[$0.range]) })
    }

    @Test("a context tells one English phrase apart; a note for translators goes with its message")
    func contextsAndNotes() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "catalogue-notes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try #"""
        let status = t("Open", context: "a series' status")
        let verb = t("Open")
        // Translators: a made-up series title,
        // shown in previews.
        let sample = t(
            "Data diaries")
        let plain = t("Close")
        """#.write(to: folder.appending(path: "Page.swift"), atomically: true, encoding: .utf8)
        let found = try MessageExtractor.messages(under: folder, root: folder)
        let status = MessageExtractor.Message(id: "Open", plural: nil, context: "a series' status")
        #expect(
            Set(found.messages.keys) == [
                status, .init(id: "Open", plural: nil), .init(id: "Data diaries", plural: nil),
                .init(id: "Close", plural: nil),
            ])
        #expect(
            found.comments == [.init(id: "Data diaries", plural: nil): "a made-up series title, shown in previews."])
        // The catalogue tells the two apart: a translation of the verb is not one of the status.
        let french = try Catalogue(
            po: """
                msgid ""
                msgstr "Language: fr\\nPlural-Forms: nplurals=2; plural=(n > 1);\\n"

                msgctxt "a series' status"
                msgid "Open"
                msgstr "Ouverte"

                #. a made-up series title, shown in previews.
                msgid "Data diaries"
                msgstr "Carnets de données"

                msgid "Close"
                msgstr "Fermer"
                """, name: "fr.po")
        let problems = Self.problems(of: french, language: .french, messages: found.messages)
        #expect(problems == ["fr.po: no translation of \"Open\" (used at Page.swift:2)"])
    }

    @Test func theCheckFindsAMessageAddedWithoutTranslations() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "catalogue-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try #"""
        let a = t("Enrol")
        let b = t.plural("{count} day", "{count} days", count: 2)
        let c = t(status == .open ? "Open" : "Closed")
        let template = """
            <p>{{#t}}Hello {{name}}, \
            welcome{{/t}}</p>
            """
        """#.write(to: folder.appending(path: "Page.swift"), atomically: true, encoding: .utf8)
        let found = try MessageExtractor.messages(under: folder, root: folder)
        #expect(
            Set(found.messages.keys) == [
                .init(id: "Enrol", plural: nil), .init(id: "{count} day", plural: "{count} days"),
                .init(id: "Hello {{name}}, welcome", plural: nil),
            ])
        #expect(found.problems.count == 1 && found.problems[0].contains("Page.swift:3"))
        let french = try Catalogue(
            po: """
                msgid ""
                msgstr "Language: fr\\nPlural-Forms: nplurals=2; plural=(n > 1);\\n"

                msgid "Enrol"
                msgstr "S’inscrire"

                msgid "{count} day"
                msgid_plural "{count} days"
                msgstr[0] "{count} jour"
                msgstr[1] "{count} jours"

                msgid "Hello {{name}}, welcome"
                msgstr "Bonjour {{nom}}, bienvenue"

                msgid "Goodbye"
                msgstr "Au revoir"
                """, name: "fr.po")
        let problems = Self.problems(of: french, language: .french, messages: found.messages)
        #expect(problems.contains { $0.contains("Hello {{name}}, welcome") && $0.contains("{{nom}}") })
        #expect(problems.contains { $0.contains("\"Goodbye\" is no longer used") })
        #expect(problems.count == 2)
        let arabic = try Catalogue(
            po: """
                msgid ""
                msgstr "Language: ar\\nPlural-Forms: nplurals=2; plural=(n != 1);\\n"

                msgid "{count} day"
                msgid_plural "{count} days"
                msgstr[0] "يوم"
                msgstr[1] "{count} أيام"
                """, name: "ar.po")
        let arabicProblems = Self.problems(of: arabic, language: .arabic, messages: found.messages)
        #expect(arabicProblems.contains { $0.contains("Plural-Forms must be") })
        #expect(arabicProblems.contains { $0.contains("needs 6 form(s)") })
        #expect(arabicProblems.contains { $0.contains("no translation of \"Enrol\"") })
    }
}
