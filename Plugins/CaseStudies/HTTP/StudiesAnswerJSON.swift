import Foundation
import Kernel

/// The JSON of `GET studies`, a search's hits (`{"items": [SearchHitView]}`) or a list by title (`{"items":
/// [StudySummaryView]}`), written byte by byte: exactly the bytes `JSONEncoder.stable()` gives for them
/// (`StudiesAnswerJSONTests` compares them on generated answers), at a fraction of the cost. Foundation's encoder,
/// with its sorted keys and boxed values, was a sixth of a search answered over HTTP and a third of a list of 50.
///
/// Keys are written in sorted order by hand: a field added to ``SearchHitView`` or ``StudySummaryView`` must be added
/// here too, or the test fails.
enum StudiesAnswerJSON {
    static func encode(_ hits: [SearchHitView]) -> [UInt8] {
        items(hits, bytesEach: 900, write)
    }

    static func encode(_ studies: [StudySummaryView]) -> [UInt8] {
        items(studies, bytesEach: 600, write)
    }

    private static func items<Item>(_ items: [Item], bytesEach: Int, _ write: (Item, inout [UInt8]) -> Void)
        -> [UInt8]
    {
        var out: [UInt8] = []
        out.reserveCapacity(items.count * bytesEach + 16)
        out.append(literal: #"{"items":["#)
        for (index, item) in items.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            write(item, &out)
        }
        out.append(literal: "]}")
        return out
    }

    private static func write(_ hit: SearchHitView, into out: inout [UInt8]) {
        out.append(literal: #"{"score":"#)
        out.append(number: hit.score)
        out.append(literal: #","snippetHTML":"#)
        out.append(string: hit.snippetHTML)
        out.append(literal: #","study":"#)
        write(hit.study, into: &out)
        out.append(literal: #","titleHTML":"#)
        out.append(string: hit.titleHTML)
        out.append(UInt8(ascii: "}"))
    }

    private static func write(_ study: StudySummaryView, into out: inout [UInt8]) {
        out.append(literal: #"{"consent":"#)
        out.append(string: study.consent)
        out.append(literal: #","country":"#)
        out.append(string: study.country)
        out.append(literal: #","id":"#)
        out.append(literal: String(study.id))
        out.append(literal: #","organizationId":"#)
        out.append(literal: String(study.organizationId))
        out.append(literal: #","origin":"#)
        out.append(string: study.origin)
        out.append(literal: #","sector":"#)
        out.append(string: study.sector)
        out.append(literal: #","slug":"#)
        out.append(string: study.slug)
        out.append(literal: #","summary":"#)
        out.append(string: study.summary)
        out.append(literal: #","title":"#)
        out.append(string: study.title)
        out.append(literal: #","topics":["#)
        for (index, topic) in study.topics.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(string: topic)
        }
        out.append(literal: #"],"updatedAt":""#)
        out.append(internetDate: study.updatedAt)
        out.append(literal: #"","version":"#)
        out.append(literal: String(study.version))
        out.append(literal: #","visibility":"#)
        out.append(string: study.visibility)
        out.append(UInt8(ascii: "}"))
    }
}

extension [UInt8] {
    fileprivate mutating func append(literal text: String) {
        append(contentsOf: text.utf8)
    }

    /// A JSON string as Foundation writes it: `"` and `\` escaped, `\b \f \n \r \t` by name, other control
    /// characters as `\u00XX`, everything else (slashes and non-ASCII characters included) as it is.
    fileprivate mutating func append(string text: String) {
        append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            // Bytes written as they are (nearly all) are copied a run at a time, from `copied` to the next that is not.
            var copied = 0
            for (index, byte) in bytes.enumerated()
            where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<index]))
                copied = index + 1
                switch byte {
                case UInt8(ascii: "\""): append(literal: "\\\"")
                case UInt8(ascii: "\\"): append(literal: "\\\\")
                case 0x08: append(literal: "\\b")
                case 0x0C: append(literal: "\\f")
                case UInt8(ascii: "\n"): append(literal: "\\n")
                case UInt8(ascii: "\r"): append(literal: "\\r")
                case UInt8(ascii: "\t"): append(literal: "\\t")
                default:
                    // `\u00` and two lower-case hex digits: the first is 0 or 1, the second 0-9 or a-f.
                    let low = byte & 0xF
                    append(literal: "\\u00")
                    append(UInt8(ascii: "0") + (byte >> 4))
                    append(low < 10 ? UInt8(ascii: "0") + low : UInt8(ascii: "a") + low - 10)
                }
            }
            append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...]))
        }
        append(UInt8(ascii: "\""))
    }

    /// A number as Foundation writes a `Double`: its shortest text, without a trailing `.0`.
    fileprivate mutating func append(number value: Double) {
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        append(literal: text)
    }

    /// `yyyy-MM-ddTHH:mm:ssZ` in UTC, whole seconds (the `.iso8601` date strategy).
    fileprivate mutating func append(internetDate date: Date) {
        let (days, second) = LocalDay.split(secondsSince1970: Int(date.timeIntervalSince1970.rounded(.down)))
        let day = LocalDay(daysSince1970: days)
        appendDigits(day.year, 4)
        append(UInt8(ascii: "-"))
        appendDigits(day.month, 2)
        append(UInt8(ascii: "-"))
        appendDigits(day.day, 2)
        append(UInt8(ascii: "T"))
        appendDigits(second / 3600, 2)
        append(UInt8(ascii: ":"))
        appendDigits(second / 60 % 60, 2)
        append(UInt8(ascii: ":"))
        appendDigits(second % 60, 2)
        append(UInt8(ascii: "Z"))
    }

    private mutating func appendDigits(_ value: Int, _ width: Int) {
        let text = String(value)
        append(contentsOf: repeatElement(UInt8(ascii: "0"), count: Swift.max(0, width - text.utf8.count)))
        append(literal: text)
    }
}
