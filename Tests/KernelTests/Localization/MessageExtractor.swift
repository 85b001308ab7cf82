import Foundation
import Kernel

/// Finds the messages a module's code asks to translate: `{{#t}}…{{/t}}` sections of templates, string literals
/// given to a `Localizer` (`t("…")`, `localizer("…")`, `t.plural("…", "…", count:)`) or written as the reason a
/// setting is refused (`SettingRefusal("…", forKey:in:)`, `FieldReason("…")`), and the words a plugin shows
/// staff, which the web interface translates when it shows them: navigation entries (`NavigationEntry("…", path:)`)
/// and, in `…+Descriptions.swift` files, settings' labels, help and choices (`SettingDescription("…", help: "…")`,
/// `Choice("RS256", label: "…")`); with where each is.
///
/// A literal `context:` argument (`t("Open", context: "a series' status")`) tells apart one English phrase that
/// needs two translations (`msgctxt`). A comment starting `// Translators:` just above a message is its note for
/// translators (`#.` in the catalogues).
struct MessageExtractor {
    struct Message: Hashable {
        let id: String
        let plural: String?
        var context: String? = nil

        /// The message's key in a catalogue.
        var key: MessageKey { MessageKey(id, context: context) }
    }

    struct Found {
        var messages: [Message: String] = [:]
        /// Notes for translators, by message.
        var comments: [Message: String] = [:]
        /// Calls whose message is not a literal (the check cannot see them, so they are refused).
        var problems: [String] = []

        /// Records `message` at `place` (`file:line`) unless it was seen before, with the note for translators of
        /// its line if there is one.
        mutating func add(_ message: Message, at place: String, line: Int, notes: [Int: String]) {
            if messages[message] == nil { messages[message] = place }
            if let note = notes[line], comments[message] == nil { comments[message] = note }
        }
    }

