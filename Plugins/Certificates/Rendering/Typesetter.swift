import CPangoCairo

/// Sets text with Pango on one cairo page: every script shaped, sizes in points, placed by baseline.
///
/// Names are set with `pango_layout_set_text`, never markup, so `&` and `<` print as themselves.
final class Typesetter {
    enum Face {
        case serif, serifBold, serifItalic
    }

    /// A laid-out block of text and the size it was set at.
    struct Block {
        let layout: OpaquePointer
        let size: Double
        var width: Double { Typesetter.extent(layout).width }
        var height: Double { Typesetter.extent(layout).height }
        var lineCount: Int { Int(pango_layout_get_line_count(layout)) }
    }

    // An explicit family list: Latin, Ge'ez, Arabic and Han each get a face made for them (without "CJK SC", Han
    // names may get the Japanese glyph forms). Symbola (Debian fonts-symbola) last: outline emoji and symbols,
    // which embed in a PDF like any other glyph.
    private static let serifFamilies =
        "Noto Serif,Noto Serif Ethiopic,Noto Naskh Arabic,Noto Serif CJK SC,Noto Sans,DejaVu Serif,DejaVu Sans,Symbola"

    private let cairo: OpaquePointer
    private let context: OpaquePointer
    private var layouts: [OpaquePointer] = []
    /// Whether ``Face/serifItalic`` slants. Arabic has no italic: Pango would slant the letters artificially, so a
    /// right-to-left certificate sets those lines upright.
    private let slantsItalic: Bool

    init(cairo: OpaquePointer, slantsItalic: Bool = true) {
        self.cairo = cairo
        self.slantsItalic = slantsItalic
        context = pango_cairo_create_context(cairo)
    }

    deinit {
        layouts.forEach(certificates_layout_free)
        certificates_context_free(context)
    }

    /// Lays out `text` on one line at `size`, or smaller (down to `minimum`) until it fits `width`.
    func line(_ text: String, _ face: Face, size: Double, width: Double, minimum: Double? = nil, spacing: Double = 0)
        -> Block
    {
        let layout = makeLayout(text, spacing: spacing)
        var size = size
        setFont(layout, face, size)
        while Self.extent(layout).width > width, size > (minimum ?? size) {
            size = max(minimum ?? size, size * 0.94)
            setFont(layout, face, size)
        }
        return Block(layout: layout, size: size)
    }

    /// Lays out `text` to fit `width` × `height`: first shrinking on one line down to `shrinkTo`, then wrapping
    /// and shrinking further. It never truncates or ellipsizes: a very long text just gets smaller.
    func fitted(_ text: String, _ face: Face, size: Double, shrinkTo: Double, width: Double, height: Double) -> Block {
        let layout = makeLayout(text)
        var size = size
        setFont(layout, face, size)
        while Self.extent(layout).width > width, size > shrinkTo {
            size = max(shrinkTo, size * 0.94)
            setFont(layout, face, size)
        }
        if Self.extent(layout).width > width {
            pango_layout_set_width(layout, Int32(width * Double(PANGO_SCALE)))
            pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
            // Re-measure after each step: wrapping changes with the size.
            while Self.extent(layout).height > height, size > 6 {
                size *= 0.94
                setFont(layout, face, size)
            }
        }
        return Block(layout: layout, size: size)
    }

    /// Draws `block` centred on `x`, with its first baseline at `baseline`.
    func draw(_ block: Block, centredOn x: Double, baseline: Double, colour: RGB) {
        draw(block, left: x - block.width / 2, baseline: baseline, colour: colour)
    }

    /// Draws `block` with its left edge at `left` and its first baseline at `baseline`.
    func draw(_ block: Block, left: Double, baseline: Double, colour: RGB) {
        let ascent = Double(pango_layout_get_baseline(block.layout)) / Double(PANGO_SCALE)
        var ink = PangoRectangle()
        var logical = PangoRectangle()
        pango_layout_get_extents(block.layout, &ink, &logical)
        cairo_set_source_rgb(cairo, colour.red, colour.green, colour.blue)
        cairo_move_to(cairo, left - Double(logical.x) / Double(PANGO_SCALE), baseline - ascent)
        pango_cairo_show_layout(cairo, block.layout)
    }

    /// How many characters of `block` no installed font covers.
    func unknownGlyphs(_ block: Block) -> Int {
        Int(pango_layout_get_unknown_glyphs_count(block.layout))
    }

    private func makeLayout(_ text: String, spacing: Double = 0) -> OpaquePointer {
        let layout = pango_layout_new(context)!
        layouts.append(layout)
        pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER)
        pango_layout_set_text(layout, text, -1)
        if spacing != 0 {
            let attributes = pango_attr_list_new()
            pango_attr_list_insert(attributes, pango_attr_letter_spacing_new(Int32(spacing * Double(PANGO_SCALE))))
            pango_layout_set_attributes(layout, attributes)
            pango_attr_list_unref(attributes)
        }
        return layout
    }

    private func setFont(_ layout: OpaquePointer, _ face: Face, _ size: Double) {
        let description = pango_font_description_new()
        defer { pango_font_description_free(description) }
        pango_font_description_set_family(description, Self.serifFamilies)
        if face == .serifBold { pango_font_description_set_weight(description, PANGO_WEIGHT_BOLD) }
        if face == .serifItalic, slantsItalic { pango_font_description_set_style(description, PANGO_STYLE_ITALIC) }
        pango_font_description_set_absolute_size(description, size * Double(PANGO_SCALE))
        pango_layout_set_font_description(layout, description)
    }

    static func extent(_ layout: OpaquePointer) -> (width: Double, height: Double) {
        var width: Int32 = 0
        var height: Int32 = 0
        pango_layout_get_size(layout, &width, &height)
        return (Double(width) / Double(PANGO_SCALE), Double(height) / Double(PANGO_SCALE))
    }
}
