import Foundation
import Kernel

/// The text of an attendance export, whatever encoding the platform or a spreadsheet saved it in.
///
/// Teams writes UTF-16 with a byte order mark; Zoom and Meet write UTF-8, with or without one; a file re-saved by
/// Excel in a Western locale is Windows-1252. The byte order mark decides; without one, NUL bytes reveal UTF-16.
struct ExportText {
    enum Encoding: String, Sendable {
        case utf8 = "UTF-8", utf16LittleEndian = "UTF-16LE", utf16BigEndian = "UTF-16BE", windows1252 = "Windows-1252"
    }

    let text: String
    let encoding: Encoding

    init(_ data: Data) throws(AttendanceFileError) {
        let bytes = [UInt8](data.prefix(4))
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            (text, encoding) = try Self.decode(data.dropFirst(3), as: .utf8)
        } else if bytes.starts(with: [0xFF, 0xFE]) {
            (text, encoding) = try Self.decode(data.dropFirst(2), as: .utf16LittleEndian)
        } else if bytes.starts(with: [0xFE, 0xFF]) {
            (text, encoding) = try Self.decode(data.dropFirst(2), as: .utf16BigEndian)
        } else if bytes.count == 4, bytes[1] == 0, bytes[3] == 0, bytes[0] != 0 {
            (text, encoding) = try Self.decode(data, as: .utf16LittleEndian)
        } else if bytes.count == 4, bytes[0] == 0, bytes[2] == 0, bytes[1] != 0 {
            (text, encoding) = try Self.decode(data, as: .utf16BigEndian)
        } else if let text = String(data: data, encoding: .utf8) {
            (self.text, encoding) = (text, .utf8)
        } else if !data.contains(0), let text = String(data: data, encoding: .windowsCP1252) {
            (self.text, encoding) = (text, .windows1252)
        } else {
            throw .unreadable(
                line: Self.lineOfFirstInvalidUTF8(in: data), reason: FieldReason("is neither UTF-8 nor UTF-16 text"))
        }
        // No export writes NUL characters: they are what a cut-short download, a crashed save or a disk error leaves.
        // A NUL byte is always a character of its own (a control character): looking for the byte is enough.
        if text.utf8.contains(0), let nul = text.firstIndex(of: "\0") {
            let line = text[..<nul].reduce(1) { $1.isNewline ? $0 + 1 : $0 }
            throw .damaged(line: line)
        }
    }

    private static func decode(_ data: Data, as encoding: Encoding) throws(AttendanceFileError) -> (String, Encoding) {
        let foundation: String.Encoding =
            switch encoding {
            case .utf8: .utf8
            case .utf16LittleEndian: .utf16LittleEndian
            case .utf16BigEndian: .utf16BigEndian
            case .windows1252: .windowsCP1252
            }
        guard let text = String(data: Data(data), encoding: foundation) else {
            let line = encoding == .utf8 ? Self.lineOfFirstInvalidUTF8(in: Data(data)) : 1
            throw .unreadable(
                line: line, reason: FieldReason("is not valid {encoding} text", ["encoding": encoding.rawValue]))
        }
        return (text, encoding)
    }

    /// The 1-based line holding the first byte sequence that is not UTF-8.
    private static func lineOfFirstInvalidUTF8(in data: Data) -> Int {
        var line = 1
        var start = data.startIndex
        for index in data.indices where data[index] == 0x0A {
            if String(data: data[start..<index], encoding: .utf8) == nil { return line }
            line += 1
            start = index + 1
        }
        return line
    }
}