    /// Every message of the Swift files under `directory`, with the first place it appears (`file:line`).
    static func messages(under directory: URL, root: URL) throws -> Found {
        var found = Found()
        let files =
            FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }.sorted { $0.path < $1.path } ?? []
        for file in files {
            let lines = try String(contentsOf: file, encoding: .utf8).split(
                separator: "\n", omittingEmptySubsequences: false)
            let notes = notesForTranslators(lines)
            // Comments may show the syntax (`{{#t}}…{{/t}}`) without asking for a translation; lines are kept.
            let text = lines.map { $0.trimmingCharacters(in: .whitespaces).hasPrefix("//") ? "" : String($0) }
                .joined(separator: "\n")
            let name = String(file.path.dropFirst(root.path.count + 1))
            templateMessages(in: text, file: name, notes: notes, into: &found)
            try callMessages(in: text, file: name, notes: notes, into: &found)
            try shownWords(
                in: text, file: name, describesSettings: file.lastPathComponent.hasSuffix("+Descriptions.swift"),
                notes: notes, into: &found)
        }
        return found
    }

    /// `// Translators: …` comments (with the `//` lines that continue them), by the line of code they stand above.
    static func notesForTranslators(_ lines: [Substring]) -> [Int: String] {
        var notes: [Int: String] = [:]
        var note: String?
        for (offset, line) in lines.enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("// Translators:") {
                note = trimmed.dropFirst("// Translators:".count).trimmingCharacters(in: .whitespaces)
            } else if let started = note, trimmed.hasPrefix("//") {
                note = started + " " + trimmed.dropFirst(2).trimmingCharacters(in: .whitespaces)
            } else if let finished = note {
                notes[offset + 1] = finished
                note = nil
            }
        }
        return notes
    }

    private static func line(of index: String.Index, in text: String) -> Int {
        text[..<index].reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
    }

    /// `{{#t}}…{{/t}}`: the text as the Swift literal holds it (a `\` at the end of a line joins lines), folded.
    private static func templateMessages(
        in text: String, file: String, notes: [Int: String], into found: inout Found
    ) {
        var rest = text[...]
        while let open = rest.range(of: "{{#t}}"), let close = rest[open.upperBound...].range(of: "{{/t}}") {
            // `"{{#t}}"` as a literal of its own is code looking for sections (the renderer), not a section.
            if rest[open.upperBound...].hasPrefix("\"") {
                rest = rest[open.upperBound...]
                continue
            }
            var raw = String(rest[open.upperBound..<close.lowerBound])
            while let joint = raw.range(of: #"\\\n[ ]*"#, options: .regularExpression) {
                raw.replaceSubrange(joint, with: "")
            }
            raw = raw.replacingOccurrences(of: #"\\"#, with: #"\"#)
            let line = line(of: open.lowerBound, in: text)
            found.add(Message(id: MessageKey.folded(raw), plural: nil), at: "\(file):\(line)", line: line, notes: notes)
            rest = rest[close.upperBound...]
        }
    }

    /// A call of a localizer: `t(`, `localizer(`, `page.localizer(`, `t.plural(`, `t.markup(`, `t.prepared(` (not a declaration, not a member named
    /// `t`); or a reason a setting is refused, `FieldReason(` and `SettingRefusal(`, whose first argument is the
    /// message unless it is labelled (`SettingRefusal(field: problem, …)`).
    private static let call =
        #"(?:(?<![A-Za-z0-9_.])(?<!func )(?:t|localizer|FieldReason|SettingRefusal)|\.localizer(?=\(\s*"))(\.plural|\.markup|\.prepared)?\(\s*"#
    /// A labelled argument: not a message.
    private static let labelled = #"^[A-Za-z_][A-Za-z0-9_]*:"#

    /// String literals given to a localizer: one literal, or literals joined with `+`; for a plural, two of them.
    private static func callMessages(
        in text: String, file: String, notes: [Int: String], into found: inout Found
    ) throws {
        let nsText = text as NSString
        for match in try NSRegularExpression(pattern: call).matches(
            in: text, range: NSRange(location: 0, length: nsText.length))
        {
            let member = match.range(at: 1)
            let isPlural = member.location != NSNotFound && nsText.substring(with: member) == ".plural"
            let start = Range(match.range, in: text)!
            var index = start.upperBound
            let place = "\(file):\(line(of: index, in: text))"
            if text[index...].range(of: labelled, options: .regularExpression) != nil { continue }
            guard let one = literal(in: text, at: &index) else {
                found.problems.append("\(place): a message must be a string literal for the catalogue check to see it")
                continue
            }
            var other: String?
            if isPlural {
                skipSpace(in: text, at: &index)
                guard index < text.endIndex, text[index] == "," else { continue }
                index = text.index(after: index)
                skipSpace(in: text, at: &index)
                other = literal(in: text, at: &index)
                if other == nil { found.problems.append("\(place): a plural's second form must be a literal") }
            }
            let message = Message(
                id: MessageKey.folded(one), plural: other.map(MessageKey.folded),
                context: context(in: text, at: &index))
            found.add(message, at: place, line: line(of: start.lowerBound, in: text), notes: notes)
        }
    }

    /// The literal of a `context:` argument right after a message, if there is one.
    private static func context(in text: String, at index: inout String.Index) -> String? {
        var look = index
        skipSpace(in: text, at: &look)
        guard look < text.endIndex, text[look] == "," else { return nil }
        look = text.index(after: look)
        skipSpace(in: text, at: &look)
        guard text[look...].hasPrefix("context:") else { return nil }
        look = text.index(look, offsetBy: "context:".count)
        return literal(in: text, at: &look)
    }

    /// A navigation entry's or a setting description's first argument.
    private static let shown = #"(?<![A-Za-z0-9_.])(?:NavigationEntry|SettingDescription|PluginName)\(\s*"#
    /// A setting's help, or a choice's label, in a descriptions file.
    private static let described = #"(?<![A-Za-z0-9_])(?:help|label):\s*"#

    /// Literals shown to staff through a navigation entry or a setting description. Arguments that are not literals
    /// are left alone: the kernel makes labels from keys (`SettingDescription(label(forKey:))`), which stay English.
    private static func shownWords(
        in text: String, file: String, describesSettings: Bool, notes: [Int: String], into found: inout Found
    ) throws {
        let nsText = text as NSString
        let patterns = describesSettings ? [shown, described] : [shown]
        for pattern in patterns {
            for match in try NSRegularExpression(pattern: pattern).matches(
                in: text, range: NSRange(location: 0, length: nsText.length))
            {
                let start = Range(match.range, in: text)!
                var index = start.upperBound
                let place = "\(file):\(line(of: index, in: text))"
                guard let words = literal(in: text, at: &index) else { continue }
                found.add(
                    Message(id: MessageKey.folded(words), plural: nil), at: place,
                    line: line(of: start.lowerBound, in: text), notes: notes)
            }
        }
    }

    private static func skipSpace(in text: String, at index: inout String.Index) {
        while index < text.endIndex, text[index].isWhitespace { index = text.index(after: index) }
    }

    /// `"…"` (+ `"…"` …) at `index`, escapes undone; nil when the argument is not a literal or interpolates.
    private static func literal(in text: String, at index: inout String.Index) -> String? {
        var result = ""
        var parts = 0
        while true {
            skipSpace(in: text, at: &index)
            guard index < text.endIndex, text[index] == "\"" else { return parts > 0 ? result : nil }
            index = text.index(after: index)
            while index < text.endIndex, text[index] != "\"" {
                if text[index] == "\\" {
                    index = text.index(after: index)
                    switch text[index] {
                    case "n": result.append("\n")
                    case "(": return nil
                    default: result.append(text[index])
                    }
                } else {
                    result.append(text[index])
                }
                index = text.index(after: index)
            }
            index = text.index(after: index)
            parts += 1
            var look = index
            skipSpace(in: text, at: &look)
            guard look < text.endIndex, text[look] == "+" else { return result }
            index = text.index(after: look)
        }
    }
}
