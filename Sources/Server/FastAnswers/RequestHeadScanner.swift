/// A request head read straight from a connection's bytes, by a strict subset of HTTP/1.1's grammar (RFC 9112):
/// `method SP origin-form-target SP HTTP/1.x CRLF`, then `name: value CRLF` lines, then `CRLF`.
///
/// Whatever this subset accepts, NIO's parser (llhttp) reads the same way and ends at the same byte, so a head it
/// passes on is delimited exactly. Everything else (bare LF or CR, folded lines, leading empty lines, control bytes,
/// a target that is not a path) is ``RequestHeadScanner/Result/unreadable``: the connection's later bytes then go
/// to NIO's parser untouched, which answers them or refuses them as it always does.
struct RawRequestHead {
    let method: String
    /// The request target as sent: a path, with its query if any.
    let target: String
    let isHTTP11: Bool
    /// Every field, its name in lower case, in the order sent.
    let fields: [(name: String, value: String)]
    /// How many bytes the head takes, its final empty line included.
    let length: Int

    /// The field's value, several lines of one name joined with `, ` as `HTTPFields` joins them; `nil` if absent.
    func value(of name: String) -> String? {
        var joined: String?
        for field in fields where field.name == name {
            joined = joined.map { $0 + ", " + field.value } ?? field.value
        }
        return joined
    }

    /// Whether a line of `name` was sent.
    func has(_ name: String) -> Bool { fields.contains { $0.name == name } }

    /// Whether the request ends with its head: no `Transfer-Encoding`, and no `Content-Length` but `0`.
    var isBodiless: Bool {
        !has("transfer-encoding") && fields.allSatisfy { $0.name != "content-length" || $0.value == "0" }
    }

    /// A bodiless `GET` or `HEAD` over HTTP/1.1 that asks nothing of the connection (no `Upgrade`, no `Connection`
    /// but `keep-alive`, which HTTP/1.1 does anyway): the connection goes on as it was after it, so the requests
    /// behind it are read the same way.
    var leavesConnectionAsItWas: Bool {
        (method == "GET" || method == "HEAD") && isHTTP11 && isBodiless && onlyKeepsAlive && !has("upgrade")
    }

    /// Whether every `Connection` line (if any) says just `keep-alive`: many clients send it (URLSession, curl-based
    /// and older browsers' stacks), and on HTTP/1.1 it changes nothing.
    var onlyKeepsAlive: Bool {
        fields.allSatisfy { $0.name != "connection" || Self.isKeepAlive($0.value) }
    }

    /// Whether a `Connection` value is the token `keep-alive` alone, in any ASCII case (and nothing else: no list,
    /// no spaces, no character that merely lower-cases to an ASCII letter).
    static func isKeepAlive(_ value: String) -> Bool {
        let token = "keep-alive".utf8
        // Setting bit 5 folds ASCII letters only; the hyphen must be itself (a CR would fold to it).
        return value.utf8.count == token.count
            && zip(value.utf8, token).allSatisfy { $1 == UInt8(ascii: "-") ? $0 == $1 : $0 | 0x20 == $1 }
    }
}

enum RequestHeadScanner {
    enum Result {
        /// The head has not all arrived.
        case incomplete
        /// Outside the subset (or longer than the limit): leave these bytes to NIO's parser.
        case unreadable
        case head(RawRequestHead)
    }

    private static let cr = UInt8(ascii: "\r")
    private static let lf = UInt8(ascii: "\n")
    private static let space = UInt8(ascii: " ")
    private static let tab = UInt8(ascii: "\t")
    private static let colon = UInt8(ascii: ":")

