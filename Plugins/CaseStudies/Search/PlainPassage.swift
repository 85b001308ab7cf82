/// Most snippets are prose with no Markdown in them: for those, ``SnippetText/plain(_:)`` is the passage with its
/// white space made single spaces, and this finds that out without rendering it (rendering was a third of a search
/// answered over HTTP).
///
/// A passage qualifies when the renderer could only copy it: no character it reads as syntax anywhere (`\\`, `` ` ``,
/// `*`, `_`, `[`, `]`, `<`, `>`, `#`, `~`, NUL), and no line starting with a list marker or a digit (`-`, `+`, `1.`).
/// Escaping and unescaping `&`, `"` and `'` give them back unchanged. Of the edge rules (``SnippetEdges``), only an
/// address's tail at the start can apply without brackets, backticks or emphasis, so a passage holding `)` is tidied.
///
/// The long way reads the rendered HTML as grapheme clusters, so a combining mark at the start of a line joins the
/// tag before it, and a prepended sign at the end of one joins the tag after it; a passage where that could happen,
/// or where a mark sits on white space or on a character written as a reference (`&`, `"`, `'`), takes the long way
/// too, as does a character Swift holds equal to a syntax character (U+1FEF is a backtick to it). `SnippetTextTests`
/// holds the two ways equal on generated passages and on the counterexamples a review found.
enum PlainPassage {
    /// The passage as plain text on one line, or `nil` when it needs rendering.
    static func text(of marked: String) -> String? {
        guard bytesNeedNoRendering(marked) else { return nil }
        if let text = simpleText(of: marked) { return text }
        var lineStart = true
        var lastVisible: Character?  // on this line: a hard break's tag follows it, past trailing spaces
        for character in marked {
            let breaksLine = character == "\n" || character == "\r" || character == "\r\n"
            if lineStart, !breaksLine, joinsTagBefore(character) { return nil }
            if breaksLine, let lastVisible, joinsTagAfter(lastVisible) { return nil }
            // U+1FEF is a backtick to Swift's comparison (canonically equivalent), and so to the renderer.
            if !character.isASCII, syntax.contains(character) { return nil }
            if character.unicodeScalars.count > 1, character != "\r\n",
                character.unicodeScalars.contains(where: { escapesAsReference($0) || $0.properties.isWhitespace })
            {
                return nil
            }
            lineStart = breaksLine
            if breaksLine {
                lastVisible = nil
            } else if !character.isWhitespace {
                lastVisible = character
            }
        }
        if let lastVisible, joinsTagAfter(lastVisible) { return nil }
        // The address rule reads the passage as it reads the rendered text: only white space differs between them.
        return SnippetText.line(marked, tidyingEdges: marked.utf8.contains(UInt8(ascii: ")")))
    }

    /// The passage on one line when each of its characters is one scalar that never joins another: ASCII, match
    /// markers, Latin letters with their accents built in (é, ọ, ş), and the dashes, quotes and ellipsis of general
    /// punctuation. White space can then be read byte by byte. `nil` for any other passage (a combining mark, another
    /// script, a no-break space), which ``text(of:)`` reads as characters.
    private static func simpleText(of marked: String) -> String? {
        var copy = marked
        guard let out = copy.withUTF8({ simpleBytes(of: $0) }) else { return nil }
        let text = String(decoding: out, as: UTF8.self)
        // Already on one line; the address rule may still take a first word.
        return out.contains(UInt8(ascii: ")")) ? SnippetText.line(text, tidyingEdges: true) : text
    }

