import Foundation

/// Writes a ``NetworkDocument`` as YAML in one canonical layout, so the same data always gives the same bytes.
public enum YAMLWriter {
    /// The document as the text of a definition file.
    public static func text(of document: NetworkDocument) -> String {
        var out = Lines()
        out.line(0, "format", NetworkDocument.format)
        out.key(0, "network")
        organization(document.network, at: 1, into: &out)
        return out.text
    }

    private static func organization(_ entry: NetworkDocument.OrganizationEntry, at level: Int, into out: inout Lines) {
        out.line(level, "slug", entry.slug)
        out.line(level, "name", entry.name)
        out.line(level, "country", entry.country)
        out.line(level, "timeZone", entry.timeZone)
        out.line(level, "website", entry.website)
        out.list(level, "plugins", entry.plugins) { plugin, out in
            out.line(level + 2, "id", plugin.id.rawValue)
            if !plugin.settings.isEmpty {
                out.key(level + 2, "settings")
                for key in plugin.settings.keys.sorted() {
                    out.raw(level + 3, "\(Lines.scalar(key)): \(json(plugin.settings[key]!))")
                }
            }
        }
        out.list(level, "people", entry.people) { person, out in
            out.line(level + 2, "email", person.email)
            out.line(level + 2, "name", person.name)
            if person.consent { out.line(level + 2, "consent", true) }
            out.line(level + 2, "gender", person.gender)
            if !person.attributes.isEmpty {
                out.key(level + 2, "attributes")
                for key in person.attributes.keys.sorted() { out.line(level + 3, key, person.attributes[key]) }
            }
        }
        out.list(level, "programmes", entry.programmes) { programme, out in
            out.line(level + 2, "slug", programme.slug)
            out.line(level + 2, "title", programme.title)
            if !programme.summary.isEmpty { out.line(level + 2, "summary", programme.summary) }
            out.list(level + 2, "series", programme.series) { series(_: $0, at: level + 4, into: &$1) }
        }
        out.list(level, "members", entry.members) { organization($0, at: level + 2, into: &$1) }
    }

    private static func series(_ entry: NetworkDocument.SeriesEntry, at level: Int, into out: inout Lines) {
        out.line(level, "slug", entry.slug)
        out.line(level, "title", entry.title)
        if !entry.summary.isEmpty { out.line(level, "summary", entry.summary) }
        out.line(level, "status", entry.status.rawValue)
        out.line(level, "timeZone", entry.timeZone)
        out.values(level, "objectives", entry.objectives)
        out.list(level, "roles", entry.roles) { role, out in
            out.line(level + 2, "person", role.person)
            out.line(level + 2, "role", role.role.rawValue)
        }
        out.list(level, "enrolments", entry.enrolments) { enrolment, out in
            out.line(level + 2, "person", enrolment.person)
            out.line(level + 2, "at", TimeFormats.instantText(enrolment.at))
            out.line(level + 2, "channel", enrolment.channel)
        }
        let zone = TimeZone(identifier: entry.timeZone)!
        out.list(level, "sessions", entry.sessions) { session(_: $0, at: level + 2, seriesZone: zone, into: &$1) }
        out.list(level, "quotes", entry.quotes) { quote, out in
            out.line(level + 2, "text", quote.text)
            out.line(level + 2, "attribution", quote.attribution)
            if quote.consent { out.line(level + 2, "consent", true) }
        }
    }

    private static func session(
        _ entry: NetworkDocument.SessionEntry, at level: Int, seriesZone: TimeZone, into out: inout Lines
    ) {
        let zone = entry.timeZone.flatMap(TimeZone.init(identifier:)) ?? seriesZone
        out.line(level, "slug", entry.slug)
        out.line(level, "title", entry.title)
        out.line(level, "kind", entry.kind.rawValue)
        out.line(level, "starts", TimeFormats.localTimeText(entry.startsAt, in: zone))
        out.line(level, "ends", TimeFormats.localTimeText(entry.endsAt, in: zone))
        out.line(level, "timeZone", entry.timeZone)
        out.line(level, "joinUrl", entry.joinURL)
        if entry.status != .scheduled { out.line(level, "status", entry.status.rawValue) }
        out.values(level, "agenda", entry.agenda)
        if !entry.description.isEmpty { out.line(level, "description", entry.description) }
        out.list(level, "attendance", entry.attendance) { record, out in
            out.line(level + 2, "person", record.person)
            out.line(level + 2, "status", record.status.rawValue)
            if record.minutes != 0 { out.line(level + 2, "minutes", record.minutes) }
            if record.source != .manual { out.line(level + 2, "source", record.source.rawValue) }
        }
        out.list(level, "submissions", entry.submissions) { submission, out in
            out.line(level + 2, "person", submission.person)
            out.line(level + 2, "at", TimeFormats.instantText(submission.at))
            out.line(level + 2, "link", submission.link)
            out.line(level + 2, "note", submission.note)
        }
    }

