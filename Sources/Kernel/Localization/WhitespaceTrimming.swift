extension Substring {
    /// The text without tabs and Unicode space separators at either end: what Foundation's
    /// `trimmingCharacters(in: .whitespaces)` gives, read from the Unicode scalars without that call's round trip
    /// through `NSString`, which made reading the PO catalogues most of the server's start-up (half a second of CPU).
    func trimmingWhitespaces() -> String {
        trimming(where: Self.isSpace)
    }

    /// The text without white space or line breaks at either end: what Foundation's
    /// `trimmingCharacters(in: .whitespacesAndNewlines)` gives, without its round trip through `NSString` (4% of the
    /// Swift side of a case-study search, for a query of a few words).
    public func trimmingWhitespacesAndNewlines() -> String {
        trimming { Self.isSpace($0) || Self.isNewline($0) }
    }

    private func trimming(where isTrimmed: (Unicode.Scalar) -> Bool) -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !isTrimmed($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isTrimmed($0) }) ?? first
        return String(Substring(scalars[first...last]))
    }

    /// The scalars of `CharacterSet.whitespaces` (`WhitespaceTrimmingTests` checks every one of the first 64k against it).
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x20, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// The scalars `CharacterSet.whitespacesAndNewlines` holds beyond `CharacterSet.whitespaces`.
    static func isNewline(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: true
        default: false
        }
    }
}

extension String {
    /// ``Substring/trimmingWhitespaces()`` of the whole string.
    func trimmingWhitespaces() -> String {
        self[...].trimmingWhitespaces()
    }

    /// ``Substring/trimmingWhitespacesAndNewlines()`` of the whole string.
    public func trimmingWhitespacesAndNewlines() -> String {
        self[...].trimmingWhitespacesAndNewlines()
    }
}
