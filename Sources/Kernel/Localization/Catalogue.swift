import Foundation

/// A translation catalogue in gettext's PO format, the format translators' tools (Poedit, Weblate, Lokalize,
/// Virtaal) read and write.
///
/// Message ids are the English source with runs of white space folded into one space (templates wrap long
/// sentences), and an optional `msgctxt` where one English phrase needs different translations.
public struct Catalogue: Sendable {
    /// One message and its translation(s).
    public struct Entry: Sendable, Equatable {
        public var context: String?
        public var id: String
        /// The English plural, for a message that varies with a count.
        public var pluralId: String?
        /// `msgstr`, or `msgstr[0]`, `msgstr[1]`, … for a plural message.
        public var translations: [String]
        /// Flags (`#, fuzzy`, `#, draft`).
        public var flags: Set<String>
        /// Where the entry starts in its file, for error messages.
        public var line: Int

        /// The key the catalogue finds this entry by.
        public var key: MessageKey { MessageKey(id, context: context) }
    }

    /// The file the catalogue came from (for error messages).
    public let name: String
    /// The header's fields (`Language`, `Plural-Forms`, …).
    public let header: [String: String]
    public let entries: [Entry]
    private let byKey: [MessageKey: Entry]

    /// Reads `text`, the content of the PO file `name`.
    public init(po text: String, name: String) throws(CatalogueError) {
        var reader = POReader(name: name)
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            try reader.read(String(line), number: index + 1)
        }
        try reader.finish()
        self.name = name
        let header = reader.entries.first { $0.id.isEmpty && $0.context == nil }
        self.header = Self.fields(of: header?.translations.first ?? "")
        entries = reader.entries.filter { !($0.id.isEmpty && $0.context == nil) }
        var byKey: [MessageKey: Entry] = [:]
        for entry in entries {
            guard byKey[entry.key] == nil else {
                throw CatalogueError(file: name, line: entry.line, message: "the message \"\(entry.id)\" appears twice")
            }
            byKey[entry.key] = entry
        }
        self.byKey = byKey
    }

    /// The entry for `key`, if the catalogue has one.
    public func entry(_ key: MessageKey) -> Entry? {
        byKey[key]
    }

    private static func fields(of header: String) -> [String: String] {
        var fields: [String: String] = [:]
        for line in header.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[String(line[..<colon])] = line[line.index(after: colon)...].trimmingWhitespaces()
        }
        return fields
    }
}

/// How a catalogue finds a message: its English text with white space folded, and its context.
public struct MessageKey: Hashable, Sendable, CustomStringConvertible {
    public let id: String
    public let context: String?

    public init(_ id: String, context: String? = nil) {
        self.id = Self.folded(id)
        self.context = context
    }

    public var description: String { context.map { "\($0)|\(id)" } ?? id }

    /// `text` with every run of white space made one space, trimmed.
    public static func folded(_ text: String) -> String {
        if isFolded(text) { return text }
        return text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}

extension MessageKey {
    /// Whether `text` is folded already: ASCII with single spaces between words, as most messages are (checked
    /// byte by byte, without building a new string).
    static func isFolded(_ text: String) -> Bool {
        var previous: UInt8 = 0x20  // as if a space came first: a leading space is not folded
        for byte in text.utf8 {
            if byte >= 0x80 || (byte < 0x20) || (byte == 0x20 && previous == 0x20) { return false }
            previous = byte
        }
        return previous != 0x20 || text.isEmpty
    }
}

/// A PO file that cannot be read: which file, which line, what is wrong.
public struct CatalogueError: Error, Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let message: String

    public var description: String { "\(file):\(line): \(message)" }
}

/// Reads PO lines one at a time into entries.
private struct POReader {
    let name: String
    var entries: [Catalogue.Entry] = []
    private var current = Catalogue.Entry(id: "", translations: [], flags: [], line: 0)
    /// Which string a continuation line (`"…"`) adds to.
    private enum Field { case context, id, plural, translation(Int) }
    private var field: Field?
    private var seenId = false

