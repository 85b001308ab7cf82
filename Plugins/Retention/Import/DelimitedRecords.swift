import Foundation

/// One line of a delimited export, split into trimmed fields, with the line it starts on.
struct DelimitedRecord: Equatable {
    let line: Int
    let fields: [String]

    var isBlank: Bool { fields.allSatisfy(\.isEmpty) }
}

/// Splits export text into records: comma, semicolon or tab separated, quoted fields with doubled quotes and line
/// breaks inside, CRLF or LF line ends.
enum DelimitedRecords {
    static func split(_ text: String) throws(AttendanceFileError) -> [DelimitedRecord] {
        let delimiter = detectDelimiter(text)
        if let records = try DelimitedBytes.split(text, delimiter: delimiter) { return records }
        return try splitByCharacter(text, delimiter: delimiter)
    }

    /// The reader character by character: for the rare file ``DelimitedBytes`` leaves to it, and the reference its
    /// tests compare with.
    static func splitByCharacter(_ text: String, delimiter: Character) throws(AttendanceFileError)
        -> [DelimitedRecord]
    {
        var records: [DelimitedRecord] = []
        var fields: [String] = []
        var field = ""
        var line = 1
        var recordLine = 1
        var quoted = false
        var quoteLine = 1
        var characters = text.makeIterator()
        var pending: Character? = nil
        func endField() {
            fields.append(field.trimmingCharacters(in: .whitespaces))
            field = ""
        }
        func endRecord() {
            endField()
            records.append(DelimitedRecord(line: recordLine, fields: fields))
            fields = []
        }
        while let character = pending ?? characters.next() {
            pending = nil
            if quoted {
                if character == "\"" {
                    let next = characters.next()
                    if next == "\"" {
                        field.append("\"")
                    } else {
                        quoted = false
                        pending = next
                    }
                } else {
                    if character.isNewline { line += 1 }
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"" where field.trimmingCharacters(in: .whitespaces).isEmpty:
                quoted = true
                quoteLine = line
                field = ""
            case delimiter:
                endField()
            case "\r\n", "\n", "\r":
                endRecord()
                line += 1
                recordLine = line
            default:
                field.append(character)
            }
        }
        if quoted { throw .unbalancedQuote(line: quoteLine) }
        if !field.isEmpty || !fields.isEmpty { endRecord() }
        return records
    }

    /// The delimiter that splits the most likely header line into the most fields (tab, then semicolon, then comma
    /// on ties). Header lines hold no commas of their own, unlike the dates in Teams rows ("6/30/23, 1:58 PM").
    static func detectDelimiter(_ text: String) -> Character {
        // The first 60 lines, without splitting the rest of the file.
        let lines = text.split(maxSplits: 60, whereSeparator: \.isNewline).prefix(60)
        let header =
            lines.first { line in
                let lower = line.lowercased()
                return lower.contains("name") && (lower.contains("join") || lower.contains("duration"))
            } ?? lines.first ?? ""
        var best: Character = ","
        var bestCount = 0
        for candidate: Character in ["\t", ";", ","] where count(of: candidate, in: header) > bestCount {
            best = candidate
            bestCount = count(of: candidate, in: header)
        }
        return best
    }

    private static func count(of delimiter: Character, in line: Substring) -> Int {
        var inQuotes = false
        var count = 0
        for character in line {
            if character == "\"" { inQuotes.toggle() } else if character == delimiter, !inQuotes { count += 1 }
        }
        return count
    }
}