    /// ``simpleText(of:)``'s bytes.
    private static func simpleBytes(of bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var pendingSpace = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if isWhiteSpace(byte) {
                pendingSpace = true
                index += 1
                continue
            }
            if pendingSpace, !out.isEmpty { out.append(UInt8(ascii: " ")) }
            pendingSpace = false
            if byte < 0x80 {
                out.append(byte)
                index += 1
                continue
            }
            let length = byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
            guard index + length <= bytes.count, standsAlone(bytes, at: index, length: length) else { return nil }
            for offset in index..<index + length { out.append(bytes[offset]) }
            index += length
        }
        return out
    }

    /// Whether the scalar of `length` UTF-8 bytes at `index` is one ``simpleText(of:)`` takes: a character of its
    /// own, whatever is around it, and not white space.
    static func standsAlone(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, length: Int) -> Bool {
        var value = UInt32(bytes[index] & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07))
        for offset in index + 1..<index + length { value = value << 6 | UInt32(bytes[offset] & 0x3F) }
        switch value {
        case SearchMarkers.open.value, SearchMarkers.close.value: return true
        case 0xA1...0xAC, 0xAE...0x24F: return true  // Latin-1 and Latin Extended, without the soft hyphen
        case 0x1E00...0x1EFF: return true  // Latin Extended Additional
        case 0x2010...0x2027: return true  // dashes, quotes, bullets, the ellipsis
        default: return false
        }
    }

    /// No byte the renderer reads as syntax, and no line starting (after spaces and tabs) with `-`, `+` or a digit.
    private static func bytesNeedNoRendering(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { bytesNeedNoRendering($0) }
    }

    private static func bytesNeedNoRendering(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var lineStart = true
        for byte in bytes {
            switch role(of: byte) {
            case .syntax: return false
            case .lineBreak: lineStart = true
            case .blank: break
            case .listMarker: if lineStart { return false }
            case .other: lineStart = false
            }
        }
        return true
    }

    /// Whether a byte is white space that the one-line text makes one space of (tab to carriage return, space).
    @inline(__always)
    static func isWhiteSpace(_ byte: UInt8) -> Bool {
        (0x09...0x0D).contains(byte) || byte == UInt8(ascii: " ")
    }

    /// What a byte is to the renderer, for ``bytesNeedNoRendering(_:)`` and ``html(of:)``.
    enum ByteRole {
        /// A character it reads as syntax anywhere, or NUL.
        case syntax
        /// `\n` or `\r`: the next byte starts a line.
        case lineBreak
        /// A space or a tab: a line still starts after it.
        case blank
        /// `-`, `+` or a digit: a list's marker at the start of a line.
        case listMarker
        /// Anything else.
        case other
    }

    @inline(__always)
    static func role(of byte: UInt8) -> ByteRole {
        switch byte {
        case 0, UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "["),
            UInt8(ascii: "]"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "#"), UInt8(ascii: "~"):
            .syntax
        case UInt8(ascii: "\n"), UInt8(ascii: "\r"): .lineBreak
        case UInt8(ascii: " "), UInt8(ascii: "\t"): .blank
        case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "0")...UInt8(ascii: "9"): .listMarker
        default: .other
        }
    }

    /// `&`, `"` and `'` are written as references; with a mark joined to one, the long way does not find the
    /// reference again to undo it.
    private static func escapesAsReference(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "&" || scalar == "\"" || scalar == "'"
    }

    /// The characters the renderer reads as syntax, or that mean something at the start of a line or to the edge
    /// rules: a character equal to one of them (canonically) must take the long way.
    private static let syntax: Set<Character> = Set("\\`*_[]<>#~-+()&\"'0123456789")

    /// Whether `character` joins the `>` of a tag written before it (a mark, an emoji modifier, a spacing vowel):
    /// asked of Swift's own grapheme breaking, which is what the long way's reading of the HTML uses.
    private static func joinsTagBefore(_ character: Character) -> Bool {
        !character.isASCII && (">" + String(character)).count == 1
    }

    /// Whether `character` joins the `<` of a tag written after it (a prepended sign such as U+0600).
    private static func joinsTagAfter(_ character: Character) -> Bool {
        !character.isASCII && (String(character) + "<").count == 1
    }
}