    /// Reads the head at the start of `bytes`; a head longer than `limit` bytes is unreadable.
    static func scan(_ bytes: UnsafeRawBufferPointer, limit: Int = 16_384) -> Result {
        guard let end = headEnd(bytes, limit: limit) else {
            return bytes.count > limit ? .unreadable : .incomplete
        }
        // Lines end with CR LF (the last one's is the first half of the head's end); no other CR or LF may appear.
        var lines: [Range<Int>] = []
        var start = 0
        var index = 0
        while index < end + 2 {
            let byte = bytes[index]
            if byte == cr {
                guard bytes[index + 1] == lf else { return .unreadable }
                lines.append(start..<index)
                index += 2
                start = index
                continue
            }
            if byte == lf { return .unreadable }
            index += 1
        }
        guard let requestLine = lines.first,
            let (method, target, isHTTP11) = self.requestLine(bytes, requestLine)
        else { return .unreadable }
        var fields: [(name: String, value: String)] = []
        fields.reserveCapacity(lines.count - 1)
        for line in lines.dropFirst() {
            guard let field = field(bytes, line) else { return .unreadable }
            fields.append(field)
        }
        return .head(
            RawRequestHead(method: method, target: target, isHTTP11: isHTTP11, fields: fields, length: end + 4))
    }

    /// The index of the CR of the `CR LF CR LF` that ends the head, if it is within `limit` bytes.
    private static func headEnd(_ bytes: UnsafeRawBufferPointer, limit: Int) -> Int? {
        let count = min(bytes.count, limit)
        guard count >= 4 else { return nil }
        var index = 0
        while index <= count - 4 {
            if bytes[index + 3] != lf {
                // The byte 3 ahead is not the final LF: no end can start before the next position.
                index += 1
                continue
            }
            if bytes[index] == cr, bytes[index + 1] == lf, bytes[index + 2] == cr { return index }
            index += 1
        }
        return nil
    }

    private static let versionPrefix = Array("HTTP/1.".utf8)

    private static func requestLine(
        _ bytes: UnsafeRawBufferPointer, _ line: Range<Int>
    ) -> (String, String, Bool)? {
        // `method SP target SP HTTP/1.x`: the version takes the last 8 bytes, a single space before it.
        let versionStart = line.upperBound - 8
        guard line.count >= 12, let methodEnd = bytes[line].firstIndex(of: space), methodEnd < versionStart - 1
        else { return nil }
        let method = line.lowerBound..<methodEnd
        let target = (methodEnd + 1)..<(versionStart - 1)
        guard bytes[versionStart - 1] == space, !method.isEmpty, !target.isEmpty,
            bytes[versionStart..<(versionStart + 7)].elementsEqual(versionPrefix),
            bytes[versionStart + 7] == UInt8(ascii: "1") || bytes[versionStart + 7] == UInt8(ascii: "0"),
            bytes[method].allSatisfy(isTokenByte), bytes[target.lowerBound] == UInt8(ascii: "/"),
            bytes[target].allSatisfy({ $0 > 0x20 && $0 < 0x7F })
        else { return nil }
        return (
            String(decoding: bytes[method], as: UTF8.self), String(decoding: bytes[target], as: UTF8.self),
            bytes[versionStart + 7] == UInt8(ascii: "1")
        )
    }

    /// `name ":" OWS value`, the name a token, the value visible bytes, spaces and tabs (and obs-text). Spaces
    /// after the value are kept, as NIO's parser keeps them.
    private static func field(_ bytes: UnsafeRawBufferPointer, _ line: Range<Int>) -> (String, String)? {
        guard let colon = bytes[line].firstIndex(of: colon), colon > line.lowerBound,
            bytes[line.lowerBound..<colon].allSatisfy(isTokenByte)
        else { return nil }
        var start = colon + 1
        let end = line.upperBound
        while start < end, bytes[start] == space || bytes[start] == tab { start += 1 }
        guard bytes[start..<end].allSatisfy({ $0 >= 0x20 && $0 != 0x7F || $0 == tab }) else { return nil }
        let name = String(decoding: bytes[line.lowerBound..<colon], as: UTF8.self).lowercased()
        return (name, String(decoding: bytes[start..<end], as: UTF8.self))
    }

    /// RFC 9110 `tchar`.
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
            UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
            UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            true
        default: false
        }
    }
}
