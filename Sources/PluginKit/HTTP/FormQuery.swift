public import Hummingbird

/// A query string as HTML forms write it (`application/x-www-form-urlencoded`): `+` is a space and `%2B` a plus.
///
/// Hummingbird's `queryParameters` decodes percent escapes only, so a search typed into a form (`q=funnel+pibebo`)
/// would reach full-text search as `funnel+pibebo`, which FTS5 reads as the phrase "funnel pibebo".
public enum FormQuery {
    /// The parameters of `request`'s query string, in order, decoded as a form would have encoded them.
    public static func parameters(of request: Request) -> [(name: String, value: String)] {
        guard let query = request.uri.query, !query.isEmpty else { return [] }
        return query.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (
                name: decode(parts[0]), value: parts.count > 1 ? decode(parts[1]) : ""
            )
        }
    }

    /// The value of the last parameter called `name`, or `nil`.
    public static func value(_ name: String, in request: Request) -> String? {
        parameters(of: request).last { $0.name == name }?.value
    }

    /// `+` as a space, then percent escapes; a malformed escape is kept as it is.
    static func decode(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = Array(text.utf8)[...]
        while let byte = iterator.popFirst() {
            switch byte {
            case UInt8(ascii: "+"):
                bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                if iterator.count >= 2, let high = hex(iterator[iterator.startIndex]),
                    let low = hex(iterator[iterator.startIndex + 1])
                {
                    bytes.append(high << 4 | low)
                    iterator = iterator.dropFirst(2)
                } else {
                    bytes.append(byte)
                }
            default:
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
