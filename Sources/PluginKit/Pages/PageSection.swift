public import Kernel

/// A section a plugin adds to a page the kernel renders (such as the public series page).
public struct PageSection: Sendable, Equatable {
    /// The section heading (rendered as an `h2`).
    public let title: String
    /// The section's content; use `h3` and lower for its own headings.
    public let body: HTML
    /// Sections are shown by ascending order, then by plugin id; the default puts a section after the kernel's own.
    public let order: Int

    public init(title: String, body: HTML, order: Int = 100) {
        self.title = title
        self.body = body
        self.order = order
    }
}
