public import Foundation

/// Speaks one language: translates messages from its catalogues and writes dates, times, numbers and percentages
/// the way its readers do. A message without a translation stays English (the catalogue check keeps that from
/// shipping).
///
/// Messages name their placeholders in braces, `{name}`, filled from `values`; a plural message's `{count}` is the
/// count, written in the language's digits.
public struct Localizer: Sendable {
    public let language: Language
    private let catalogues: [Catalogue]

    init(language: Language, catalogues: [Catalogue]) {
        self.language = language
        self.catalogues = catalogues
    }

    /// English, the source language: messages as written.
    public static let english = Localizer(language: .english, catalogues: [])

    /// The same language with the catalogues of `module` (`Plugins/retention`, `Sources/Kernel`) looked up first.
    ///
    /// Modules share one lookup, so the same English may mean different things in two of them ("Series" is a menu
    /// in the interface and a column in the retention dashboard; "Completed" a series' status and, in the report,
    /// the people who completed). Code of one module asks with its own catalogues first, so its words keep the
    /// meaning its translators gave them.
    public func preferring(module: String) -> Localizer {
        let prefix = module + "/"
        let own = catalogues.filter { $0.name.hasPrefix(prefix) }
        guard !own.isEmpty, own.count < catalogues.count else { return self }
        return Localizer(language: language, catalogues: own + catalogues.filter { !$0.name.hasPrefix(prefix) })
    }

    /// The same language with `plugin`'s catalogues looked up first: what the web interface and the report hand a
    /// plugin.
    public func preferring(_ plugin: PluginID) -> Localizer {
        preferring(module: plugin.catalogueModule)
    }

    /// `text` in this language, its `{placeholders}` filled from `values`.
    public func callAsFunction(_ text: String, context: String? = nil, _ values: [String: String] = [:]) -> String {
        fill(translation(of: text, context: context), values)
    }

    /// `text` in this language, its placeholders left to fill: what ``prepared(_:context:)`` keeps.
    func translation(of text: String, context: String?) -> String {
        let key = MessageKey(text, context: context)
        return entry(key)?.translations.first.flatMap { $0.isEmpty ? nil : $0 } ?? source(key.id)
    }

    /// `text` in this language as HTML, for a message that holds markup (`<em>`, `<a href="{link}">`): the
    /// translation's markup is kept (the catalogue check holds it to the English's tags) and each value is escaped.
    public func markup(_ text: String, context: String? = nil, _ values: [String: String] = [:]) -> HTML {
        HTML(trusted: callAsFunction(text, context: context, values.mapValues(HTML.escape)))
    }

    /// `template` (Mustache) with each `{{#t}}…{{/t}}` section replaced by the translation of its text, white space
    /// folded: how pages and e-mails mark what translators translate. A `{{placeholder}}` inside a section stays
    /// for the template to fill (and escape, in HTML).
    public func translatingSections(of template: String) -> String {
        var result = ""
        var rest = template[...]
        while let open = rest.range(of: "{{#t}}"), let close = rest[open.upperBound...].range(of: "{{/t}}") {
            result += rest[..<open.lowerBound]
            // The one call whose message is not a literal: the catalogue check reads the `{{#t}}` sections.
            result += callAsFunction(String(rest[open.upperBound..<close.lowerBound]))
            rest = rest[close.upperBound...]
        }
        return result + rest
    }

    /// The form of a message that varies with `count` (`one` and `other` are the English singular and plural).
    public func plural(
        _ one: String, _ other: String, count: Int, context: String? = nil, _ values: [String: String] = [:]
    ) -> String {
        let entry = entry(MessageKey(one, context: context))
        let index = language.plurals.form(for: count)
        let text =
            entry.flatMap {
                index < $0.translations.count && !$0.translations[index].isEmpty ? $0.translations[index] : nil
            }
            ?? source(MessageKey.folded(count == 1 ? one : other))
        return fill(text, values.merging(["count": number(count)]) { given, _ in given })
    }

    /// `value` with the language's digits and grouping.
    public func number(_ value: Int) -> String {
        value.formatted(.number.locale(language.locale))
    }

    /// The language's comma: `،` in Arabic.
    public var comma: String { language.comma }

    /// `items` apart by the language's comma: parts of one phrase, such as a zone and its offset.
    public func commaList(_ items: [String]) -> String {
        items.joined(separator: comma + " ")
    }

    /// `items` as one run of text, apart by the language's semicolon (`؛` in Arabic): titles, which may hold commas.
    public func semicolonList(_ items: [String]) -> String {
        items.joined(separator: language.semicolon + " ")
    }

    /// `fraction` (0.42) as a whole percentage (`42%`, `42 %` in French, `٤٢٪` in Arabic), or with up to
    /// `fractionDigits` decimals (0.833 → `83.3%`, `83,3 %`).
    public func percent(_ fraction: Double, fractionDigits: Int = 0) -> String {
        fraction.formatted(.percent.precision(.fractionLength(0...max(0, fractionDigits))).locale(language.locale))
    }

