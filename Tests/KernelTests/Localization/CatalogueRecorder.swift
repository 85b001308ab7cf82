import Foundation
import Kernel

/// Writes a module's message template (`Locales/messages.pot`) and brings its `.po` files up to date with the code:
/// new messages are added untranslated, unused ones dropped, translations kept.
enum CatalogueRecorder {
    static func record(_ found: MessageExtractor.Found, in module: URL, root: URL) throws {
        let messages = found.messages
        let folder = module.appending(path: "Locales")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let ordered = messages.sorted {
            ($0.value, $0.key.id, $0.key.context ?? "") < ($1.value, $1.key.id, $1.key.context ?? "")
        }
        let moduleName = String(module.path.dropFirst(root.path.count + 1))
        try write(
            ordered, comments: found.comments, language: nil, existing: nil, module: moduleName,
            to: folder.appending(path: "messages.pot"))
        for language in Language.shipped where language != .english {
            let file = folder.appending(path: "\(language.code).po")
            let existing = (try? String(contentsOf: file, encoding: .utf8)).flatMap {
                try? Catalogue(po: $0, name: file.lastPathComponent)
            }
            try write(
                ordered, comments: found.comments, language: language, existing: existing, module: moduleName, to: file)
        }
    }

    private static func write(
        _ messages: [(key: MessageExtractor.Message, value: String)], comments: [MessageExtractor.Message: String],
        language: Language?, existing: Catalogue?, module: String, to file: URL
    ) throws {
        var text = "# Indaba: the messages of \(module)"
        if let language {
            text += " in \(language.nativeName) (\(language.code)).\n"
            text += "# DRAFT: drafted for the network, to be reviewed by native speakers (see CONTRIBUTING.md).\n"
        } else {
            text += ", the template new languages start from (see CONTRIBUTING.md).\n"
        }
        text += "msgid \"\"\nmsgstr \"\"\n"
        let header = [
            "Project-Id-Version: Indaba", "Language: \(language?.code ?? "")", "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: 8bit",
            "Plural-Forms: \(language?.plurals.header ?? "nplurals=2; plural=(n != 1);")",
        ]
        text += header.map { "\"\($0)\\n\"\n" }.joined()
        if language != nil { text += "\"X-Review-Status: draft\\n\"\n" }
        for (message, place) in messages {
            let old = existing?.entry(message.key)
            text += "\n"
            if let note = comments[message] { text += "#. \(note)\n" }
            text += "#: \(place.split(separator: ":").dropLast().joined(separator: ":"))\n"
            if let context = message.context { text += "msgctxt \(quoted(context))\n" }
            text += "msgid \(quoted(message.id))\n"
            if let plural = message.plural {
                text += "msgid_plural \(quoted(plural))\n"
                let forms = language?.plurals.formCount ?? 2
                for index in 0..<forms {
                    let kept = old.flatMap { index < $0.translations.count ? $0.translations[index] : nil } ?? ""
                    text += "msgstr[\(index)] \(quoted(kept))\n"
                }
            } else {
                text += "msgstr \(quoted(old?.translations.first ?? ""))\n"
            }
        }
        try text.write(to: file, atomically: true, encoding: .utf8)
    }

    private static func quoted(_ text: String) -> String {
        "\""
            + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n") + "\""
    }
}
