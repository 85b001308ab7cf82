import Crypto
import Foundation
import Kernel

/// A certificate's verification code: 80 random bits in Crockford base32, printed as four groups of four
/// (`7KQ2-M9XD-4TAW-ZC8R`). Crockford's alphabet has no I, L, O or U, so codes read aloud and typed by hand survive.
struct VerificationCode: Sendable, Equatable, CustomStringConvertible {
    private static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
    static let length = 16

    /// The 16 characters without separators.
    let canonical: String

    /// A new random code.
    init<G: RandomNumberGenerator>(using generator: inout G) {
        canonical = String((0..<Self.length).map { _ in Self.alphabet[Int(generator.next(upperBound: UInt8(32)))] })
    }

    /// Reads a code as a person may type it: any case, with or without hyphens and spaces, `I`/`L` for 1, `O` for 0.
    /// Returns nil for anything that cannot be a code.
    init?(typed text: String) {
        var characters: [Character] = []
        for character in text.uppercased() where character != "-" && character != " " {
            switch character {
            case "I", "L": characters.append("1")
            case "O": characters.append("0")
            case _ where Self.alphabet.contains(character): characters.append(character)
            default: return nil
            }
        }
        guard characters.count == Self.length else { return nil }
        canonical = String(characters)
    }

    /// The printed form, in groups of four.
    var description: String {
        stride(from: 0, to: Self.length, by: 4).map { start in
            let from = canonical.index(canonical.startIndex, offsetBy: start)
            return String(canonical[from..<canonical.index(from, offsetBy: 4)])
        }.joined(separator: "-")
    }

    /// What the database stores and looks codes up by: SHA-256 of the canonical code, hex.
    var digest: String {
        Kernel.Digest.sha256Hex(canonical)
    }
}