    /// A date formatter for `zone` in this language, from a template of fields (`yMMMEd`, `Hm`) the locale orders.
    public func dateFormatter(_ template: String, in zone: TimeZone) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = language.locale
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        formatter.calendar = calendar
        formatter.timeZone = zone
        formatter.setLocalizedDateFormatFromTemplate(template)
        return formatter
    }

    /// The zone's name as people know it in this language (`heure d’Afrique de l’Ouest`), or its identifier when
    /// the locale has no name for it.
    public func zoneName(_ zone: TimeZone) -> String {
        zone.localizedName(for: .generic, locale: language.locale) ?? zone.identifier
    }

    private func entry(_ key: MessageKey) -> Catalogue.Entry? {
        for catalogue in catalogues {
            if let entry = catalogue.entry(key) { return entry }
        }
        return nil
    }

    /// The English text, pseudo-localised when this is the pseudo-language.
    private func source(_ text: String) -> String {
        language == .pseudo ? PseudoLocalization.transform(text) : text
    }

    /// `text` with each `{name}` of `values` replaced (a `{{name}}` of a template is left for the template).
    ///
    /// In a right-to-left language, and wherever a value holds right-to-left letters, the value is isolated (FSI …
    /// PDI, Unicode's bidi isolates) so that a name such as `#ASKnet` or `أمينة` keeps its own direction and does
    /// not pull the punctuation around it.
    ///
    /// One pass over `text` in plain Swift: feeds word every entry this way, thousands a render, and Foundation's
    /// `replacingOccurrences` made that several times slower than the rendering itself.
    func fill(_ text: String, _ values: [String: String]) -> String {
        guard !values.isEmpty, text.contains("{") else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        Self.scanPlaceholders(text, literal: { result += $0 }) { name in
            guard let value = values[String(name)] else { return false }
            result += isolated(value)
            return true
        }
        return result
    }

    /// Reads `text` as messages are filled: runs of literal text, and `{name}` placeholders, each offered to
    /// `placeholder`, which takes it (true) or leaves it (false: its `{` is then literal and reading goes on just
    /// after it). A template's `{{name}}` is literal text, left for the template. ``fill(_:_:)`` and
    /// ``PreparedMessage`` read messages alike through it.
    static func scanPlaceholders(
        _ text: String, literal: (Substring) -> Void, placeholder: (Substring) -> Bool
    ) {
        // Braces are ASCII: searching the UTF-8 view is exact and skips grapheme breaking.
        let (openBrace, closeBrace) = (UInt8(ascii: "{"), UInt8(ascii: "}"))
        var rest = text[...]
        while let open = rest.utf8.firstIndex(of: openBrace) {
            literal(rest[..<open])
            let inside = rest.utf8.index(after: open)
            if inside < rest.endIndex, rest.utf8[inside] == openBrace, let end = rest[inside...].range(of: "}}") {
                literal(rest[open..<end.upperBound])  // a template's placeholder
                rest = rest[end.upperBound...]
            } else if let close = rest.utf8[inside...].firstIndex(of: closeBrace), placeholder(rest[inside..<close]) {
                rest = rest[rest.utf8.index(after: close)...]
            } else {
                literal("{")
                rest = rest[inside...]
            }
        }
        literal(rest)
    }

    /// `value` (a name, a title) isolated with FSI … PDI in a right-to-left language, or when it holds right-to-left
    /// letters: for text where `<bdi>` cannot go, such as the label of an `<option>`.
    ///
    /// A web address is never isolated: it reads left to right on its own, and a mark glued to its end would be
    /// taken for part of it by the programs that turn addresses in plain text into links (a join link that breaks).
    public func isolated(_ value: String) -> String {
        if Self.isWebAddress(value) { return value }
        let holdsRightToLeft =
            !value.utf8.allSatisfy { $0 < 0x80 } && value.unicodeScalars.contains(where: Self.isRightToLeft)
        return language.isRightToLeft || holdsRightToLeft ? "\u{2068}\(value)\u{2069}" : value
    }

    /// Whether `value` is one web address (`https://…`, `webcal://…`, `mailto:…`) and nothing else.
    private static func isWebAddress(_ value: String) -> Bool {
        // Most values start with none of these letters: they are answered without comparing strings.
        guard let first = value.utf8.first,
            first == UInt8(ascii: "h") || first == UInt8(ascii: "w") || first == UInt8(ascii: "m")
        else { return false }
        return
            (value.hasPrefix("https://") || value.hasPrefix("http://") || value.hasPrefix("webcal://")
            || value.hasPrefix("mailto:"))
            && !value.unicodeScalars.contains { $0.properties.isWhitespace }
    }

    /// Whether `scalar` is a letter of a right-to-left script (Hebrew, Arabic, Syriac, Thaana, N'Ko and their
    /// presentation forms).
    private static func isRightToLeft(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0590...0x08FF, 0xFB1D...0xFDFF, 0xFE70...0xFEFF, 0x10800...0x10FFF, 0x1E800...0x1EFFF: true
        default: false
        }
    }
}
