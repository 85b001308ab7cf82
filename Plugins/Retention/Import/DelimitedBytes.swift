import Foundation

/// ``DelimitedRecords/split(_:)`` read byte by byte (UTF-8): what separates fields and records (the delimiter,
/// quotes, line ends) is ASCII, so the bytes between can be copied whole instead of compared character by
/// character, and a field is trimmed of spaces and tabs without Foundation. An export of thousands of rows spent
/// most of its reading time there.
///
/// It reads as the character-by-character reader does, with one exception it refuses (nil) for that reader to
/// handle: a comma, semicolon or quote that Unicode joins with the character before or after it into one
/// character (a combining accent written right after a comma), which that reader does not see as a separator.
enum DelimitedBytes {
    static func split(_ text: String, delimiter: Character) throws(AttendanceFileError) -> [DelimitedRecord]? {
        guard let separator = delimiter.asciiValue else { return nil }
        var text = text
        let read = text.withUTF8 { bytes -> Result<[DelimitedRecord]?, AttendanceFileError> in
            if joinsSeparator(bytes, separator) { return .success(nil) }
            return Result { () throws(AttendanceFileError) in try records(bytes, separator) }.map { $0 }
        }
        return try read.get()
    }

    private static let quote = UInt8(ascii: "\"")
    private static let carriageReturn = UInt8(ascii: "\r")
    private static let lineFeed = UInt8(ascii: "\n")

    private static func records(
        _ bytes: UnsafeBufferPointer<UInt8>, _ separator: UInt8
    ) throws(AttendanceFileError) -> [DelimitedRecord] {
        var records: [DelimitedRecord] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1
        var recordLine = 1
        var quoted = false
        var quoteLine = 1
        var index = 0
        let count = bytes.count
        func endField() {
            fields.append(trimmed(field))
            field.removeAll(keepingCapacity: true)
        }
        func endRecord() {
            endField()
            records.append(DelimitedRecord(line: recordLine, fields: fields))
            fields = []
        }
        while index < count {
            let byte = bytes[index]
            if quoted {
                if byte == quote {
                    if index + 1 < count, bytes[index + 1] == quote {
                        field.append(quote)
                        index += 2
                    } else {
                        quoted = false
                        index += 1
                    }
                    continue
                }
                // Line breaks inside quotes are kept, and counted as `Character.isNewline` counts them.
                let length = newlineLength(bytes, at: index)
                if length > 0 {
                    line += 1
                    field.append(contentsOf: bytes[index..<(index + length)])
                    index += length
                } else {
                    field.append(byte)
                    index += 1
                }
                continue
            }
            if byte == quote, isBlank(field) {
                quoted = true
                quoteLine = line
                field.removeAll(keepingCapacity: true)
                index += 1
            } else if byte == separator {
                endField()
                index += 1
            } else if byte == carriageReturn || byte == lineFeed {
                endRecord()
                line += 1
                recordLine = line
                index += byte == carriageReturn && index + 1 < count && bytes[index + 1] == lineFeed ? 2 : 1
            } else {
                field.append(byte)
                index += 1
            }
        }
        if quoted { throw .unbalancedQuote(line: quoteLine) }
        if !field.isEmpty || !fields.isEmpty { endRecord() }
        return records
    }

    /// The length of the line break at `index` as `Character.isNewline` sees it (CR LF, LF, VT, FF, CR, NEL, LS,
    /// PS), or 0.
    private static func newlineLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        switch bytes[index] {
        case carriageReturn: return index + 1 < bytes.count && bytes[index + 1] == lineFeed ? 2 : 1
        case lineFeed, 0x0B, 0x0C: return 1
        case 0xC2: return index + 1 < bytes.count && bytes[index + 1] == 0x85 ? 2 : 0
        case 0xE2:
            return index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] & 0xFE) == 0xA8 ? 3 : 0
        default: return 0
        }
    }

    /// The field as text, without the spaces and tabs around it (`trimmingCharacters(in: .whitespaces)`, which
    /// decides when an end is not ASCII).
    private static func trimmed(_ field: [UInt8]) -> String {
        var start = 0
        var end = field.count
        while start < end, field[start] == 0x20 || field[start] == 0x09 { start += 1 }
        while end > start, field[end - 1] == 0x20 || field[end - 1] == 0x09 { end -= 1 }
        let text = String(decoding: field[start..<end], as: UTF8.self)
        guard start < end, field[start] >= 0x80 || field[end - 1] >= 0x80 else { return text }
        return text.trimmingCharacters(in: .whitespaces)
    }

    /// Whether the field read so far is only spaces (a quote then opens a quoted field).
    private static func isBlank(_ field: [UInt8]) -> Bool {
        if field.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return true }
        guard field.contains(where: { $0 >= 0x80 }) else { return false }
        return String(decoding: field, as: UTF8.self).trimmingCharacters(in: .whitespaces).isEmpty
    }

    /// Whether a separator (the delimiter or a quote) shares a character with a non-ASCII neighbour: Unicode
    /// joins combining marks to the character before them, and a few signs (prepended concatenation marks) to the
    /// one after. Line ends and tabs never join (they are control characters).
    private static func joinsSeparator(_ bytes: UnsafeBufferPointer<UInt8>, _ separator: UInt8) -> Bool {
        let count = bytes.count
        var index = 0
        while index < count {
            let byte = bytes[index]
            if byte == separator || byte == quote {
                if index + 1 < count, bytes[index + 1] >= 0x80, joins(bytes, separatorAt: index, scalarAt: index + 1) {
                    return true
                }
                if index > 0, bytes[index - 1] >= 0x80 {
                    var start = index - 1
                    while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
                    if joins(bytes, separatorAt: index, scalarAt: start) { return true }
                }
            }
            index += 1
        }
        return false
    }

    /// Whether the separator at `separator` and the scalar starting at `scalar` (just before or after it) make one
    /// character.
    private static func joins(_ bytes: UnsafeBufferPointer<UInt8>, separatorAt separator: Int, scalarAt scalar: Int)
        -> Bool
    {
        var end = scalar + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        let pair =
            scalar < separator
            ? Array(bytes[scalar..<end]) + [bytes[separator]] : [bytes[separator]] + Array(bytes[scalar..<end])
        return String(decoding: pair, as: UTF8.self).count == 1
    }
}
