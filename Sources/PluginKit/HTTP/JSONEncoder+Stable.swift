public import Foundation

extension JSONEncoder {
    /// An encoder whose bytes depend only on the value: keys sorted, dates in ISO 8601, slashes left unescaped.
    ///
    /// Every JSON answer and every `--json` output uses it, so equal values give equal bytes (and equal ETags).
    /// - Parameter pretty: Whether to indent (command output) or not (HTTP bodies).
    /// - Returns: A new encoder; encoders are not shared, so callers may not change one another's settings.
    public static func stable(pretty: Bool = false) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting =
            pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }
}
