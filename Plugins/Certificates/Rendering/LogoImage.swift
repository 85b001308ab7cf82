import CPangoCairo
import Foundation
import Kernel

/// An organization's PNG logo, decoded by cairo from the bytes Indaba keeps, drawn scaled to a given height.
final class LogoImage {
    private let surface: OpaquePointer
    private let size: (width: Double, height: Double)

    /// Decodes PNG bytes.
    /// - Throws: ``RenderingError/logo(reason:)`` when they are not a PNG cairo can read.
    init(png: Data) throws {
        guard png.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else {
            throw RenderingError.logo(reason: FieldReason("it is not a PNG image"))
        }
        var reader = PNGReader(bytes: [UInt8](png))
        let surface = withUnsafeMutablePointer(to: &reader) { pointer in
            cairo_image_surface_create_from_png_stream(
                { closure, data, length in
                    let reader = closure!.assumingMemoryBound(to: PNGReader.self)
                    return reader.pointee.read(into: data!, count: Int(length))
                }, pointer)
        }
        let status = cairo_surface_status(surface)
        guard let surface, status == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(surface)
            throw RenderingError.logo(
                reason: FieldReason(english: String(cString: cairo_status_to_string(status))))
        }
        self.surface = surface
        size = (Double(cairo_image_surface_get_width(surface)), Double(cairo_image_surface_get_height(surface)))
    }

    deinit {
        cairo_surface_destroy(surface)
    }

    func draw(on cairo: OpaquePointer, centredOn x: Double, top: Double, height: Double) {
        guard size.height > 0 else { return }
        let scale = height / size.height
        cairo_save(cairo)
        cairo_translate(cairo, x - size.width * scale / 2, top)
        cairo_scale(cairo, scale, scale)
        cairo_set_source_surface(cairo, surface, 0, 0)
        cairo_paint(cairo)
        cairo_restore(cairo)
    }
}

/// Feeds PNG bytes to cairo's stream reader.
private struct PNGReader {
    let bytes: [UInt8]
    var offset = 0

    mutating func read(into buffer: UnsafeMutablePointer<UInt8>, count: Int) -> cairo_status_t {
        guard count <= bytes.count - offset else { return CAIRO_STATUS_READ_ERROR }
        bytes.withUnsafeBufferPointer { source in
            buffer.update(from: source.baseAddress! + offset, count: count)
        }
        offset += count
        return CAIRO_STATUS_SUCCESS
    }
}
