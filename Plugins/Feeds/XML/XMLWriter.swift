import CLibXML2
import Foundation

/// Writes an XML document through libxml2's text writer, which escapes text and attributes.
///
/// libxml2 passes characters that XML 1.0 forbids straight through, so every string is cleaned first: only
/// TAB, LF, CR, U+0020–U+D7FF (less DEL and the C1 controls) and U+E000–U+FFFD, U+10000 and above remain.
/// A writer lives inside one render call; its C pointers never escape it.
final class XMLWriter {
    private let buffer: xmlBufferPtr
    private let writer: xmlTextWriterPtr

    /// Starts a document (`<?xml version="1.0" encoding="UTF-8"?>`), indented for people reading it.
    init() {
        buffer = xmlBufferCreate()
        writer = xmlNewTextWriterMemory(buffer, 0)
        xmlTextWriterSetIndent(writer, 1)
        Self.withXMLString("  ") { _ = xmlTextWriterSetIndentString(writer, $0) }
        xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil)
    }

    deinit {
        xmlBufferFree(buffer)
    }

    /// Opens an element; `namespace` declares the default namespace (give it on the root only).
    func start(_ name: String, namespace: String? = nil) {
        Self.withXMLString(name) { name in
            if let namespace {
                Self.withXMLString(namespace) { _ = xmlTextWriterStartElementNS(writer, nil, name, $0) }
            } else {
                _ = xmlTextWriterStartElement(writer, name)
            }
        }
    }

    /// Opens `prefix:name` of a namespace declared on the root.
    func start(prefix: String, _ name: String) {
        Self.withXMLString(prefix) { prefix in
            Self.withXMLString(name) { _ = xmlTextWriterStartElementNS(writer, prefix, $0, nil) }
        }
    }

    func attribute(_ name: String, _ value: String) {
        Self.withXMLString(name) { name in
            Self.withXMLString(Self.clean(value)) { _ = xmlTextWriterWriteAttribute(writer, name, $0) }
        }
    }

    func text(_ value: String) {
        Self.withXMLString(Self.clean(value)) { _ = xmlTextWriterWriteString(writer, $0) }
    }

    func end() {
        xmlTextWriterEndElement(writer)
    }

    /// `<name>text</name>`.
    func element(_ name: String, _ value: String) {
        start(name)
        text(value)
        end()
    }

    /// Closes what is open and returns the document.
    func finish() -> String {
        xmlTextWriterEndDocument(writer)
        xmlFreeTextWriter(writer)
        guard let content = xmlBufferContent(buffer) else { return "" }
        // The buffer knows its length: a megabyte feed is not measured again byte by byte.
        return String(decoding: UnsafeBufferPointer(start: content, count: Int(xmlBufferLength(buffer))), as: UTF8.self)
    }

    /// Keeps only the characters XML 1.0 allows (and drops DEL and C1 controls, which it allows but nobody means).
    static func clean(_ value: String) -> String {
        // Nearly every string is clean already: check the bytes before building a new one.
        var previous: UInt8 = 0
        var needsWork = false
        for byte in value.utf8 {
            if (byte < 0x20 && byte != 0x9 && byte != 0xA && byte != 0xD) || byte == 0x7F
                || (previous == 0xC2 && (0x80...0x9F).contains(byte)) || (previous == 0xBF && byte >= 0xBE)
            {
                needsWork = true
                break
            }
            previous = byte
        }
        guard needsWork else { return value }
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

    private static func withXMLString<T>(_ value: String, _ body: (UnsafePointer<xmlChar>) -> T) -> T {
        value.withCString { body(UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self)) }
    }
}