    /// JSON values are valid YAML flow values; strings go through YAML quoting to stay strings.
    private static func json(_ value: JSONValue) -> String {
        if case let .string(text) = value { return Lines.scalar(text) }
        return value.canonicalJSON
    }

    /// A YAML double-quoted scalar: every character as it is but `"`, `\` and control, line-separator and
    /// byte-order-mark characters, which are escaped. Any YAML reader gives back exactly `text`.
    public static func doubleQuoted(_ text: String) -> String {
        var quoted = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\n": quoted += "\\n"
            case "\t": quoted += "\\t"
            case "\r": quoted += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
                    || scalar.value == 0x2028 || scalar.value == 0x2029 || scalar.value == 0xFEFF
                {
                    quoted += "\\u" + String(format: "%04X", scalar.value)
                } else {
                    quoted.unicodeScalars.append(scalar)
                }
            }
        }
        return quoted + "\""
    }
}

/// Indented YAML lines with safe scalar quoting.
private struct Lines {
    private var lines: [String] = []

    var text: String { lines.joined(separator: "\n") + "\n" }

    mutating func raw(_ level: Int, _ text: String) {
        lines.append(String(repeating: "  ", count: level) + text)
    }

    mutating func key(_ level: Int, _ key: String) { raw(level, "\(key):") }

    mutating func line(_ level: Int, _ key: String, _ value: String?) {
        if let value { raw(level, "\(Lines.scalar(key)): \(Lines.scalar(value))") }
    }

    mutating func line(_ level: Int, _ key: String, _ value: Int) { raw(level, "\(key): \(value)") }

    mutating func line(_ level: Int, _ key: String, _ value: Bool) { raw(level, "\(key): \(value)") }

    mutating func values(_ level: Int, _ key: String, _ values: [String]) {
        guard !values.isEmpty else { return }
        self.key(level, key)
        for value in values { raw(level + 1, "- \(Lines.scalar(value))") }
    }

    /// Writes `items` as a block list; `body` writes each item's keys at `level + 2`, the first joined to its dash.
    mutating func list<T>(_ level: Int, _ key: String, _ items: [T], _ body: (T, inout Lines) -> Void) {
        guard !items.isEmpty else { return }
        self.key(level, key)
        for item in items {
            var inner = Lines()
            body(item, &inner)
            let indent = String(repeating: "  ", count: level + 2)
            for (index, line) in inner.lines.enumerated() {
                let content = line.hasPrefix(indent) ? String(line.dropFirst(indent.count)) : line
                raw(level + 1, (index == 0 ? "- " : "  ") + content)
            }
        }
    }

    /// A scalar, plain when that is unambiguous for any YAML reader, double-quoted otherwise.
    static func scalar(_ text: String) -> String {
        let reserved: Set<String> = [
            "", "~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE", "yes", "Yes", "YES",
            "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF", "y", "Y", "n", "N",
        ]
        let safe = text.unicodeScalars.allSatisfy { scalar in
            scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                || " ._/@+-():,'".unicodeScalars.contains(scalar)
                || scalar.properties.generalCategory == .nonspacingMark
        }
        let looksNumeric = text.first.map { $0.isNumber || "-+.,@:'(".contains($0) } ?? true
        let plain =
            safe && !reserved.contains(text) && !looksNumeric && !text.hasPrefix(" ") && !text.hasSuffix(" ")
            && !text.contains(": ") && !text.hasSuffix(":") && !text.hasPrefix("'") && !text.contains(" #")
        return plain ? text : YAMLWriter.doubleQuoted(text)
    }
}
