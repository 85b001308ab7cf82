import Foundation
public import Kernel

/// Reads an `Accept-Language` header (RFC 9110 §12.5.4): the shipped language the client prefers most.
public enum AcceptLanguage {
    /// The first shipped language among the header's ranges, by quality (`fr-SN;q=0.9`), ties in the order given;
    /// ranges with `q=0` are refused ones. Nil when no range names a shipped language.
    public static func preferred(_ header: String?) -> Language? {
        guard let header, !header.isEmpty else { return nil }
        var ranges: [(language: Language, quality: Double, position: Int)] = []
        for (position, item) in header.split(separator: ",").prefix(32).enumerated() {
            let parts = item.split(separator: ";")
            guard let tag = parts.first.map({ String($0) }), let language = Language(tag: tag) else { continue }
            var quality = 1.0
            for parameter in parts.dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1)
                if pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces) == "q" {
                    quality = Double(pair[1].trimmingCharacters(in: .whitespaces)) ?? 0
                }
            }
            if quality > 0 { ranges.append((language, quality, position)) }
        }
        return ranges.min { ($0.quality, -$0.position) > ($1.quality, -$1.position) }?.language
    }
}
