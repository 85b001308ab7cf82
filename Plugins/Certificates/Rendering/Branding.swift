public import Foundation

/// An organization's look for its certificates: colours, heading, an optional logo and a signature line.
public struct Branding: Sendable, Equatable {
    /// The heading unless the organization sets its own; printed in the certificate's language (an organization's
    /// own heading is printed as written).
    public static let standardHeading = "Certificate of Completion"

    public var primary: RGB
    public var accent: RGB
    public var paper: RGB
    public var heading: String
    /// The organization's uploaded PNG logo, drawn above its name, or nil.
    public var logo: Data?
    /// The organization's own signatory printed beside the facilitators, or nil.
    public var signature: CertificateContent.Signatory?

    public init(
        primary: RGB = RGB(0x1F3A5F), accent: RGB = RGB(0xA67C2E), paper: RGB = RGB(0xFFFDF7),
        heading: String = Branding.standardHeading, logo: Data? = nil,
        signature: CertificateContent.Signatory? = nil
    ) {
        self.primary = primary
        self.accent = accent
        self.paper = paper
        self.heading = heading
        self.logo = logo
        self.signature = signature
    }
}

/// A colour given as `#RRGGBB`.
public struct RGB: Sendable, Equatable {
    public let red: Double
    public let green: Double
    public let blue: Double

    public init(_ hex: UInt32) {
        red = Double((hex >> 16) & 0xFF) / 255
        green = Double((hex >> 8) & 0xFF) / 255
        blue = Double(hex & 0xFF) / 255
    }

    /// Reads `#RRGGBB`; nil for anything else.
    public init?(hex text: String) {
        guard text.count == 7, text.first == "#", let value = UInt32(text.dropFirst(), radix: 16) else { return nil }
        self.init(value)
    }
}
