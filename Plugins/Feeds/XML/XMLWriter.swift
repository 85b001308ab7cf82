/// Writes an indented XML document into a byte buffer, escaping text and attribute values.
///
/// Feeds only ever write elements, attributes and text, with names the code spells out, so a writer this small is
/// enough, and it costs a fraction of a C writer's per-call overhead: a 2,000-session RSS feed is about 40,000
/// calls. Element content escapes `&`, `<`, `>`, `"` and CR; attribute values also TAB and LF, so that a parser
/// gives them back as written. Characters XML 1.0 forbids are dropped first (see `clean`).
///
/// The layout: two spaces a level, an element holding only text on one line, an empty element as `<name/>`.
struct XMLWriter {
    private var bytes: [UInt8] = []
    private var open: [String] = []
    /// `<name attributes` is written and its `>` is not.
    private var startTagOpen = false
    /// The default namespace of the element whose start tag is open, declared after its attributes.
    private var namespace: String?
    /// Whether the next end tag goes on a line of its own (false right after text).
    private var endOnNewLine = true

    /// Starts a document (`<?xml version="1.0" encoding="UTF-8"?>`), indented for people reading it. `capacity` is
    /// the size expected, in bytes: a megabyte feed grown from a small buffer is copied at every doubling.
    init(capacity: Int = 64 * 1024) {
        bytes.reserveCapacity(capacity)
        append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
    }

    /// Opens an element; `namespace` declares the default namespace (give it on the root only).
    mutating func start(_ name: String, namespace: String? = nil) {
        if startTagOpen {
            closeStartTag()
            bytes.append(UInt8(ascii: "\n"))
        }
        open.append(name)
        indent()
        bytes.append(UInt8(ascii: "<"))
        append(name)
        startTagOpen = true
        self.namespace = namespace
    }

    /// Opens `prefix:name` of a namespace declared on the root.
    mutating func start(prefix: String, _ name: String) {
        start(prefix + ":" + name)
    }

    mutating func attribute(_ name: String, _ value: String) {
        precondition(startTagOpen, "an attribute belongs to a start tag")
        bytes.append(UInt8(ascii: " "))
        append(name)
        append("=\"")
        escape(value, inAttribute: true)
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func text(_ value: String) {
        if startTagOpen { closeStartTag() }
        escape(value, inAttribute: false)
        endOnNewLine = false
    }

    mutating func end() {
        guard let name = open.last else { preconditionFailure("no element is open") }
        if startTagOpen {
            writeNamespace()
            append("/>")
            startTagOpen = false
        } else {
            if endOnNewLine { indent() }
            append("</")
            append(name)
            bytes.append(UInt8(ascii: ">"))
        }
        endOnNewLine = true
        bytes.append(UInt8(ascii: "\n"))
        open.removeLast()
    }

    /// `<name>text</name>`.
    mutating func element(_ name: String, _ value: String) {
        start(name)
        text(value)
        end()
    }

    /// Closes what is open and returns the document.
    mutating func finish() -> String {
        while !open.isEmpty { end() }
        return String(decoding: bytes, as: UTF8.self)
    }

    private mutating func closeStartTag() {
        writeNamespace()
        bytes.append(UInt8(ascii: ">"))
        startTagOpen = false
    }

    private mutating func writeNamespace() {
        guard let namespace else { return }
        append(" xmlns=\"")
        escape(namespace, inAttribute: true)
        bytes.append(UInt8(ascii: "\""))
        self.namespace = nil
    }

    private mutating func indent() {
        for _ in 1..<open.count { append("  ") }
    }

    private mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// Appends `value` escaped, copying the runs between characters that need a reference in one go. A value that
    /// holds a character XML forbids (rare) is taken back and written cleaned (see `clean`).
    private mutating func escape(_ value: String, inAttribute: Bool, cleaned: Bool = false) {
        let needsReference = inAttribute ? Self.attributeReferences : Self.textReferences
        let written = bytes.count
        var value = value
        let isClean = value.withUTF8 { utf8 in
            var runStart = 0
            for index in utf8.indices {
                let byte = utf8[index]
                if byte >= 0x7F {
                    if !cleaned, Self.isForbidden(byte, after: index > 0 ? utf8[index - 1] : 0) { return false }
                    continue
                }
                guard byte < 64, needsReference & (1 << byte) != 0 else { continue }
                if !cleaned, Self.forbidden & (1 << byte) != 0 { return false }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                Self.reference(for: byte).withUTF8Buffer { bytes.append(contentsOf: $0) }
                runStart = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
            return true
        }
        guard !isClean else { return }
        bytes.removeSubrange(written...)
        escape(Self.clean(value), inAttribute: inAttribute, cleaned: true)
    }

    /// The bytes written as references in element content, one bit each: `&`, `<`, `>`, `"` and CR; and the C0
    /// controls XML forbids (all but TAB, LF and CR), which `clean` drops.
    private static let textReferences: UInt64 = 1 << 0x26 | 1 << 0x3C | 1 << 0x3E | 1 << 0x22 | 1 << 0x0D | forbidden
    /// In attribute values, TAB and LF too (a parser would read them as spaces).
    private static let attributeReferences: UInt64 = textReferences | 1 << 0x09 | 1 << 0x0A
    private static let forbidden: UInt64 = ((1 << 0x20) - 1) & ~(1 << 0x09 | 1 << 0x0A | 1 << 0x0D)

    private static func reference(for byte: UInt8) -> StaticString {
        switch byte {
        case UInt8(ascii: "&"): "&amp;"
        case UInt8(ascii: "<"): "&lt;"
        case UInt8(ascii: ">"): "&gt;"
        case UInt8(ascii: "\""): "&quot;"
        case UInt8(ascii: "\r"): "&#13;"
        case UInt8(ascii: "\n"): "&#10;"
        case UInt8(ascii: "\t"): "&#9;"
        default: ""  // A control XML forbids: never asked for, the value is cleaned instead.
        }
    }

    /// Whether a byte from 0x7F up starts or ends a character `clean` drops: DEL; a C1 control (`C2 80`–`C2 9F`);
    /// U+FFFE or U+FFFF (`EF BF BE`, `EF BF BF`). (Surrogates cannot occur in a Swift string.) The last test also
    /// catches U+1FFFE and the like, which `clean` keeps: such a value just takes the slow way.
    private static func isForbidden(_ byte: UInt8, after previous: UInt8) -> Bool {
        byte == 0x7F || (previous == 0xC2 && byte <= 0x9F) || (previous == 0xBF && byte >= 0xBE)
    }

    /// Keeps only the characters XML 1.0 allows (and drops DEL and C1 controls, which it allows but nobody means).
    static func clean(_ value: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in value.unicodeScalars {
            let code = scalar.value
            let allowed =
                code == 0x9 || code == 0xA || code == 0xD
                || (0x20...0xD7FF).contains(code)
                    && !(0x7F...0x9F).contains(code)
                || (0xE000...0xFFFD).contains(code) || code >= 0x10000
            if allowed { result.append(scalar) }
        }
        return String(result)
    }
}
