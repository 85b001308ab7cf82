import CPangoCairo
import Foundation

/// An organization's PNG logo, loaded by cairo and drawn scaled to a given height.
final class LogoImage {
    private let surface: OpaquePointer
    private let size: (width: Double, height: Double)

    /// Loads a PNG file.
    /// - Throws: ``RenderingError/logo(path:reason:)`` when the file is missing or not a PNG cairo can read.
    init(path: String) throws {
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw RenderingError.logo(path: path, reason: "the file cannot be read")
        }
        surface = cairo_image_surface_create_from_png(path)
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(surface)
            throw RenderingError.logo(path: path, reason: String(cString: cairo_status_to_string(status)))
        }
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