    init(name: String) {
        self.name = name
    }

    mutating func read(_ raw: String, number: Int) throws(CatalogueError) {
        let line = raw.trimmingWhitespaces()
        if line.isEmpty { return }
        if line.hasPrefix("#") {
            if line.hasPrefix("#,") {
                if seenId { try finishEntry() }
                current.flags.formUnion(
                    line.dropFirst(2).split(separator: ",").map { $0.trimmingWhitespaces() })
            } else if seenId, !line.hasPrefix("#~") {
                try finishEntry()
            }
            return
        }
        if line.hasPrefix("\"") {
            guard let field else { throw error(number, "a quoted line that continues nothing") }
            try append(try string(line, number), to: field)
            return
        }
        let (keyword, rest) = split(line)
        let value = try string(rest, number)
        switch keyword {
        case "msgctxt":
            if seenId { try finishEntry() }
            begin(number)
            current.context = value
            field = .context
        case "msgid":
            if seenId { try finishEntry() }
            begin(number)
            current.id = value
            seenId = true
            field = .id
        case "msgid_plural":
            guard seenId else { throw error(number, "msgid_plural before msgid") }
            current.pluralId = value
            field = .plural
        case "msgstr":
            guard seenId else { throw error(number, "msgstr before msgid") }
            current.translations = [value]
            field = .translation(0)
        default:
            guard keyword.hasPrefix("msgstr["), keyword.hasSuffix("]"),
                let index = Int(keyword.dropFirst(7).dropLast()), index == current.translations.count
            else { throw error(number, "'\(keyword)' is not a PO keyword (or a plural form is out of order)") }
            guard seenId, current.pluralId != nil else { throw error(number, "\(keyword) without msgid_plural") }
            current.translations.append(value)
            field = .translation(index)
        }
    }

    mutating func finish() throws(CatalogueError) {
        if seenId { try finishEntry() }
    }

    private mutating func begin(_ number: Int) {
        if current.line == 0 { current.line = number }
    }

    private mutating func finishEntry() throws(CatalogueError) {
        guard !current.translations.isEmpty else {
            throw error(current.line, "the message \"\(current.id)\" has no msgstr")
        }
        current.id = MessageKey.folded(current.id)
        current.pluralId = current.pluralId.map(MessageKey.folded)
        entries.append(current)
        current = Catalogue.Entry(id: "", translations: [], flags: [], line: 0)
        seenId = false
        field = nil
    }

    private mutating func append(_ text: String, to field: Field) throws(CatalogueError) {
        switch field {
        case .context: current.context = (current.context ?? "") + text
        case .id: current.id += text
        case .plural: current.pluralId = (current.pluralId ?? "") + text
        case .translation(let index): current.translations[index] += text
        }
    }

    private func split(_ line: String) -> (String, String) {
        guard let space = line.firstIndex(of: " ") else { return (line, "") }
        return (String(line[..<space]), line[line.index(after: space)...].trimmingWhitespaces())
    }

    /// The content of a quoted PO string, escapes undone.
    private func string(_ quoted: String, _ number: Int) throws(CatalogueError) -> String {
        guard quoted.count >= 2, quoted.hasPrefix("\""), quoted.hasSuffix("\"") else {
            throw error(number, "expected a string in double quotes")
        }
        var result = ""
        var escaping = false
        for character in quoted.dropFirst().dropLast() {
            if escaping {
                switch character {
                case "n": result.append("\n")
                case "t": result.append("\t")
                case "\"", "\\": result.append(character)
                default: throw error(number, "unknown escape \\\(character)")
                }
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else if character == "\"" {
                throw error(number, "a double quote inside a string must be written \\\"")
            } else {
                result.append(character)
            }
        }
        guard !escaping else { throw error(number, "the string ends with a lone backslash") }
        return result
    }

    private func error(_ line: Int, _ message: String) -> CatalogueError {
        CatalogueError(file: name, line: line, message: message)
    }
}
